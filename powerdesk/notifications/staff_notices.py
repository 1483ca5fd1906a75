"""Notices to the station's people: a crew sent to a job, and escalations to the chief and the
order's owner."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from powerdesk.notifications import audience
from powerdesk.notifications.models import Audience, Channel, Event
from powerdesk.notifications.services import (
    Recipient,
    audiences,
    mobile_of,
    notice_raise,
    settings_for,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from powerdesk.accounts.models import Crew, Station, User
    from powerdesk.outages.models import Outage
    from powerdesk.servicedesk.models import Call, WorkOrder

__all__ = [
    "notify_crew_dispatched",
    "notify_crew_made_urgent",
    "notify_crew_taken_off",
    "notify_escalation",
    "notify_urgent_call",
    "notify_work_given",
]

A = Audience
# The kinds of a crew's notices in PowerDesk (``Notification.Kind``): sent to a job, a job
# taken off the crew, a job turned urgent or given a new urgent reason (walk40, 12).
CREW_JOB, CREW_TAKEN_OFF, CREW_URGENT = "crew_job", "crew_taken_off", "crew_urgent"


def notify_crew_dispatched(
    *,
    crew: Crew,
    order: WorkOrder | None = None,
    outage: Outage | None = None,
    sending: str = "",
    again: bool = False,
) -> None:
    """A crew sent to a job gets it by text message: data signal is poor in the mountains.
    ``sending`` names a sending after the job was another crew's (A → B → A: the crew told it
    was taken off is told again, by text and in PowerDesk) or after it was called back (A →
    recalled → A: walk56, H3); a retry or a double click, the crew unchanged, is the same
    sending and told once (``order_dispatch._new_sending``). ``again``: the crew was sent to
    it before and told it was withdrawn; the text says it is sent again, the withdrawal void."""
    from powerdesk.notifications.dispatch_texts import dispatch_facts

    station = crew.station
    who = audiences(station, Event.CREW_DISPATCHED)
    composed = dispatch_facts(crew, order=order, outage=outage)
    if composed is None:
        return
    key, facts, subject = composed
    key += sending
    if again:
        facts["again"] = True
    recipients: list[Recipient] = []
    if A.CREW in who:
        recipients += audience.with_template(audience.crew_phone(crew), "crew_dispatched")
    if A.WEBHOOK in who:
        recipients += audience.webhook(station, "crew_dispatched")
    # Each member of the crew, in PowerDesk too ("Notices to you", linking the job): the text
    # goes to the crew's duty phone only (walkthrough 37, #6). Once per sending (``key``).
    recipients += _members_in_app(crew, "crew_dispatched")
    job = order if order is not None else _outage_job(outage, crew)
    if sending:
        # A new sending (A → B → A, or after a recall): the crew's unread "taken off" of the job
        # no longer holds, and is put away before the new notice is raised (walk61, L3: on an
        # outage's job it stayed unread under "sent again, the withdrawal void").
        from powerdesk.servicedesk.notices_put_away import notices_crew_job_given_back

        notices_crew_job_given_back(crew=crew, order=order, outage=outage)
    notice_raise(
        station=station,
        event=Event.CREW_DISPATCHED,
        key=key,
        recipients=recipients,
        facts={
            **facts,
            "inapp": {"kind": CREW_JOB, **({"work_order": job.pk} if job else {})},
        },
        subject=subject,
    )


def notify_crew_taken_off(
    *,
    crew: Crew,
    by_crew: Crew | None,
    key: str,
    order: WorkOrder | None = None,
    outage: Outage | None = None,
) -> bool:
    """A job taken off ``crew`` (sent to ``by_crew`` instead, or called back: None): its
    members are told in PowerDesk, that it is no longer theirs and who has it, once per change
    (``key``). By text message too when its dispatch was texted (walk40, 6: a crew out of
    signal in the mountains acts on the text, and would go to a job no longer theirs): to the
    same phone, by the same path and audiences as the dispatch's text, once per change.
    Their unread notices of the job (its dispatch's) are put away, as opening it would: the
    phone's count no longer holds a job that is not theirs (walk39, 6); not of one who is in
    ``by_crew`` too, whose job it still is. Whether a text was raised (the caller records it in
    the history)."""
    texts: list[Recipient] = []
    if A.CREW in audiences(crew.station, Event.CREW_DISPATCHED) and _dispatch_texted(
        crew, order, outage
    ):
        texts = audience.with_template(audience.crew_phone(crew), "crew_taken_off_sms")
    recipients = _members_in_app(crew, "crew_taken_off") + texts
    if not recipients:
        return False
    job = order if order is not None else _outage_job(outage, crew)
    if job is None and by_crew is not None:
        # The outage's orders were handed to ``by_crew`` already: the job is theirs now, the
        # same order by its number (walk42, 3: never the device's code in its place).
        job = _outage_job(outage, by_crew)
    _put_away_taken_off(crew, by_crew, order, outage)
    if order is not None:
        number, place = order.number, ""
    elif outage is not None:
        number = job.number if job is not None else outage.device.code
        place = outage.device.name or outage.device.code
    else:
        return False
    notice = notice_raise(
        station=crew.station,
        event=Event.CREW_DISPATCHED,
        key=f"taken_off:{key}",
        recipients=recipients,
        facts={
            "number": number,
            "place": place,
            "crew": by_crew.name if by_crew is not None else "",  # none: called back
            "inapp": {"kind": CREW_TAKEN_OFF, **({"work_order": job.pk} if job else {})},
        },
        subject=order if order is not None else outage,
    )
    return notice is not None and bool(texts)


def _dispatch_texted(crew: Crew, order: WorkOrder | None, outage: Outage | None) -> bool:
    """Whether ``crew``'s dispatch to ``order`` (its reopening) or ``outage`` was texted: a
    text message of its dispatch notice (``dispatch_texts.dispatch_facts``'s key, or a
    later sending's: after another crew had it, or after a recall)."""
    from django.db.models import Q

    from powerdesk.notifications.models import Delivery

    if order is not None:
        sent = f"dispatch:order:{order.pk}:{order.reopened_count}:{crew.pk}"
    elif outage is not None:
        sent = f"dispatch:outage:{outage.pk}:{crew.pk}"
    else:
        return False
    return Delivery.objects.filter(
        Q(notice__key=sent) | Q(notice__key__startswith=f"{sent}:"),
        station_id=crew.station_id,
        channel=Channel.SMS,
        template="crew_dispatched",
    ).exists()


def _put_away_taken_off(
    crew: Crew, by_crew: Crew | None, order: WorkOrder | None, outage: Outage | None
) -> None:
    """``notify_crew_taken_off``'s putting away: the crew's notices of the order, or of any of
    the outage's orders (its job may have been another of them when it was sent)."""
    from powerdesk.servicedesk.notices import notices_crew_job_taken_off

    if order is not None:
        orders = [order.pk]
    elif outage is not None:
        from powerdesk.outages.joined import outage_link

        orders = list(outage_link(outage).work_orders.values_list("pk", flat=True))
    else:
        return
    keep = set(by_crew.members.values_list("pk", flat=True)) if by_crew is not None else set()
    notices_crew_job_taken_off(
        work_order_ids=orders,
        recipient_ids=set(crew.members.values_list("pk", flat=True)) - keep,
    )


def crew_told_in_app(crew: Crew) -> bool:
    """Whether any member of ``crew`` is told in PowerDesk when a job is taken off it
    (``notify_crew_taken_off``): the dispatcher is asked to ring a crew nobody of which is."""
    return bool(_members_in_app(crew, "crew_taken_off"))


def _members_in_app(crew: Crew, template: str) -> list[Recipient]:
    """The crew's members who work at the station, each in PowerDesk only."""
    members = list(crew.members.values_list("pk", flat=True))
    return [
        r for r in audience.staff(crew.station, members, template) if r.channel == Channel.IN_APP
    ]


def _outage_job(outage: Outage | None, crew: Crew) -> WorkOrder | None:
    """The order the crew's card for ``outage`` stands on (its phone's job), if any."""
    if outage is None:
        return None
    from powerdesk.servicedesk.crew_job_orders import outage_crew_job

    return outage_crew_job(outage, crew.pk)


def notify_crew_made_urgent(
    *,
    order: WorkOrder,
    call: Call,
    again: bool = False,
    new: Sequence[str] = (),
    repeated: bool = False,
) -> bool:
    """The crew already sent to ``order`` is told by text message that a repeat call (``call``)
    made it urgent, in the words of its dispatch (``dispatch_texts.order_facts``): why (each
    danger, a medical need), what and where, the words of that call, by when they are now due
    on site and the number to ring. As the dispatch's text (the audiences the station chose for
    it), once per order, reopening and crew however often it is asked (a retry, a double
    submit). Each member of the crew is told in PowerDesk too, as of a dispatch ("2026-02464 is
    now urgent: a medical need at home", linking the job its phone shows: walk38, 4), under the
    same notice: once per change. ``again``: the order was urgent already and ``call`` brings
    a reason of its own (a medical need on an outage's order born urgent): told once for that
    call, which reason is new (``new``: its codes, ``urgent_why.reasons_new``) with every one
    in the text's tag; ``repeated``: the call named only reasons the order had (``new`` then
    holds them): told as another urgent call. Whether a text was raised."""
    from powerdesk.notifications.dispatch_texts import order_facts

    crew = order.crew
    if crew is None:
        return False
    station = crew.station
    who = audiences(station, Event.CREW_DISPATCHED)
    texts: list[Recipient] = []
    if A.CREW in who:
        texts += audience.with_template(audience.crew_phone(crew), "crew_made_urgent")
    recipients = texts + _members_in_app(crew, MADE_URGENT_IN_APP)
    if not recipients:
        return False
    from powerdesk.outages.joined import active_outage_of

    outage = active_outage_of(order)
    # The job the crew's phone shows: an outage's card stands on one of its orders.
    job = _outage_job(outage, crew) if outage is not None else order
    facts = order_facts(order, call=call, added=again)
    if again:
        # Urgent already: a new reason, not "now urgent" (walk40, 3), saying which.
        facts.update(_added_facts(facts, list(new), repeated))
    notice = notice_raise(
        station=station,
        event=Event.CREW_DISPATCHED,
        key=f"urgent:order:{order.pk}:{order.reopened_count}:{crew.pk}"
        + (f":call:{call.pk}" if again else ""),
        recipients=recipients,
        facts={
            **facts,
            "inapp": {"kind": CREW_URGENT, "work_order": (job or order).pk},
        },
        subject=order,
    )
    return notice is not None and bool(texts)


MADE_URGENT_IN_APP = "crew_made_urgent_app"  # the in-app line's template (``dispatch_shown``)


def _added_facts(facts: dict[str, Any], new: list[str], repeated: bool) -> dict[str, Any]:
    """A crew's text's facts of a call on an order urgent already: the reasons it brings
    (``new``: codes, worded when the text is sent), each among the tag's too, and whether they
    are ones the order had (``repeated``)."""
    why = list(facts.get("why") or [])
    return {
        "added": True,
        "new": new,
        "why": why + [code for code in new if code not in why],
        **({"repeated": True} if repeated and new else {}),
    }


def notify_escalation(
    *,
    station: Any,
    user_ids: set[int | None],
    kind: str,
    key: str,
    what: str,
    about: str,
    links: dict[str, Any],
    about_said: dict[str, Any] | None = None,
) -> None:
    """An escalation (late, about to be, an unhappy customer) to the chief and the owner (an
    owner who is a chief is told as a chief). ``about``: what it is about, as data or in the
    station's words; ``about_said``: the same as the system's line
    (``history_notes.note_said``), drawn in each reader's language."""
    who = audiences(station, Event.ESCALATION)
    named = {u for u in user_ids if u is not None}
    chief_ids = set(audience.chiefs(station))
    ids = (named & chief_ids if A.CHIEF in who else set()) | (
        named - chief_ids if A.OWNER in who else set()
    )
    recipients = audience.staff(station, sorted(ids), "escalation")
    if A.WEBHOOK in who:
        recipients += audience.webhook(station, "escalation")
    notice_raise(
        station=station,
        event=Event.ESCALATION,
        key=f"esc:{key}",
        recipients=recipients,
        facts={
            "what": what,
            "about": about,
            "inapp": {"kind": kind, **links},
            **(
                {"about_said": {"code": about_said["note_code"], "args": about_said["note_args"]}}
                if about_said
                else {}
            ),
        },
        extend=True,
    )


def notify_urgent_call(*, call: Call, user_ids: list[int], key: str, facts: dict[str, Any]) -> None:
    """An urgent call waiting for its work order, to the people ``user_ids`` (the station's
    dispatchers; with the chief when its commitment has passed): in PowerDesk, and by text
    message to each one's mobile phone whatever the station chose for routine notices (a
    danger to life taken at night, when nobody at the desk is looking at PowerDesk); by email
    too when the station emails staff. Once per ``key`` and person, however often it is asked
    (a retry, a double click, the scan running again)."""
    station: Station = call.station
    conf = settings_for(station)
    from powerdesk.accounts.models import User

    recipients: list[Recipient] = []
    for user in User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"):
        who = {"user_id": user.pk}
        recipients.append(Recipient(Channel.IN_APP, str(user.pk), "urgent_call", who=who))
        number = mobile_of(user.phone, station)
        if number:
            recipients.append(Recipient(Channel.SMS, number, "urgent_call", who=who))
        if conf.email_staff and user.email:
            recipients.append(Recipient(Channel.EMAIL, user.email, "urgent_call", who=who))
    notice_raise(
        station=station,
        event=Event.URGENT_CALL,
        key=key,
        recipients=recipients,
        facts={**facts, "inapp": {"kind": "urgent_call", "call": call.pk}},
        subject=call,
        extend=True,  # a dispatcher who joined since is told too, the others not again
    )


def notify_work_given(
    *,
    station: Station,
    owner_id: int,
    by: User | None,
    key: str,
    what: str,
    facts: dict[str, Any],
    links: dict[str, int],
    subject: Any,
) -> None:
    """Work without an owner given to someone (``servicedesk.ownership``): they are told in
    PowerDesk, on their own notices at this station only ("Notices to you": what was given, by
    whom, a link to it). Once per giving (``key``: a retry or a double submit tells nothing
    more); only someone who works at the station."""
    recipients = [
        r for r in audience.staff(station, [owner_id], "work_given") if r.channel == Channel.IN_APP
    ]
    if not recipients:
        return
    notice_raise(
        station=station,
        event=Event.WORK_GIVEN,
        key=key,
        recipients=recipients,
        facts={
            **facts,
            "what": what,
            "by": str(by) if by is not None else "",
            "inapp": {"kind": "work_given", **links},
        },
        subject=subject,
    )
