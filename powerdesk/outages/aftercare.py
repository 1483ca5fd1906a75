"""What follows an outage's restore — the joined work orders resolved, their promises settled,
the callbacks made due — and the callbacks recorded as they are made."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.network.models import GridNode
from powerdesk.outages.joined import customers_below, outage_link
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Call, Promise, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S
from powerdesk.servicedesk.models.core import CAUSE_RESTORED
from powerdesk.servicedesk.notices import notices_order_finished

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.notifications.told import StillOut


def outage_aftercare(*, outage: Outage, user: User | None, restored_at: dt.datetime) -> None:
    """Resolve the joined orders, settle their promises, make the callbacks due.

    Called by ``outage_restore`` inside its transaction.
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
    # outage nobody called about has no customer and no caller's number.
    from powerdesk.servicedesk.models import Call

    reachable = set(
        Call.objects.filter(work_order__in=orders)
        .exclude(caller_number="")
        .values_list("work_order_id", flat=True)
    )
    # A household still dark from another fault outage open on the feeder (a fuse blown below
    # the restored pole) has not got its power back: its order stays open and joins that outage,
    # to be resolved by its restore.
    from powerdesk.notifications.told import still_out

    dark = still_out(outage)
    still = _keep_open(orders, dark, user=user)
    for order in orders:
        if order.pk in still:
            continue
        if order.status in (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE):
            _resolve(order, user=user, at=restored_at, cause=cause, device=outage.device)
            if order.customer_id is not None or order.pk in reachable:
                order.callback_due_at = callback_due
                order.save(update_fields=["callback_due_at"])
    settled = [o for o in orders if o.pk not in still]
    for promise in Promise.objects.filter(work_order__in=settled, state=Promise.State.OPEN):
        promise.state = (
            Promise.State.KEPT if restored_at <= promise.due_at else Promise.State.BROKEN
        )
        promise.settled_at = now
        promise.save(update_fields=["state", "settled_at"])
        assert promise.work_order is not None
        WorkOrderEvent.objects.create(
            work_order=promise.work_order,
            at=now,
            by=user,
            kind=WorkOrderEvent.Kind.NOTE,
            **note_said(f"promise_{promise.state}", text=promise.text),
        )
    # Those still dark are called back after the outage keeping them dark, not this one.
    _callbacks_due(outage, settled, due_at=callback_due, still_dark=dark.customers)


def _keep_open(orders: list[WorkOrder], dark: StillOut, *, user: User | None) -> set[int]:
    """The open orders of households still dark from another open fault outage (``dark``),
    each joined to the nearest such outage (a line of its history and of the order's); their
    ids."""
    open_orders = [
        o
        for o in orders
        if o.customer_id is not None
        and o.status in (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE)
    ]
    kept: set[int] = set()
    for order in open_orders:
        if order.customer_id not in dark.customers:
            continue
        kept.add(order.pk)
        nearest = _nearest_keeping(dark.outages, order.customer_id)
        if nearest is None:
            continue
        link = outage_link(nearest)
        if link.work_orders.filter(pk=order.pk).exists():
            continue
        link.work_orders.add(order)
        WorkOrderEvent.objects.create(
            work_order=order,
            at=timezone.now(),
            by=user,
            kind=WorkOrderEvent.Kind.NOTE,
            **note_said("joined_outage", device=str(nearest.device)),
        )
    return kept


def _nearest_keeping(outages: tuple[Outage, ...], customer_id: int | None) -> Outage | None:
    """Of the open outages keeping households dark (nearest first), the first whose device
    has the order's household below it."""
    for other in outages:
        if customers_below(other.device).filter(pk=customer_id or 0).exists():
            return other
    return None


class Cause(NamedTuple):
    kind: str
    words: str


def _resolve(
    order: WorkOrder, *, user: User | None, at: dt.datetime, cause: Cause, device: GridNode
) -> None:
    # The outage's restore is the repair: the order's field steps are not asked again.
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
        **note_said("outage_restored"),
    )


def _callbacks_due(
    outage: Outage,
    orders: list[WorkOrder],
    *,
    due_at: dt.datetime,
    still_dark: frozenset[int] = frozenset(),
) -> None:
    """A callback for every caller and every household with a medical need or an elderly
    person alone below the device; those with an order of their own are called back on it."""
    own = {o.customer_id for o in orders if o.customer_id is not None}
    reasons: dict[int, str] = {}
    callers = Call.objects.filter(work_order__in=orders, customer__isnull=False)
    for customer_id in callers.values_list("customer_id", flat=True):
        reasons[customer_id] = OutageCallback.Reason.CALLER
    below = customers_below(outage.device)
    vulnerable = below.filter(Q(medical_need=True) | Q(elderly_alone=True))
    for pk, medical in vulnerable.values_list("pk", "medical_need"):
        reasons[pk] = OutageCallback.Reason.MEDICAL if medical else OutageCallback.Reason.ELDERLY
    OutageCallback.objects.bulk_create(
        [
            OutageCallback(outage=outage, customer_id=pk, reason=reason, due_at=due_at)
            for pk, reason in sorted(reasons.items())
            if pk not in own and pk not in still_dark
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def outage_callback_done(
    *, callback: OutageCallback, user: User | None, note: str = ""
) -> OutageCallback:
    require(user, callback.outage.station_id, Do.CALLBACK_RECORD)
    callback = OutageCallback.objects.select_for_update().get(pk=callback.pk)
    if callback.done_at is not None:
        raise OutageError(_("This household was called back already."))
    callback.done_at = timezone.now()
    callback.done_by = user
    callback.note = note.strip()[:300]
    callback.save(update_fields=["done_at", "done_by", "note"])
    return callback
