"""Notices put away when nothing is left to do about them: an order finished, an urgent call
given its order, a promise explained or settled, work given opened or gone to someone else, a
crew's job taken off it or finished. Each keeps when and why, and the putting away is recorded
(``NotificationsRead``). Split from ``notices`` (the person's own list and the home page's
lines), which names these too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from powerdesk.servicedesk.models import (
    HardProblem,
    HardProblemStep,
    Notification,
    NotificationsRead,
    Promise,
    WorkOrder,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from powerdesk.accounts.models import Crew, Station, User
    from powerdesk.outages.models import Outage

__all__ = [
    "CREW_KINDS",
    "SETTLED_BY_FINISHING",
    "given_key",
    "notices_call_ordered",
    "notices_crew_job_given_back",
    "notices_crew_job_taken_off",
    "notices_given_handed_back",
    "notices_given_opened",
    "notices_given_settled",
    "notices_order_finished",
    "notices_promise_explained",
    "notices_promise_settled",
]

K = Notification.Kind
# A crew's notices of a job: sent to it, made urgent (or a new urgent reason), taken off it.
CREW_KINDS = (K.CREW_JOB, K.CREW_URGENT, K.CREW_TAKEN_OFF)

# Notices that an order is due or late: its finishing settles them.
SETTLED_BY_FINISHING = (K.DUE_SOON, K.OVERDUE)


@transaction.atomic
def _put_away(
    notices: QuerySet[Notification],
    reason: str,
    *,
    at: dt.datetime | None = None,
    kind: str = "",
    work_order_id: int | None = None,
) -> int:
    """Put away the unread ones of ``notices``, nothing being left to do about them: each keeps
    when and why (``read_at``, ``read_reason``: the list says why, not "read"), and the putting
    away is recorded as a person's "mark all read" is: by the system, when, why, which order
    (``NotificationsRead``, on the station's audit trail), one record a station and order
    (``work_order_id``: the order they are put away for, else each notice's own). Returns how
    many were put away."""
    now = at or timezone.now()
    settled = list(
        notices.filter(read_at=None)
        .select_for_update()
        .values_list("pk", "station_id", "work_order_id")
    )
    if not settled:
        return 0
    Notification.objects.filter(pk__in=[pk for pk, _s, _o in settled]).update(
        read_at=now, read_reason=reason
    )
    by_order: dict[tuple[int, int | None], list[int]] = {}
    for pk, station_id, order_id in settled:
        by_order.setdefault((station_id, work_order_id or order_id), []).append(pk)
    NotificationsRead.objects.bulk_create(
        NotificationsRead(
            station_id=station_id,
            user=None,
            at=now,
            upto=max(pks),
            count=len(pks),
            kind=kind,
            reason=reason,
            work_order_id=order_id,
        )
        for (station_id, order_id), pks in sorted(
            by_order.items(), key=lambda g: (g[0][0], g[0][1] or 0)
        )
    )
    return len(settled)


def notices_order_finished(order_ids: Iterable[int], *, at: dt.datetime | None = None) -> int:
    """Put away the unread notices that these work orders are due or late, now that they are
    finished (resolved or closed): nothing is left to do about them; and its crew's notices of
    it (``CREW_KINDS``: walk40, 12). The list says "order finished" for them, not "read".
    Notices of other kinds (an unhappy customer, a callback overdue) stay for the person.
    Recorded a station and order (``_put_away``)."""
    ids = list(order_ids)
    if not ids:
        return 0
    notices = Notification.objects.filter(work_order_id__in=ids, kind__in=SETTLED_BY_FINISHING)
    put = _put_away(notices, Notification.ReadReason.ORDER_FINISHED, at=at)
    # A crew's notices of the job (sent to it, made urgent, taken off): the job is done, its
    # phone's count no longer holds it (walk40, 12). Recorded as the crew's kinds.
    crews = Notification.objects.filter(work_order_id__in=ids)
    return put + sum(
        _put_away(crews.filter(kind=kind), Notification.ReadReason.ORDER_FINISHED, at=at, kind=kind)
        for kind in CREW_KINDS
    )


def notices_call_ordered(call_id: int, order: WorkOrder, *, at: dt.datetime | None = None) -> int:
    """Put away the unread notices that an urgent call waits for a work order
    (``call_urgent``: at once, and again once late), now that it has one — opened from the
    call's page by anyone, or the call joined to one: nobody is to open a second order or
    chase a call dealt with. The list says "work order opened"; recorded with that order
    (``_put_away``)."""
    notices = Notification.objects.filter(call_id=call_id, kind=K.URGENT_CALL)
    return _put_away(notices, Notification.ReadReason.ORDER_OPENED, at=at, work_order_id=order.pk)


def notices_promise_explained(promise: Promise, *, at: dt.datetime | None = None) -> int:
    """Put away the unread notices that this promise was broken, for everyone told, now that
    why it was not kept is recorded (``promise_explain``): nothing is left to do about them.
    The list says "why recorded"; recorded with the promise's order (``_put_away``)."""
    notices = Notification.objects.filter(promise_id=promise.pk, kind=K.PROMISE_BROKEN)
    return _put_away(
        notices,
        Notification.ReadReason.WHY_RECORDED,
        at=at,
        kind=K.PROMISE_BROKEN,
        work_order_id=promise.work_order_id,
    )


@transaction.atomic
def notices_promise_settled(promise: Promise, *, at: dt.datetime | None = None) -> int:
    """Put away the unread notices that this promise is due soon, for everyone told, now that
    it is settled (kept, or broken: nothing is left to keep by its time; walkthrough 34,
    finding 2). Each keeps when and why (the list says "promise settled"), and the putting away
    is recorded as the others are: by the system, when, which order (``NotificationsRead``)."""
    now = at or timezone.now()
    settled_reason = Notification.ReadReason.PROMISE_SETTLED
    settled = list(
        Notification.objects.select_for_update()
        .filter(promise_id=promise.pk, kind=K.PROMISE_DUE, read_at=None)
        .values_list("pk", flat=True)
    )
    if not settled:
        return 0
    Notification.objects.filter(pk__in=settled).update(read_at=now, read_reason=settled_reason)
    NotificationsRead.objects.create(
        station_id=promise.station_id,
        user=None,
        at=now,
        upto=max(settled),
        count=len(settled),
        kind=K.PROMISE_DUE,
        reason=settled_reason,
        work_order_id=promise.work_order_id,
    )
    return len(settled)


# -- work given to someone (``ownership``) ----------------------------------------------------
R = Notification.ReadReason


def given_key(kind: str, item_pk: int, change_pk: int) -> str:
    """The key of a notice that work was given: its kind ("order", "problem", "step"), the
    item and the giving (``OwnerChange``): told once per giving."""
    return f"given:{kind}:{item_pk}:{change_pk}"


def notices_given_opened(
    *,
    user: User | None,
    station: Station,
    work_order: WorkOrder | None = None,
    hard_problem: HardProblem | None = None,
) -> int:
    """The person opened the work order (or hard problem: its steps' notices link to it) they
    were given, or their crew was sent to (``CREW_JOB``): their unread notices of it are put
    away ("opened"), recorded as theirs (``NotificationsRead``: who, when, how many, why, one
    record a kind). One query when there are none."""
    if user is None or not user.is_authenticated:
        return 0
    about: dict[str, object] = (
        {"work_order": work_order} if work_order is not None else {"hard_problem": hard_problem}
    )
    kinds = (K.WORK_GIVEN, *CREW_KINDS) if work_order is not None else (K.WORK_GIVEN,)
    found = list(
        Notification.objects.filter(
            station=station, recipient=user, read_at=None, kind__in=kinds, **about
        ).values_list("pk", "kind")
    )
    if not found:
        return 0
    now = timezone.now()
    total = 0
    with transaction.atomic():
        for kind in kinds:
            pks = [pk for pk, k in found if k == kind]
            if not pks:
                continue
            count = Notification.objects.filter(pk__in=pks, read_at=None).update(
                read_at=now, read_reason=R.OPENED
            )
            if count:
                NotificationsRead.objects.create(
                    station=station,
                    user=user,
                    at=now,
                    kind=kind,
                    upto=max(pks),
                    count=count,
                    reason=R.OPENED,
                    work_order=work_order,
                )
            total += count
    return total


def notices_given_settled(
    *,
    reason: str,
    work_order: WorkOrder | None = None,
    hard_problem: HardProblem | None = None,
    step: HardProblemStep | None = None,
    keep_owner_id: int | None = None,
    steps_too: bool = False,
    at: dt.datetime | None = None,
) -> int:
    """Put away the unread notices that this work was given, nothing being left to tell: it
    went to someone else (``keep_owner_id``: the new owner's are kept), or it is done (the
    order finished with its callback, the problem solved: its steps' too, ``steps_too``; the
    step done).
    Recorded by the system, when and why (``_put_away``)."""
    notices = Notification.objects.filter(kind=K.WORK_GIVEN)
    if work_order is not None:
        notices = notices.filter(work_order=work_order)
    elif step is not None:
        notices = notices.filter(
            hard_problem_id=step.problem_id, key__startswith=f"given:step:{step.pk}:"
        )
    elif hard_problem is not None:
        notices = notices.filter(hard_problem=hard_problem)
        if not steps_too:  # the problem's own notices, not its steps' (their own owners')
            notices = notices.filter(key__startswith=f"given:problem:{hard_problem.pk}:")
    else:
        return 0
    if keep_owner_id is not None:
        notices = notices.exclude(recipient_id=keep_owner_id)
    order_id = work_order.pk if work_order is not None else None
    put = _put_away(notices, reason, at=at, kind=K.WORK_GIVEN, work_order_id=order_id)
    if step is not None and keep_owner_id is None:
        put += _step_overdue_settled(step, reason, at=at)
    return put


def _step_overdue_settled(step: HardProblemStep, reason: str, *, at: dt.datetime | None) -> int:
    """A step done or dropped: its "step past its due" notices (``escalation``) are put away
    too, to its owner and the chief alike; nothing is left overdue (walk76, 6)."""
    notices = Notification.objects.filter(
        kind=K.STEP_OVERDUE, hard_problem_id=step.problem_id, key__startswith=f"esc:step:{step.pk}:"
    )
    return _put_away(notices, reason, at=at, kind=K.STEP_OVERDUE)


def notices_crew_job_taken_off(
    *, work_order_ids: Iterable[int], recipient_ids: Iterable[int]
) -> int:
    """A job taken off a crew (called back, or sent to another crew): its members' unread
    notices of it (the dispatch's "sent to job …") are put away ("no longer theirs"), as opening
    the job would: the crew's count no longer holds a job that is not theirs (walk39, 6). Done
    before the notice that it was taken off is raised: that one stays to be read."""
    ids, orders = list(recipient_ids), list(work_order_ids)
    if not ids or not orders:
        return 0
    notices = Notification.objects.filter(work_order_id__in=orders, recipient_id__in=ids)
    # Its dispatch's notice and any that it turned urgent (walk40, 12): each kind recorded.
    return sum(
        _put_away(notices.filter(kind=kind), R.OWNER_CHANGED, kind=kind)
        for kind in (K.CREW_JOB, K.CREW_URGENT)
    )


def notices_given_handed_back(*, station: Station, person: User) -> int:
    """The person's work at the station ended (``handback``): what they were given went back to
    the station, and their unread notices of it are put away ("no longer theirs")."""
    notices = Notification.objects.filter(station=station, recipient=person, kind=K.WORK_GIVEN)
    return _put_away(notices, R.OWNER_CHANGED, kind=K.WORK_GIVEN)


def notices_crew_job_sent_back(*, work_order_id: int, recipient_ids: Iterable[int]) -> int:
    """A job sent again to a crew it was taken off: its members' unread notices that it was
    taken off are put away, the job being theirs again (walk56, M1: "撤回派工 4 条提醒" stayed
    above the job back on the phone's list); the new dispatch's notice is raised after."""
    ids = list(recipient_ids)
    if not ids:
        return 0
    notices = Notification.objects.filter(
        work_order_id=work_order_id, recipient_id__in=ids, kind=K.CREW_TAKEN_OFF
    )
    return _put_away(notices, R.OWNER_CHANGED, kind=K.CREW_TAKEN_OFF)


def notices_crew_job_given_back(
    *, crew: Crew, order: WorkOrder | None = None, outage: Outage | None = None
) -> int:
    """A new sending of a job to ``crew`` (the order, or the outage: any of its orders, its job
    may have been another of them when it was taken off): its members' unread notices that it
    was taken off are put away, as ``notices_crew_job_sent_back`` does for an order (walk61, L3:
    on an outage's job, "taken off" stayed unread under "sent again, the withdrawal void")."""
    if order is not None:
        orders = [order.pk]
    elif outage is not None:
        from powerdesk.outages.joined import outage_link

        orders = list(outage_link(outage).work_orders.values_list("pk", flat=True))
    else:
        return 0
    members = list(crew.members.values_list("pk", flat=True))
    return sum(notices_crew_job_sent_back(work_order_id=pk, recipient_ids=members) for pk in orders)
