"""An outage's life after the engine or a clerk finds it: confirmed (or rejected, or moved to
another device), a crew dispatched, the cause found, and what follows the restore — the joined
work orders resolved, their promises settled, the callbacks made due.

Every step is a line of ``OutageEvent`` history (who, when); a confirmation is also a
``confirm_open`` signal, so the live engine takes what staff know.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may, require
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import subtree_ids
from powerdesk.outages.intake import signal_record
from powerdesk.outages.models import (
    MOVED_SOURCE_ID,
    REJECTION_SOURCE_ID,
    Outage,
    OutageCallback,
    OutageCause,
    OutageEvent,
    OutageLink,
    PredictedOutage,
    PredictionRejection,
    SignalSource,
    SignalType,
)
from powerdesk.outages.services import OutageError, outage_declare, outages_affecting
from powerdesk.servicedesk.models import Call, Category, Promise, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S

if TYPE_CHECKING:
    from powerdesk.accounts.models import Crew, User

# An estimate further ahead than this is a typing slip (a wrong day), not an estimate.
LONGEST_ESTIMATE = dt.timedelta(days=7)
# Calls that came in shortly before the first sign (a clock a little off) still belong to it.
JOIN_SLACK = dt.timedelta(hours=1)
# An order still being worked on (the crew's job until the restore resolves it).
OPEN = (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE)


# -- the engine's predictions -----------------------------------------------------------------
@transaction.atomic
def prediction_confirm(
    *, prediction: PredictedOutage, user: User | None, device: GridNode | None = None
) -> Outage:
    """Make a prediction the outage record: on its device, or on ``device`` when staff know
    better (a move). The outage starts at the first sign; the open fault-repair orders of the
    households below are joined to it."""
    require(user, prediction.station_id, Do.OUTAGE_DECLARE)
    target = device or prediction.device
    if target is None:
        raise OutageError(
            _("This is one customer's own service: open a work order for it instead.")
        )
    if target.station_id != prediction.station_id:
        raise OutageError(_("That device belongs to another station."))
    # Two clerks confirming at once: the second waits here and finds the first's outage.
    GridNode.objects.select_for_update().filter(pk=target.pk).first()
    if Outage.objects.filter(device=target, status=Outage.Status.ACTIVE).exists():
        raise OutageError(_("An outage is already recorded on %(device)s.") % {"device": target})
    now = timezone.now()
    starts_at = min(prediction.first_sign_at or now, now)
    outage = outage_declare(
        station=prediction.station,
        user=user,
        device=target,
        kind=Outage.Kind.UNPLANNED,
        starts_at=starts_at,
    )
    note = prediction.explain_text()
    if device is not None and device.pk != prediction.device_id:
        note = _("moved from %(code)s") % {"code": prediction.code}
    _history(outage, user, "confirmed", note)
    signal_record(
        station=prediction.station,
        type=SignalType.CONFIRM_OPEN,
        at=now,
        source=SignalSource.STAFF,
        device=target,
        source_id=f"confirm:{outage.pk}",
    )
    moved_from = prediction.device
    if moved_from is not None and moved_from.pk != target.pk:
        # Staff know better: the device the engine named is closed, so it looks elsewhere.
        signal_record(
            station=prediction.station,
            type=SignalType.RESTORE,
            at=now,
            source=SignalSource.STAFF,
            device=moved_from,
            source_id=f"{MOVED_SOURCE_ID}{outage.pk}",
        )
    outage_join_open_orders(outage=outage)
    return outage


@transaction.atomic
def prediction_reject(
    *, prediction: PredictedOutage, user: User | None, reason: str
) -> PredictionRejection:
    """Staff say the engine is wrong here; the reason is kept and the board stops showing it.

    The engine hears it too, as a ``reject`` (see ``REJECTION_SOURCE_ID``): the device is
    closed as far as anyone knows, or a single customer named on their own has power, so it
    looks again below or elsewhere instead of holding on to the same answer, without taking
    the rejection for a restored outage that few customers called about.
    """
    require(user, prediction.station_id, Do.OUTAGE_DECLARE)
    reason = reason.strip()
    if not reason:
        raise OutageError(_("Say why the prediction is wrong."))
    rejection = PredictionRejection.objects.create(
        station_id=prediction.station_id,
        code=prediction.code,
        first_sign_at=prediction.first_sign_at,
        reason=reason[:300],
        at=timezone.now(),
        by=user,
    )
    station = prediction.station
    if prediction.device is not None:
        signal_record(
            station=station,
            type="restore",
            at=rejection.at,
            source="staff",
            source_id=f"{REJECTION_SOURCE_ID}{rejection.pk}",
            device=prediction.device,
        )
    elif prediction.customer is not None:
        signal_record(
            station=station,
            type="call_on",
            at=rejection.at,
            source="staff",
            source_id=f"{REJECTION_SOURCE_ID}{rejection.pk}",
            customer=prediction.customer,
        )
    return rejection


# -- a declared outage's steps ----------------------------------------------------------------
@transaction.atomic
def outage_dispatch(*, outage: Outage, crew: Crew, user: User | None) -> Outage:
    """Send a crew; the joined orders still waiting go to the same crew."""
    from powerdesk.servicedesk.services import work_order_dispatch

    require(user, outage.station_id, Do.OUTAGE_DECLARE)
    if crew.station_id != outage.station_id:
        raise OutageError(_("That crew belongs to another station."))
    if outage.status != Outage.Status.ACTIVE:
        raise OutageError(_("Only an outage with the power off gets a crew."))
    # Locked as ``outage_order_for_call`` does: a call and a dispatch at once make one order.
    link = OutageLink.objects.select_for_update().filter(pk=outage_link(outage).pk).get()
    link.crew = crew
    link.save(update_fields=["crew"])
    made = _crew_order(outage, link, user)
    note = crew.name
    if made is not None:
        note = _("%(crew)s; work order %(number)s opened for the crew") % {
            "crew": crew.name,
            "number": made.number,
        }
    _history(outage, user, "dispatched", note)
    for order in link.work_orders.filter(status__in=(S.RECEIVED, S.DISPATCHED), paused_at=None):
        work_order_dispatch(work_order=order, crew=crew, user=user)
    from powerdesk.notifications.events import notify_crew_dispatched

    notify_crew_dispatched(crew=crew, outage=outage)
    return outage


@transaction.atomic
def outage_estimate(
    *,
    outage: Outage,
    user: User | None,
    expected_restore_at: dt.datetime,
    note: str = "",
    at: dt.datetime | None = None,
) -> Outage:
    """When power should be back, from the office or the crew sent to the outage (``at``: when
    the crew said so, if it is told later); each estimate is a line of the history, and
    households are told again when it moves by 30 minutes or more
    (``notifications.events.notify_etr_moved``)."""
    from powerdesk.notifications.events import notify_etr_moved
    from powerdesk.outages.crew import require_on_outage

    require_on_outage(user, outage, Do.OUTAGE_DECLARE)
    outage = Outage.objects.select_for_update().get(pk=outage.pk)
    if outage.status != Outage.Status.ACTIVE:
        raise OutageError(_("Only an outage with the power off gets an expected restoration."))
    said_at = min(at or timezone.now(), timezone.now())
    if expected_restore_at <= outage.starts_at or expected_restore_at < said_at - dt.timedelta(
        minutes=1
    ):
        raise OutageError(_("The expected restoration must be in the future."))
    if expected_restore_at > said_at + LONGEST_ESTIMATE:
        raise OutageError(_("Power expected back more than 7 days ahead: check the date."))
    before = outage.expected_restore_at
    outage.expected_restore_at = expected_restore_at
    outage.save(update_fields=["expected_restore_at"])
    was = f"{timezone.localtime(before):%m-%d %H:%M}" if before else "—"
    now_text = f"{timezone.localtime(expected_restore_at):%m-%d %H:%M}"
    _history(
        outage,
        user,
        "estimated",
        " ".join(p for p in (f"{was} → {now_text}", note.strip()) if p),
        at=said_at,
    )
    notify_etr_moved(outage, before)
    return outage


@transaction.atomic
def outage_cause_found(
    *, outage: Outage, user: User | None, cause: str, note: str = "", at: dt.datetime | None = None
) -> Outage:
    """What caused it, from the office or from the phone of the crew sent to it (``at``: when
    the crew found it, if it is told later)."""
    from powerdesk.outages.crew import require_on_outage

    require_on_outage(user, outage, Do.OUTAGE_DECLARE)
    if cause not in OutageCause.values:
        raise OutageError(_("Choose what caused it from the list."))
    link = outage_link(outage)
    link.cause_kind = cause
    link.save(update_fields=["cause_kind"])
    outage.cause = " ".join(p for p in (str(OutageCause(cause).label), note.strip()) if p)[:200]
    outage.save(update_fields=["cause"])
    _history(outage, user, "cause_found", outage.cause, at=at)
    _estimate_revised(outage)
    return outage


def _estimate_revised(outage: Outage) -> None:
    """The model's estimate takes the crew's arrival and the cause found: households are told
    when, without a time from staff, it moved by half an hour or more from what they were told."""
    from powerdesk.notifications.events import notify_etr_moved

    outage.refresh_from_db(fields=["expected_restore_at", "status"])
    if outage.expected_restore_at is None:
        notify_etr_moved(outage, None)


def outage_crew_arrived(*, outage: Outage) -> None:
    """The crew sent to ``outage`` is on site (its order says so): the estimate is revised."""
    _estimate_revised(outage)


# Steps of an outage's life that are reports only (the others have their own services;
# power back to part of it is ``restoration.outage_restore_part``).
PROGRESS_STEPS = ("patrolling",)


@transaction.atomic
def outage_progress(*, outage: Outage, user: User | None, what: str, note: str = "") -> Outage:
    """The crew is patrolling the line."""
    require(user, outage.station_id, Do.OUTAGE_DECLARE)
    if what not in PROGRESS_STEPS:
        raise OutageError(_("Choose the step from the list."))
    if outage.status != Outage.Status.ACTIVE:
        raise OutageError(_("Only an outage with the power off is in progress."))
    _history(outage, user, what, note.strip())
    return outage


def _crew_order(outage: Outage, link: OutageLink, user: User | None) -> WorkOrder | None:
    """The fault outage's own order, opened when a crew is sent before anyone called: the
    crew's phone lists orders, so without it the crew would see nothing of the outage. None
    when an open order is joined already (that one is the crew's job)."""
    from powerdesk.servicedesk.services import work_order_create

    if outage.kind != Outage.Kind.UNPLANNED or link.work_orders.filter(status__in=OPEN).exists():
        return None
    device = outage.device
    order = work_order_create(
        station=outage.station,
        user=user,
        category=Category.FAULT_REPAIR,
        urgent=True,
        summary=_("Outage: %(device)s") % {"device": device.name or device.code},
        description=outage.cause,
        village=device.village,
    )
    link.work_orders.add(order)
    link.order = order
    link.save(update_fields=["order"])
    return order


def outage_link(outage: Outage) -> OutageLink:
    link, _created = OutageLink.objects.get_or_create(outage=outage)
    return link


# -- calls joining an outage ------------------------------------------------------------------
def outage_join_open_orders(*, outage: Outage) -> int:
    """Join the open fault-repair orders of the households below the device, opened since
    (about) the first sign; returns how many were joined."""
    customers = customers_below(outage.device)
    orders = WorkOrder.objects.filter(
        station_id=outage.station_id,
        category=Category.FAULT_REPAIR,
        status__in=(S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE),
        customer__in=customers,
        created_at__gte=outage.starts_at - JOIN_SLACK,
    )
    link = outage_link(outage)
    found = list(orders)
    link.work_orders.add(*found)
    return len(found)


def active_outage_above(customer: Customer) -> Outage | None:
    """The fault outage with the power off above the customer (the nearest one first)."""
    active = [
        o
        for o in outages_affecting(customer)
        if o.status == Outage.Status.ACTIVE and o.kind == Outage.Kind.UNPLANNED
    ]
    return active[-1] if active else None


def active_outage_of(order: WorkOrder) -> Outage | None:
    """The outage with the power off that ``order`` is joined to, if any."""
    return (
        Outage.objects.filter(
            link__work_orders=order, status=Outage.Status.ACTIVE, station_id=order.station_id
        )
        .select_related("device")
        .first()
    )


def outage_order_for_call(*, outage: Outage, call: Call, user: User | None) -> WorkOrder:
    """The outage's one work order, which the call joins: made by the first call."""
    from powerdesk.servicedesk.services import (
        work_order_create,
        work_order_dispatch,
        work_order_join_call,
    )

    link = OutageLink.objects.select_for_update().filter(pk=outage_link(outage).pk).get()
    joined = link.order
    if joined is not None and joined.status in (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE):
        work_order_join_call(work_order=joined, call=call, user=user)
        return joined
    order = work_order_create(
        station=outage.station,
        user=user,
        category=Category.FAULT_REPAIR,
        urgent=True,
        summary=_("Outage: %(device)s") % {"device": outage.device.name or outage.device.code},
        description=call.text,
        # The first caller is called back on the order; later callers on the outage's list.
        customer=call.customer,
        village=call.village or outage.device.village,
        group=call.group,
        call=call,
    )
    link.work_orders.add(order)
    link.order = order
    link.save(update_fields=["order"])
    if link.crew is not None:
        # The outage's crew was sent by the office; a liaison's report only follows it there.
        sender = user if may(user, outage.station_id, Do.ORDER_DISPATCH) else None
        order = work_order_dispatch(work_order=order, crew=link.crew, user=sender)
    return order


# -- after the restore ------------------------------------------------------------------------
def outage_aftercare(*, outage: Outage, user: User | None, restored_at: dt.datetime) -> None:
    """Resolve the joined orders, settle their promises, make the callbacks due.

    Called by ``outage_restore`` inside its transaction.
    """
    from powerdesk.servicedesk.deadlines import policy_for

    now = timezone.now()
    callback_due = now + dt.timedelta(hours=policy_for(outage.station_id).callback_hours)
    link = outage_link(outage)
    orders = list(link.work_orders.all())
    cause = outage.cause or _("Power restored at %(device)s") % {"device": outage.device}
    for order in orders:
        if order.status in (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE):
            _resolve(order, user=user, at=restored_at, cause=cause, device=outage.device)
            order.callback_due_at = callback_due
            order.save(update_fields=["callback_due_at"])
    for promise in Promise.objects.filter(work_order__in=orders, state=Promise.State.OPEN):
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
            note=f"承诺{promise.get_state_display()}：{promise.text}",
        )
    _callbacks_due(outage, orders, due_at=callback_due)


def _resolve(
    order: WorkOrder, *, user: User | None, at: dt.datetime, cause: str, device: GridNode
) -> None:
    # The outage's restore is the repair: the order's field steps are not asked again.
    previous = order.status
    order.status = S.RESOLVED
    order.resolved_at = at
    order.cause = order.cause or cause[:200]
    order.device_found = order.device_found or device
    order.paused_at = None
    order.save(update_fields=["status", "resolved_at", "cause", "device_found", "paused_at"])
    WorkOrderEvent.objects.create(
        work_order=order,
        at=at,
        by=user,
        kind=WorkOrderEvent.Kind.STATUS,
        from_status=previous,
        to_status=S.RESOLVED,
        note=_("Power is back (outage restored)."),
    )


def _callbacks_due(outage: Outage, orders: list[WorkOrder], *, due_at: dt.datetime) -> None:
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
            if pk not in own
        ],
        ignore_conflicts=True,
    )


def customers_below(device: GridNode) -> QuerySet[Customer]:
    """The customers supplied through ``device`` (those of the transformer areas below it)."""
    below = subtree_ids(device)
    # The transformers' ids as a list, not a subquery: joined into queries of phones and
    # villages, a nested subquery over thousands of ids can get a very bad plan on PostgreSQL.
    transformers = list(
        GridNode.objects.filter(pk__in=below, kind=NodeKind.TRANSFORMER).values_list(
            "pk", flat=True
        )
    )
    return Customer.objects.filter(transformer_id__in=transformers)


def _history(
    outage: Outage, user: User | None, what: str, note: str = "", *, at: dt.datetime | None = None
) -> OutageEvent:
    return OutageEvent.objects.create(
        outage=outage, at=at or timezone.now(), by=user, what=what, note=note[:300]
    )


@transaction.atomic
def outage_close(*, outage: Outage, user: User | None) -> Outage:
    """The last step: power is back and every household on the callback list was called."""
    require(user, outage.station_id, Do.OUTAGE_RESTORE)
    outage = Outage.objects.select_for_update().get(pk=outage.pk)
    if outage.status != Outage.Status.RESTORED:
        raise OutageError(_("Record that power is back before closing the outage."))
    if outage.events.filter(what="closed").exists():
        raise OutageError(_("This outage is closed already."))
    pending = outage.callbacks.filter(done_at=None).count()
    if pending:
        raise OutageError(
            _("%(n)d households are still to be called back (on the callbacks page).")
            % {"n": pending}
        )
    _history(outage, user, "closed")
    return outage


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
