"""What follows an outage's restore — the joined work orders resolved, their promises settled,
the callbacks made due — and the callbacks recorded as they are made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.forms import column_chars, too_long
from powerdesk.network.models import GridNode
from powerdesk.outages.crew import outage_take_joined_crew
from powerdesk.outages.joined import customers_below, outage_link
from powerdesk.outages.models import Outage, OutageCallback, OutageLink
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Call, Promise, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S
from powerdesk.servicedesk.models.calls import MEDICAL_CODE, urgent_codes_of
from powerdesk.servicedesk.models.core import CAUSE_RESTORED
from powerdesk.servicedesk.notices import notices_order_finished, notices_promise_settled
from powerdesk.servicedesk.workflow import CALLED_BACK

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
    已恢复送电"), naming the crew sent (else who restored it): kept on the outage only, the
    orders' pages showed the photo and not the words (walkthrough 37, #14). None when nothing
    was written."""
    from powerdesk.outages.models import OutageEvent

    note = (
        OutageEvent.objects.filter(outage=outage, what="restored")
        .order_by("-at", "-pk")
        .values_list("note", flat=True)
        .first()
    )
    note = (note or "").strip()
    if not note:
        return None
    crew = link.crew.name if link.crew is not None else (str(user) if user is not None else "")
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


def _callers_why(codes: list[tuple[int, list[str]]]) -> dict[int, str]:
    """The households whose calls joined ``orders``, each with why it is called back: a call
    that said a medical need at home ("家里老人用制氧机") is called back for it, not only as one
    who called (walk 39, 11). The need as kept with the call when it was taken (``Call.
    urgent_codes``: a later round of the rules does not change it, review39 N4), read anew
    only for a call stored before it was kept. ``_callers_dangers``: the dangers they named."""
    reasons: dict[int, str] = {}
    for customer_id, urgent in codes:
        if MEDICAL_CODE in urgent:
            reasons[customer_id] = OutageCallback.Reason.MEDICAL
        else:
            reasons.setdefault(customer_id, OutageCallback.Reason.CALLER)
    return reasons


def _callers_dangers(codes: list[tuple[int, list[str]]]) -> dict[int, list[str]]:
    """The dangers the calls of each household (``_callers_codes``) named ("门口电线冒火花":
    arcing or sparks), each once, in the order said: its callback asks whether they are gone
    (walk41, 7: listed only as one who called)."""
    dangers: dict[int, list[str]] = {}
    for customer_id, urgent in codes:
        said = dangers.setdefault(customer_id, [])
        said.extend(c for c in urgent if c != MEDICAL_CODE and c not in said)
    return {pk: said for pk, said in dangers.items() if said}


def _callers_codes(orders: list[WorkOrder]) -> list[tuple[int, list[str]]]:
    """Each call of a known household on ``orders`` with why it was urgent (its codes)."""
    calls = (
        Call.objects.filter(work_order__in=orders, customer__isnull=False)
        .only("pk", "customer_id", "text", "urgent_codes")
        .order_by("received_at", "pk")
    )
    found = []
    for call in calls:
        assert call.customer_id is not None  # the filter's
        codes = call.urgent_codes if call.urgent_codes is not None else urgent_codes_of(call.text)
        found.append((call.customer_id, list(codes)))
    return found


def _callbacks_after_dark(
    orders: list[WorkOrder],
    callers: dict[int, str],
    dark: StillOut,
    *,
    dangers: dict[int, list[str]],
    due_at: dt.datetime,
) -> None:
    """The callers still dark from another outage whose calls are on an order resolved now
    (the crew's order made at dispatch, another household's order): listed to be called back
    on the nearest outage keeping them dark, once it is restored too (review39, S1: neither
    outage's list had them). A caller whose own order was kept open is called back on it."""
    own = {o.customer_id for o in orders if o.customer_id is not None}
    rows = []
    for pk, reason in sorted(callers.items()):
        nearest = dark.nearest(pk) if pk in dark.customers and pk not in own else None
        if nearest is not None:
            rows.append(
                OutageCallback(
                    outage=nearest,
                    customer_id=pk,
                    reason=reason,
                    dangers=dangers.get(pk, []),
                    due_at=due_at,
                    called=True,
                )
            )
    OutageCallback.objects.bulk_create(rows, ignore_conflicts=True)


def callbacks_made_due(outage: Outage, *, due_at: dt.datetime) -> None:
    """The callbacks listed on ``outage`` while it was still open (``_callbacks_after_dark``)
    made due from its restore; not those made due at a step already (``callbacks_back_at_step``)."""
    OutageCallback.objects.filter(
        outage=outage, done_at=None, back_at=None, due_at__lt=due_at
    ).update(due_at=due_at)


def callbacks_back_at_step(outage: Outage, customers: Iterable[int], *, at: dt.datetime) -> int:
    """The callers listed on ``outage`` while it is still open (kept dark by it when another
    outage was restored: ``_callbacks_after_dark``) whose power came back at a step of it
    (``customers``: those back, not held by yet another outage) are called back from then, the
    outage still open: their own part is back, and its full restore may be hours away. How many."""
    from powerdesk.servicedesk.deadlines import policy_for

    hours = policy_for(outage.station_id).callback_hours
    return OutageCallback.objects.filter(
        outage=outage, customer_id__in=list(customers), done_at=None, back_at=None
    ).update(back_at=at, due_at=timezone.now() + dt.timedelta(hours=hours))


def _callbacks_due(
    outage: Outage,
    orders: list[WorkOrder],
    callers: dict[int, str],
    *,
    dangers: dict[int, list[str]],
    due_at: dt.datetime,
    still_dark: frozenset[int] = frozenset(),
    vulnerable: bool = True,
) -> None:
    """A callback for every caller (``callers``, with why and the ``dangers`` they named) and
    (``vulnerable``) every household with a medical need or an elderly person alone below the
    device; those with an order of their own are called back on it."""
    own = {o.customer_id for o in orders if o.customer_id is not None}
    reasons = dict(callers)
    below = customers_below(outage.device)
    cared = (
        below.filter(Q(medical_need=True) | Q(elderly_alone=True)) if vulnerable else below.none()
    )
    for pk, medical in cared.values_list("pk", "medical_need"):
        if medical or reasons.get(pk) != OutageCallback.Reason.MEDICAL:
            reasons[pk] = (
                OutageCallback.Reason.MEDICAL if medical else OutageCallback.Reason.ELDERLY
            )
    OutageCallback.objects.bulk_create(
        [
            OutageCallback(
                outage=outage,
                customer_id=pk,
                reason=reason,
                dangers=dangers.get(pk, []),
                due_at=due_at,
                called=pk in callers,
            )
            for pk, reason in sorted(reasons.items())
            if pk not in own and pk not in still_dark
        ],
        ignore_conflicts=True,
    )


CALLBACK_NOTE_CHARS = column_chars(OutageCallback, "note")


@transaction.atomic
def outage_callback_done(
    *, callback: OutageCallback, user: User | None, note: str = ""
) -> OutageCallback:
    require(user, callback.outage.station_id, Do.CALLBACK_RECORD)
    callback = OutageCallback.objects.select_for_update().get(pk=callback.pk)
    if callback.done_at is not None:
        raise OutageError(_("This household was called back already."))
    said = too_long(_("Note"), note.strip(), CALLBACK_NOTE_CHARS)
    if said:
        # Refused at the note, never cut (what was typed is shown again to be shortened).
        raise OutageError(said, field="note")
    callback.done_at = timezone.now()
    callback.done_by = user
    callback.note = note.strip()
    callback.save(update_fields=["done_at", "done_by", "note"])
    return callback
