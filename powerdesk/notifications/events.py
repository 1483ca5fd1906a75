"""The events that tell people, each raised by the service that makes it happen.

When households are told of an unplanned outage: as soon as there is an outage record — staff
confirmed the engine's prediction on the board, or declared it by hand. A prediction alone,
however confident, texts nobody: a wrong one would reach hundreds of households, and the board
puts every prediction before the staff within seconds of the engine making it.

The revisions of a fault outage's expected restoration are told in ``estimate_texts``, the
day-before reminder of a planned outage in ``planned_reminder``, and a planned outage moved or
called off in ``planned_changes``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import pgettext

from powerdesk.notifications import audience
from powerdesk.notifications.models import Audience, Channel, Event, SmsQuestion
from powerdesk.notifications.restoration import restoration_facts
from powerdesk.notifications.services import (
    Recipient,
    audiences,
    is_mobile,
    notice_raise,
    recipients_unique,
)
from powerdesk.notifications.told import AlreadyTold, StillOut, outage_already_told, still_out

if TYPE_CHECKING:
    from powerdesk.accounts.models import Crew, Station
    from powerdesk.arrears.models import ArrearsCase
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage
    from powerdesk.servicedesk.models import WorkOrder

A = Audience


def _iso(at: dt.datetime | None) -> str:
    return at.isoformat() if at else ""


def outage_facts(outage: Outage) -> dict[str, Any]:
    from powerdesk.outages.crew import outage_crew_state

    return {
        "device": outage.device.name or outage.device.code,
        "villages": audience.village_names(outage.device),
        # The crew's words and the kind it found (said in each reader's language: ``texts``).
        "cause": outage.cause,
        "cause_kind": outage.cause_kind,
        # The staff's time, else the model's estimate ("about"): ``restoration``.
        **restoration_facts(outage),
        "starts": _iso(outage.starts_at),
        "ends": _iso(outage.expected_restore_at),
        "restored": _iso(outage.restored_at),
        # Where the crew is when the notice is raised: the text says no more than that.
        "crew_state": str(outage_crew_state(outage)),
    }


def _outage_recipients(
    outage: Outage,
    event: str,
    template: str,
    *,
    ask: set[int] | None = None,
    skip: frozenset[int] = frozenset(),
) -> list[Recipient]:
    return _device_recipients(outage.station, outage.device, event, template, ask=ask, skip=skip)


def _device_recipients(
    station: Station,
    device: GridNode,
    event: str,
    template: str,
    *,
    ask: set[int] | None = None,
    skip: frozenset[int] = frozenset(),
) -> list[Recipient]:
    """Everyone told of ``event`` of an outage on ``device``, as the station chose; the
    households ``skip`` (customer ids: already told) left out."""
    who = audiences(station.pk, event)
    found: list[Recipient] = []
    if A.LIAISONS in who:
        villages, groups = audience.villages_below(device)
        found += audience.with_template(audience.liaisons_of(station, villages, groups), template)
    if A.HOUSEHOLDS in who:
        found += [
            r
            for r in audience.households_below(
                device, template, ask=ask, ask_template=f"{template}_ask"
            )
            if r.who.get("customer_id") not in skip
        ]
    staff_ids = []
    if A.CHIEF in who:
        staff_ids += audience.chiefs(station.pk)
    if A.OFFICE in who:
        staff_ids += audience.office(station.pk)
    found += audience.staff(station, staff_ids, template)
    if A.WEBHOOK in who:
        found += audience.webhook(station, template)
    return found


@dataclass(frozen=True)
class Reach:
    """What a change that texts at once reaches, said before staff make it: the households it
    concerns (below the device), those of them that get a text message (a mobile on file), and
    the text messages it sends — counted from the very recipients the sending uses
    (``recipients_unique``), liaisons' and staff's included."""

    households: int
    texted: int
    messages: int
    told: bool = True  # False: the station does not text households of this event
    # Households left out as already told (``told.outage_already_told``): texted of an open
    # outage below or above, they get no second text; ``already_above``: those of them told of
    # a wider outage above.
    already: int = 0
    already_above: int = 0

    @property
    def untexted(self) -> int:
        """Households it concerns that get no text message and were not told already: told
        by a liaison or a visit."""
        return max(self.households - self.texted - self.already, 0)


def reach_of(
    recipients: list[Recipient],
    *,
    households: int,
    told: bool = True,
    already: int = 0,
    already_above: int = 0,
) -> Reach:
    """The reach of sending to ``recipients`` (as ``notice_raise`` sends: once an address)."""
    sms = [r for r in recipients_unique(recipients) if r.channel == Channel.SMS]
    texted = len({r.who["customer_id"] for r in sms if "customer_id" in r.who})
    return Reach(
        households=households,
        texted=texted,
        messages=len(sms),
        told=told,
        already=already,
        already_above=already_above,
    )


def households_below_count(device: GridNode) -> int:
    """The households supplied through ``device``, with a mobile phone or not."""
    from powerdesk.outages.joined import customers_below

    return customers_below(device).count()


def outage_notice(outage: Outage, event: str, key: str, template: str, **kw: Any) -> Any:
    facts = outage_facts(outage)
    facts["inapp"] = {"kind": "outage"}
    return notice_raise(
        station=outage.station,
        event=event,
        key=key,
        recipients=_outage_recipients(outage, event, template, **kw),
        facts=facts,
        subject=outage,
    )


ALREADY_TOLD = "already_told"  # the outage's history line of the households not texted again


def notify_outage_known(outage: Outage) -> None:
    """A fault outage is on record with the power off: everyone under it is told, but for the
    households already texted of an open outage below it or above it that still keeps them dark
    (``told.outage_already_told``), whom its history names instead. Every way an outage is
    recorded (the board's confirm, by hand, "found here", intake) comes here."""
    if outage.kind != outage.Kind.UNPLANNED or outage.status != outage.Status.ACTIVE:
        return
    told = outage_already_told(outage.station_id, outage.device, outage_pk=outage.pk)
    notice = outage_notice(
        outage,
        Event.OUTAGE_KNOWN,
        f"outage_known:{outage.pk}",
        "outage_known",
        skip=told.customers,
    )
    if notice is None:
        return
    _already_told_lines(outage, told)


def _already_told_lines(outage: Outage, told: AlreadyTold) -> None:
    """The outage's history names the households not texted of it: those told of an open
    outage below it, and those told of one above it (a line each)."""
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_part, note_said

    for code, customers, outages in (
        ("already_told", told.below, told.outages_below),
        ("already_told_above", told.above, told.outages_above),
    ):
        if not customers:
            continue
        devices = [o.device.name or o.device.code for o in outages]
        said = note_said(
            code,
            n=len(customers),
            devices=note_part("items", items=devices),
            outages=[o.pk for o in outages],
            customers=sorted(customers),
        )
        outage_history_add(outage, None, ALREADY_TOLD, said=said)


def outage_known_reach(station: Station, device: GridNode) -> Reach:
    """What a fault outage recorded now on ``device`` texts (``notify_outage_known``, to whom
    the station chose), the households already told of an open outage below or above it left
    out: said before staff record one."""
    told = outage_already_told(station.pk, device)
    return reach_of(
        _device_recipients(
            station, device, Event.OUTAGE_KNOWN, "outage_known", skip=told.customers
        ),
        households=households_below_count(device),
        told=A.HOUSEHOLDS in audiences(station.pk, Event.OUTAGE_KNOWN),
        already=len(told.customers),
        already_above=len(told.above),
    )


def planned_reach(station: Station, device: GridNode, template: str = "planned_announced") -> Reach:
    """What a planned outage on ``device`` announced (or moved: ``template``) now texts
    (``notify_planned_announced``, ``notify_planned_moved``): said before staff do it."""
    return _event_reach(station, device, Event.PLANNED_ANNOUNCED, template)


def _event_reach(station: Station, device: GridNode, event: str, template: str) -> Reach:
    return reach_of(
        _device_recipients(station, device, event, template),
        households=households_below_count(device),
        told=A.HOUSEHOLDS in audiences(station.pk, event),
    )


def notify_power_back(outage: Outage) -> None:
    """Power is back: households are told; those who called are asked whether theirs is. The
    households still dark from another fault outage open on the feeder are not (``told``):
    those never texted of one that keeps them dark are texted that it is still open."""
    out = still_out(outage)
    callers = _callers(outage) - out.customers if outage.kind == outage.Kind.UNPLANNED else set()
    notice = outage_notice(
        outage,
        Event.POWER_BACK,
        f"power_back:{outage.pk}",
        "power_back",
        ask=callers,
        skip=out.customers,
    )
    if notice is None:
        return
    _still_out_told(outage, out)
    if not callers:
        return
    now = timezone.now()
    SmsQuestion.objects.bulk_create(
        [
            SmsQuestion(
                station_id=outage.station_id,
                number=d.address,
                outage=outage,
                customer_id=d.customer_id,
                asked_at=now,
            )
            for d in notice.deliveries.filter(template="power_back_ask")
        ],
        ignore_conflicts=True,
    )


STILL_OUT = "still_out"  # the restored outage's line of the households still dark, not told
STILL_OPEN_TOLD = "still_open_told"  # the open outage's line of those texted it is still open


def _still_out_told(restored: Outage, out: StillOut) -> None:
    """The households below ``restored`` still dark from another open outage: its history
    names them; those never texted of an outage keeping them dark are texted that the nearest
    is still open (its facts as they are now), and its history says so."""
    if not out.customers:
        return
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_part, note_said

    def named(outages: list[Outage]) -> dict[str, Any]:
        return note_part("items", items=[o.device.name or o.device.code for o in outages])

    said = note_said(
        STILL_OUT,
        n=len(out.customers),
        devices=named(list(out.outages)),
        outages=[o.pk for o in out.outages],
        customers=sorted(out.customers),
    )
    outage_history_add(restored, None, STILL_OUT, said=said)
    households = A.HOUSEHOLDS in audiences(restored.station_id, Event.OUTAGE_KNOWN)
    for still, customers in out.to_tell.items():
        recipients = [
            r
            for r in audience.households_below(still.device, "still_open")
            if r.who.get("customer_id") in customers
        ]
        if not households or not recipients:
            continue
        facts = outage_facts(still)
        facts["inapp"] = {"kind": "outage"}
        notice_raise(
            station=still.station,
            event=Event.OUTAGE_KNOWN,
            key=f"still_open:{still.pk}:{restored.pk}",
            recipients=recipients,
            facts=facts,
            subject=still,
        )
        texted = sorted({r.who["customer_id"] for r in recipients})
        said = note_said(
            STILL_OPEN_TOLD,
            n=len(texted),
            devices=named([restored]),
            outages=[restored.pk],
            customers=texted,
        )
        outage_history_add(still, None, STILL_OPEN_TOLD, said=said)


def _callers(outage: Outage) -> set[int]:
    """Households that reported this outage: its callback list, and the customers of its
    joined orders."""
    from powerdesk.outages.models import OutageCallback

    callers = set(
        outage.callbacks.filter(reason=OutageCallback.Reason.CALLER).values_list(
            "customer_id", flat=True
        )
    )
    link = getattr(outage, "link", None)
    if link is not None:
        callers |= {
            c for c in link.work_orders.values_list("customer_id", flat=True) if c is not None
        }
    return callers


def notify_planned_announced(outage: Outage) -> None:
    """A planned outage announced (or moved): the window is told, at least a week ahead."""
    if outage.kind != outage.Kind.PLANNED or outage.status != outage.Status.ANNOUNCED:
        return
    key = f"planned:{outage.pk}:{outage.starts_at:%Y%m%d%H%M}"
    outage_notice(outage, Event.PLANNED_ANNOUNCED, key, "planned_announced")


def notify_crew_dispatched(
    *, crew: Crew, order: WorkOrder | None = None, outage: Outage | None = None
) -> None:
    """A crew sent to a job gets it by text message: data signal is poor in the mountains."""
    station = crew.station
    who = audiences(station, Event.CREW_DISPATCHED)
    if order is not None:
        key = f"dispatch:order:{order.pk}:{order.reopened_count}:{crew.pk}"
        customer = order.customer
        facts: dict[str, Any] = {
            "number": order.number,
            "summary": order.summary[:30],
            "place": " ".join(
                str(p) for p in (order.village, order.group.name if order.group else "") if p
            ),
            "contact": customer.phones.values_list("number", flat=True).first() or ""
            if customer
            else "",
        }
        subject: Any = order
    elif outage is not None:
        from powerdesk.lib.language import station_language

        key = f"dispatch:outage:{outage.pk}:{crew.pk}"
        with station_language():  # the text is the station's, as its words
            separator = pgettext("list separator", ", ")
        facts = {
            "number": outage.device.code,
            "summary": outage.device.name or outage.device.code,
            "place": separator.join(audience.village_names(outage.device)[:3]),
        }
        subject = outage
    else:
        return
    recipients: list[Recipient] = []
    if A.CREW in who:
        recipients += audience.with_template(audience.crew_phone(crew), "crew_dispatched")
    if A.WEBHOOK in who:
        recipients += audience.webhook(station, "crew_dispatched")
    notice_raise(
        station=station,
        event=Event.CREW_DISPATCHED,
        key=key,
        recipients=recipients,
        facts=facts,
        subject=subject,
    )


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


def notify_arrears_notice(case: ArrearsCase, *, deadline: dt.datetime) -> int:
    """The written notice of arrears by text message to the household's mobile phones; the
    delivery receipt is the notice's proof (``receipts``). Returns how many phones."""
    from powerdesk.notifications.models import Channel

    customer = case.customer
    recipients = [
        Recipient(Channel.SMS, n, "arrears_notice", who={"customer_id": customer.pk})
        for n in customer.phones.values_list("number", flat=True)
        if is_mobile(n)
    ]
    if A.CUSTOMER not in audiences(case.station_id, Event.ARREARS_NOTICE):
        recipients = []
    notice = notice_raise(
        station=case.station,
        event=Event.ARREARS_NOTICE,
        key=f"arrears:{case.pk}:{timezone.now():%Y%m%d%H%M%S}",
        recipients=recipients,
        facts={
            "account": customer.account_number,
            "amount": str(case.amount),
            "deadline": _iso(deadline),
        },
        subject=case,
    )
    return notice.deliveries.count() if notice else 0


def notify_callbacks_due(outage: Outage, households: int) -> None:
    """Power is back and households are to be called back: the office is told."""
    if not households:
        return
    who = audiences(outage.station_id, Event.CALLBACK_DUE)
    ids: list[int] = []
    if A.OFFICE in who:
        ids += audience.office(outage.station_id)
    if A.CHIEF in who:
        ids += audience.chiefs(outage.station_id)
    facts = outage_facts(outage)
    facts.update(households=households, inapp={"kind": "callbacks_due"})
    notice_raise(
        station=outage.station,
        event=Event.CALLBACK_DUE,
        key=f"callbacks_due:{outage.pk}",
        recipients=audience.staff(outage.station, ids, "callback_due"),
        facts=facts,
        subject=outage,
    )
