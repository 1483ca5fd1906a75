"""Escalation: telling owners and the chief what is late or about to be.

Each notice has a key naming its occasion (an order late on its current deadline, one unhappy
callback, a revisit due on a given day, one missed call); a person is told once per occasion,
however often the scan runs, and again when a new occasion comes (the order reopened and late
again, a second unhappy callback). When a storm brings many orders late or due in one scan,
each still goes to its owner, but the chief gets one summary of them for the scan.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from powerdesk.accounts.models import Membership, Role
from powerdesk.servicedesk.history_notes import note_part, note_said
from powerdesk.servicedesk.models import (
    Call,
    HardProblem,
    HardProblemStep,
    Notification,
    Promise,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
)
from powerdesk.servicedesk.models.queries import DUE_SOON, next_deadline
from powerdesk.servicedesk.notices import notices_promise_settled
from powerdesk.servicedesk.workflow import CREW_CATEGORIES

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.outages.models import OutageCallback
    from powerdesk.servicedesk.models import Callback

# A missed call not returned within this time goes to the chief.
CALL_RETURN_WITHIN = dt.timedelta(minutes=30)
# More orders than this coming late or due in one scan (a storm): the chief gets one summary.
SUMMARY_OVER = 5

K = Notification.Kind


def escalations_scan(*, station: Station, now: dt.datetime | None = None) -> int:
    """Tell owners and the chief about everything late or about to be; returns notices made.

    Work orders late or due within the hour, promises (an open one past its time is marked
    broken), callbacks past their time, hard problems whose revisit day has passed and steps of
    their plans past their due date, missed
    calls not returned within half an hour, and urgent calls still waiting for their work
    order (``call_urgent``: to the dispatchers, and with the chief once late).
    """
    now = now or timezone.now()
    chiefs = _chiefs(station)
    made = 0
    orders = WorkOrder.objects.filter(station=station)
    late = [
        (order, f"overdue:{order.pk}:{order.reopened_count}:{_stamp(_passed_deadline(order, now))}")
        for order in orders.overdue(now)
    ]
    made += _tell_orders(station, chiefs, K.OVERDUE, late, now)
    soon = [
        (order, f"due_soon:{order.pk}:{order.reopened_count}:{_stamp(next_deadline(order))}")
        for order in orders.due_by(now + DUE_SOON, now)
    ]
    made += _tell_orders(station, chiefs, K.DUE_SOON, soon, now)
    for order in orders.filter(
        status=WorkOrderStatus.RESOLVED, callback_due_at__lt=now, paused_at=None
    ):
        key = f"callback:{order.pk}:{order.reopened_count}"
        text = f"{order.number} {order.summary[:40]}"
        made += _tell(
            station, {*chiefs, order.owner_id}, K.CALLBACK_OVERDUE, key, text, work_order=order
        )
    made += _promises(station, chiefs, now)
    today = timezone.localdate(now)
    for problem in HardProblem.objects.filter(
        station=station, state=HardProblem.State.OPEN, next_revisit_on__lt=today
    ):
        key = f"revisit:{problem.pk}:{problem.next_revisit_on:%Y-%m-%d}"
        text = f"{problem.title[:40]} · {problem.next_revisit_on:%Y-%m-%d}"
        made += _tell(
            station, {*chiefs, problem.owner_id}, K.REVISIT_MISSED, key, text, hard_problem=problem
        )
    made += _steps_overdue(station, chiefs, today)
    for call in (
        Call.objects.filter(
            station=station, called_back_at=None, received_at__lt=now - CALL_RETURN_WITHIN
        )
        .exclude(status=Call.Status.ANSWERED)
        .order_by("received_at")
    ):
        key = f"call:{call.pk}"
        when = timezone.localtime(call.received_at)
        text = f"{when:%m-%d %H:%M} {call.number_shown}"
        made += _tell(station, set(chiefs), K.CALL_NOT_RETURNED, key, text, call=call)
    # Urgent calls waiting for their work order: any not yet told, and those now late.
    from powerdesk.servicedesk.call_urgent import urgent_calls_scan

    made += urgent_calls_scan(station=station, now=now)
    return made


def escalate_unhappy_callback(
    *, callback: Callback, reason: str, said: dict[str, Any] | None = None
) -> int:
    """An unhappy callback (the order reopened as still not fixed, or done with a score of 1-2:
    a case to review) goes to the chief and the order's owner: the order's number, what came
    of it ("reopened: still not fixed, a crew to send again", for a complaint or a bill "…
    the desk takes it up again", or "solved but unhappy, for review": review46, 6; walk78 L7), and
    the customer's words (``reason``), or why as the system says it (``said``: "score 2",
    ``history_notes.note_said``; "still not fixed" is said by the outcome already), drawn in
    each reader's language."""
    order = callback.work_order
    parts: list[str | dict[str, Any]] = [order.number]
    if callback.still_not_fixed and order.category in CREW_CATEGORIES:
        parts.append(note_part("unhappy_reopened"))
    elif callback.still_not_fixed:
        # No crew is ever sent to a complaint or a bill (review50, 3).
        parts.append(note_part("unhappy_reopened_desk"))
    else:
        parts.append(note_part("unhappy_to_review"))
    if said is not None and said["note_code"] != "callback_still_not_fixed":
        parts.append(note_part(said["note_code"], **said["note_args"]))
    if reason.strip():
        # The customer's words: alone when typed as the callback's comment; after the score
        # for a call made on an outage's list (``callbacks.callback_record``, settled_by_list).
        parts.append(reason)
    about = note_said("parts", sep="dot", parts=parts)
    return _tell(
        order.station,
        {*_chiefs(order.station), order.owner_id},
        K.UNHAPPY,
        f"unhappy:{callback.pk}",
        about["note"],
        said=about,
        work_order=order,
    )


def _steps_overdue(station: Station, chiefs: set[int], today: dt.date) -> int:
    """Steps of an open problem's plan past their due date, neither done nor dropped: to the
    step's owner and the chief, once a step and due date (walk74, 3), as a missed revisit."""
    made = 0
    for step in (
        HardProblemStep.objects.filter(
            problem__station=station,
            problem__state=HardProblem.State.OPEN,
            is_revisit=False,
            is_record=False,
            done_on=None,
            due_on__lt=today,
        )
        .select_related("problem")
        .order_by("due_on", "pk")
    ):
        key = f"step:{step.pk}:{step.due_on:%Y-%m-%d}"
        text = f"{step.problem.title[:40]} · {step.title[:40]} · {step.due_on:%Y-%m-%d}"
        made += _tell(
            station, {*chiefs, step.owner_id}, K.STEP_OVERDUE, key, text, hard_problem=step.problem
        )
    return made


def _promises(station: Station, chiefs: set[int], now: dt.datetime) -> int:
    made = 0
    for promise in Promise.objects.filter(
        station=station, state=Promise.State.OPEN, due_at__lte=now + DUE_SOON
    ):
        if promise.due_at < now:
            # Broken only if still open as it is written: settled by hand a moment before, it
            # stays as the clerk said, with no second line (review 32, finding 6).
            broken = Promise.objects.filter(pk=promise.pk, state=Promise.State.OPEN).update(
                state=Promise.State.BROKEN, settled_at=now
            )
            if not broken:
                continue
            notices_promise_settled(promise, at=now)
            if promise.work_order_id is not None:
                # Every state change in the order's history: by no one, the system.
                WorkOrderEvent.objects.create(
                    work_order_id=promise.work_order_id,
                    at=now,
                    by=None,
                    kind=WorkOrderEvent.Kind.NOTE,
                    **note_said("promise_broken_late", text=promise.text),
                )
            kind, text = K.PROMISE_BROKEN, promise.text
        else:
            kind, text = K.PROMISE_DUE, promise.text
        key = f"{kind}:{promise.pk}"
        made += _tell(station, {*chiefs, promise.made_by_id}, kind, key, text, promise=promise)
    return made


def _tell_orders(
    station: Station,
    chiefs: set[int],
    kind: str,
    orders: list[tuple[WorkOrder, str]],
    now: dt.datetime,
) -> int:
    """Tell of orders late or due soon, each occasion once. A few: each order to its owner and
    the chief. Many at once (a storm's callers): each order still to its owner, who acts on
    it, and the chief one summary for this scan ("1,671 work orders due within the hour"),
    linking to the list, instead of a notice per order."""
    from powerdesk.notifications.models import Notice

    told: set[str] = set()
    keys = [f"esc:{key}" for _order, key in orders]
    for start in range(0, len(keys), 500):
        told.update(
            Notice.objects.filter(station=station, key__in=keys[start : start + 500]).values_list(
                "key", flat=True
            )
        )
    new = [(order, key) for order, key in orders if f"esc:{key}" not in told]
    many = len(new) > SUMMARY_OVER
    made = 0
    for order, key in new:
        text = f"{order.number} {order.summary[:40]}"
        people = {order.owner_id} if many else {*chiefs, order.owner_id}
        made += _tell(station, people, kind, key, text, work_order=order)
    if many:
        key = f"{kind}_summary:{now:%Y%m%d%H%M%S}"
        made += _tell(station, set(chiefs), kind, key, "", count=len(new))
    return made


def _chiefs(station: Station) -> set[int]:
    return set(
        Membership.objects.filter(station=station, role=Role.CHIEF).values_list(
            "user_id", flat=True
        )
    )


def _passed_deadline(order: WorkOrder, now: dt.datetime) -> dt.datetime | None:
    """The deadline missed that names the occasion: arrival while the crew is still not there,
    else resolution once passed, else the arrival the crew reached too late (the very occasion
    told while they were on their way: the crew arriving is not a new one)."""
    if order.arrive_due_at and order.arrived_at is None and order.arrive_due_at < now:
        return order.arrive_due_at
    if order.resolve_due_at and order.resolve_due_at < now:
        return order.resolve_due_at
    return order.arrive_due_at


def _stamp(due: dt.datetime | None) -> str:
    return due.strftime("%Y%m%d%H%M") if due else "-"


def _tell(
    station: Station,
    recipients: set[int | None],
    kind: str,
    key: str,
    text: str,
    count: int = 1,
    said: dict[str, Any] | None = None,
    **about: object,
) -> int:
    """Tell the people through the notifications app (in PowerDesk, and by text or email when
    the station says so); returns how many were told for the first time of this occasion.

    ``text`` is what it is about, as data (an order's number and summary, a promise's words):
    the words for what happened are the kind's, in each reader's language. ``said``: what it
    is about as the system says it (``history_notes.note_said``), drawn in the reader's
    language too."""
    from powerdesk.notifications.staff_notices import notify_escalation

    ids = sorted(r for r in recipients if r is not None)
    links: dict[str, object] = {
        f"{name}": getattr(thing, "pk", None) for name, thing in about.items()
    }
    if count > 1:
        links["count"] = count
    told = Notification.objects.filter(key=f"esc:{key}", recipient_id__in=ids)
    before = told.count()
    notify_escalation(
        station=station,
        user_ids=set(ids),
        kind=kind,
        key=key,
        what=kind,
        about=text,
        links=links,
        about_said=said,
    )
    return told.count() - before


def escalate_unhappy_outage_callback(callback: OutageCallback) -> int:
    """A household called back after an outage (``outages.outage_callback_record``) that gave
    a score of 1 or 2: to the chief, as an unhappy customer of a work order's callback is
    (the household, its score, and its words)."""
    assert callback.satisfaction is not None
    parts: list[str | dict[str, Any]] = [
        callback.customer.name,
        note_part("callback_score", n=callback.satisfaction),
    ]
    if callback.note:
        parts.append(callback.note)
    about = note_said("parts", sep="dot", parts=parts)
    station = callback.outage.station
    return _tell(
        station,
        set(_chiefs(station)),
        K.UNHAPPY,
        f"unhappy-outage:{callback.pk}",
        about["note"],
        said=about,
    )
