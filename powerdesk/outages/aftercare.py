"""What follows an outage's restore — the joined work orders resolved, their promises settled,
the callbacks made due — and the callbacks recorded as they are made."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from django.utils import timezone

from powerdesk.network.models import GridNode
from powerdesk.outages.crew import outage_take_joined_crew
from powerdesk.outages.joined import outage_link
from powerdesk.outages.models import Outage, OutageCallback, OutageLink
from powerdesk.outages.outage_callbacks import (
    CALLBACK_NOTE_CHARS,
    _callbacks_after_dark,
    _callbacks_due,
    _callers_codes,
    _callers_dangers,
    _callers_why,
    callbacks_back_at_step,
    callbacks_made_due,
    outage_callback_done,
)
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Call, Promise, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S
from powerdesk.servicedesk.models.core import CAUSE_RESTORED
from powerdesk.servicedesk.notices import notices_order_finished, notices_promise_settled
from powerdesk.servicedesk.workflow import CALLED_BACK

__all__ = [
    "CALLBACK_NOTE_CHARS",
    "Cause",
    "aftercare_due",
    "callbacks_back_at_step",
    "callbacks_made_due",
    "order_resolve",
    "outage_aftercare",
    "outage_callback_done",
    "promises_settle",
]

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.notifications.told import StillOut


def outage_aftercare(
    *, outage: Outage, user: User | None, restored_at: dt.datetime, dark: StillOut
) -> None:
    """Resolve the joined orders, settle their promises, make the callbacks due. ``dark``: the
    households below the outage still dark from another outage (``told.still_out``), reckoned
    once by the restore and told by ``notify_power_back`` too.

    Called by ``outage_restore`` inside its transaction, and at the end of planned work with
    orders joined to it (those kept open by a fault outage's restore: ``_keep_open``).
    """
    from powerdesk.servicedesk.deadlines import policy_for

    now = timezone.now()
    callback_due = now + dt.timedelta(hours=policy_for(outage.station_id).callback_hours)
    link = outage_link(outage)
    orders = list(link.work_orders.all())
    # The cause as data: the kind the crew found (its code) and their words apart, drawn in
    # the reader's language (``WorkOrder.cause_shown``); none found, power restored at the device.
    cause = Cause(outage.cause_kind or CAUSE_RESTORED, outage.cause)
    # Only an order with someone to call back is due a callback: the crew's own order for an
    # outage nobody called about has no customer and no caller's number. The callers of a known
    # household who joined the crew's order made at dispatch are called back on the outage's
    # list, with why (walk 39, 11): the order's own card would have no name and no number.
    from powerdesk.servicedesk.models import Call

    reachable = set(
        Call.objects.filter(work_order__in=orders, customer__isnull=True)
        .exclude(caller_number="")
        .values_list("work_order_id", flat=True)
    )
    # A household still dark from another outage on the feeder (a fuse blown below the restored
    # pole, planned work under way at its transformer) has not got its power back: its order
    # stays open and joins that outage, to be resolved by its restore.
    still = _keep_open(orders, dark, user=user)
    written = _restore_note(outage, link, user)
    for order in orders:
        if order.pk in still:
            continue
        if order.status in (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE):
            order_resolve(order, user=user, at=restored_at, cause=cause, device=outage.device)
            if written is not None:
                WorkOrderEvent.objects.create(
                    work_order=order,
                    at=restored_at,
                    by=user,
                    kind=WorkOrderEvent.Kind.NOTE,
                    **written,
                )
            if order.customer_id is not None or order.pk in reachable:
                order.callback_due_at = callback_due
                order.save(update_fields=["callback_due_at"])
    settled = [o for o in orders if o.pk not in still]
    promises_settle(settled, user=user, at=restored_at)
    # Those still dark are called back after the outage keeping them dark, not this one.
    codes = _callers_codes(settled)
    callers, dangers = _callers_why(codes), _callers_dangers(codes)
    _close_uncalled(settled, reachable, user=user, at=restored_at)
    _callbacks_due(
        outage,
        settled,
        callers,
        dangers=dangers,
        due_at=callback_due,
        still_dark=dark.customers,
        # After planned work, its callers are called back; the households with a medical need
        # or an elderly person alone were told of the work before it began.
        vulnerable=outage.kind == Outage.Kind.UNPLANNED,
    )
    _callbacks_after_dark(settled, callers, dark, dangers=dangers, due_at=callback_due)
    callbacks_made_due(outage, due_at=callback_due)


def _close_uncalled(
    orders: list[WorkOrder], reachable: set[int], *, user: User | None, at: dt.datetime
) -> None:
    """The orders just resolved with no one of their own to call back — the crew's order made
    at dispatch, with no customer and no caller's number — closed, a step of their history:
    their callers are called back on the outage's list (``_callbacks_due``), and left resolved
    they offered a callback form with no one to call, that no list ever asked for (walk40 5)."""
    for order in orders:
        if order.status != S.RESOLVED or order.customer_id is not None or order.pk in reachable:
            continue
        if order.category not in CALLED_BACK:
            continue
        called = Call.objects.filter(work_order=order, customer__isnull=False).exists()
        order.status, order.closed_at = S.CLOSED, at
        order.save(update_fields=["status", "closed_at"])
        WorkOrderEvent.objects.create(
            work_order=order,
            at=at,
            by=user,
            kind=WorkOrderEvent.Kind.STATUS,
            from_status=S.RESOLVED,
            to_status=S.CLOSED,
            **note_said("closed_callbacks_on_outage" if called else "closed_nobody_to_call"),
        )


def aftercare_due(outage: Outage) -> bool:
    """Whether the restore of ``outage`` resolves orders: a fault outage's always; planned
    work's when orders were joined to it (kept open by a fault outage restored above it), or
    callers kept dark by it were listed on it to be called back (``_callbacks_after_dark``)."""
    return (
        outage.kind == Outage.Kind.UNPLANNED
        or OutageLink.objects.filter(outage=outage, work_orders__isnull=False).exists()
        or OutageCallback.objects.filter(outage=outage, done_at=None).exists()
    )


def _keep_open(orders: list[WorkOrder], dark: StillOut, *, user: User | None) -> set[int]:
    """The open orders of households still dark from another outage (``dark``), each joined to
    the nearest such outage (a line of its history and of the order's); their ids. The nearest
    is the reckoning's (``StillOut.nearest``): no query an order."""
    open_orders = [
        o
        for o in orders
        if o.customer_id is not None
        and o.status in (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE)
    ]
    kept = [o for o in open_orders if o.customer_id in dark.customers]
    joining: dict[Outage, list[WorkOrder]] = {}
    for order in kept:
        nearest = dark.nearest(order.customer_id)
        if nearest is not None:
            joining.setdefault(nearest, []).append(order)
    now = timezone.now()
    for nearest, found in joining.items():
        link = outage_link(nearest)
        there = set(
            link.work_orders.filter(pk__in=[o.pk for o in found]).values_list("pk", flat=True)
        )
        new = [o for o in found if o.pk not in there]
        if not new:
            continue
        link.work_orders.add(*new)
        said = note_said("joined_outage", device=str(nearest.device))
        WorkOrderEvent.objects.bulk_create(
            [
                WorkOrderEvent(
                    work_order=order, at=now, by=user, kind=WorkOrderEvent.Kind.NOTE, **said
                )
                for order in new
            ]
        )
        outage_take_joined_crew(nearest, user)
    return {o.pk for o in kept}


def _restore_note(outage: Outage, link: OutageLink, user: User | None) -> dict[str, Any] | None:
    """The line each joined order's history gets of what was written at the restore ("更换熔丝，
    已恢复送电"), naming who wrote it: the crew sent when one of its members restored, else the
    person who did (a dispatcher's words were given to the crew, walk69 L4). Kept on the
    outage only, the orders' pages showed the photo and not the words (walkthrough 37, #14).
    None when nothing was written."""
    from powerdesk.accounts.crews import is_member
    from powerdesk.outages.models import OutageEvent

    event = (
        OutageEvent.objects.filter(outage=outage, what="restored")
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
    )
    note = (event.note if event is not None else "").strip()
    if event is None or not note:
        return None
    writer = event.by or user
    if link.crew is not None and is_member(writer, link.crew):
        crew = link.crew.name
    else:
        crew = str(writer) if writer is not None else ""
    if not crew:
        return note_said("restore_note", note=note)
    return note_said("crew_restore_note", crew=crew, note=note)


class Cause(NamedTuple):
    kind: str
    words: str


def order_resolve(
    order: WorkOrder,
    *,
    user: User | None,
    at: dt.datetime,
    cause: Cause,
    device: GridNode,
    said: dict[str, Any] | None = None,
) -> None:
    """``order`` resolved by power back at ``device`` at ``at`` (an outage's restore, or the
    caller's own "power is back" after a step): its field steps are not asked again; with no
    cause of its own, the outage's (``cause``). ``said``: its history's line (by default
    "power is back (outage restored)")."""
    previous = order.status
    order.status = S.RESOLVED
    order.resolved_at = at
    if not (order.cause or order.cause_kind):
        order.cause_kind, order.cause = cause.kind, cause.words[:200]
        if cause.kind == CAUSE_RESTORED:
            # "Power restored at …" names the outage's own device, the one the customer's power
            # came back through, never a device the order named before without a cause.
            order.device_found = device
    order.device_found = order.device_found or device
    order.paused_at = None
    order.save(
        update_fields=["status", "resolved_at", "cause", "cause_kind", "device_found", "paused_at"]
    )
    notices_order_finished([order.pk])
    WorkOrderEvent.objects.create(
        work_order=order,
        at=at,
        by=user,
        kind=WorkOrderEvent.Kind.STATUS,
        from_status=previous,
        to_status=S.RESOLVED,
        **(said if said is not None else note_said("outage_restored")),
    )


def promises_settle(orders: list[WorkOrder], *, user: User | None, at: dt.datetime) -> None:
    """The open promises of ``orders`` settled by power back at ``at``: kept if by their time,
    else broken; a line of each order's history says which."""
    now = timezone.now()
    for promise in Promise.objects.filter(work_order__in=orders, state=Promise.State.OPEN):
        promise.state = Promise.State.KEPT if at <= promise.due_at else Promise.State.BROKEN
        promise.settled_at = now
        promise.save(update_fields=["state", "settled_at"])
        notices_promise_settled(promise, at=now)
        assert promise.work_order is not None
        WorkOrderEvent.objects.create(
            work_order=promise.work_order,
            at=now,
            by=user,
            kind=WorkOrderEvent.Kind.NOTE,
            **note_said(f"promise_{promise.state}", text=promise.text),
        )
