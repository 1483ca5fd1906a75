"""Escalation: telling owners and the chief what is late or about to be.

Each notice has a key naming its occasion (an order late on its current deadline, one unhappy
callback, a revisit due on a given day, one missed call); a person is told once per occasion,
however often the scan runs, and again when a new occasion comes (the order reopened and late
again, a second unhappy callback).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.accounts.models import Membership, Role
from powerdesk.servicedesk.models import (
    Call,
    HardProblem,
    Notification,
    Promise,
    WorkOrder,
    WorkOrderStatus,
)
from powerdesk.servicedesk.models.queries import next_deadline

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.servicedesk.models import Callback

# How long before a deadline its owner and the chief are told.
DUE_SOON = dt.timedelta(hours=1)
# A missed call not returned within this time goes to the chief.
CALL_RETURN_WITHIN = dt.timedelta(minutes=30)

K = Notification.Kind


def escalations_scan(*, station: Station, now: dt.datetime | None = None) -> int:
    """Tell owners and the chief about everything late or about to be; returns notices made.

    Work orders late or due within the hour, promises (an open one past its time is marked
    broken), callbacks past their time, hard problems whose revisit day has passed, and missed
    calls not returned within half an hour.
    """
    now = now or timezone.now()
    chiefs = _chiefs(station)
    made = 0
    orders = WorkOrder.objects.filter(station=station)
    for order in orders.overdue(now):
        due = _passed_deadline(order, now)
        key = f"overdue:{order.pk}:{order.reopened_count}:{_stamp(due)}"
        text = f"{order.number} {order.summary[:40]}"
        made += _tell(station, {*chiefs, order.owner_id}, K.OVERDUE, key, text, work_order=order)
    for order in orders.due_by(now + DUE_SOON, now):
        key = f"due_soon:{order.pk}:{order.reopened_count}:{_stamp(next_deadline(order))}"
        text = f"{order.number} {order.summary[:40]}"
        made += _tell(station, {*chiefs, order.owner_id}, K.DUE_SOON, key, text, work_order=order)
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
    return made


def escalate_unhappy_callback(*, callback: Callback, reason: str) -> int:
    """An unhappy callback (reopened order) goes to the chief and the order's owner."""
    order = callback.work_order
    text = f"{order.number} · {reason}"
    return _tell(
        order.station,
        {*_chiefs(order.station), order.owner_id},
        K.UNHAPPY,
        f"unhappy:{callback.pk}",
        text,
        work_order=order,
    )


def _promises(station: Station, chiefs: set[int], now: dt.datetime) -> int:
    made = 0
    for promise in Promise.objects.filter(
        station=station, state=Promise.State.OPEN, due_at__lte=now + DUE_SOON
    ):
        if promise.due_at < now:
            promise.state = Promise.State.BROKEN
            promise.settled_at = now
            promise.save(update_fields=["state", "settled_at"])
            kind, text = K.PROMISE_BROKEN, promise.text
        else:
            kind, text = K.PROMISE_DUE, promise.text
        key = f"{kind}:{promise.pk}"
        made += _tell(station, {*chiefs, promise.made_by_id}, kind, key, text, promise=promise)
    return made


def _chiefs(station: Station) -> set[int]:
    return set(
        Membership.objects.filter(station=station, role=Role.CHIEF).values_list(
            "user_id", flat=True
        )
    )


def _passed_deadline(order: WorkOrder, now: dt.datetime) -> dt.datetime | None:
    """The deadline that has passed: arrival if the crew is still not there, else resolution."""
    if order.arrive_due_at and order.arrived_at is None and order.arrive_due_at < now:
        return order.arrive_due_at
    return order.resolve_due_at


def _stamp(due: dt.datetime | None) -> str:
    return due.strftime("%Y%m%d%H%M") if due else "-"


def _tell(
    station: Station,
    recipients: set[int | None],
    kind: str,
    key: str,
    text: str,
    **about: object,
) -> int:
    """Tell the people through the notifications app (in PowerDesk, and by text or email when
    the station says so); returns how many were told for the first time of this occasion.

    ``text`` is what it is about, as data (an order's number and summary, a promise's words):
    the words for what happened are the kind's, in each reader's language."""
    from powerdesk.notifications.events import notify_escalation

    ids = sorted(r for r in recipients if r is not None)
    told = Notification.objects.filter(key=f"esc:{key}", recipient_id__in=ids)
    before = told.count()
    notify_escalation(
        station=station,
        user_ids=set(ids),
        kind=kind,
        key=key,
        what=kind,
        about=text,
        links={f"{name}": getattr(thing, "pk", None) for name, thing in about.items()},
    )
    return told.count() - before
