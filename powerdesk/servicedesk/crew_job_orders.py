"""Which of a crew's orders its phone shows as jobs, in what order, and which order stands for an
outage's job: an outage's joined orders are one card, the order carrying the crew's work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Subquery

from powerdesk.servicedesk.crew_accepted import accepted_now
from powerdesk.servicedesk.models import WorkOrder, WorkOrderStatus

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

__all__ = [
    "JOB_ORDER",
    "JOB_STATUSES",
    "accepted_annotation",
    "dispatch_annotation",
    "dispatch_of",
    "followed_annotation",
    "one_per_outage",
    "outage_crew_job",
    "outage_job_order",
]

S = WorkOrderStatus

# The orders a crew's phone shows as jobs: sent to it and not finished (not received, resolved).
JOB_STATUSES = (S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE)
# The jobs' order on the phone: urgent first, then by the time to arrive by.
JOB_ORDER = ("-urgent", "arrive_due_at", "pk")


def accepted_annotation() -> Exists:
    """Whether the crew accepted the order on its present visit, asked with the orders
    themselves (the job list, the outage's job): read by ``_progress``, ``crew_jobs._stage`` and
    ``crew_accepted.is_accepted``, which then asks no more."""
    return Exists(accepted_now().filter(work_order=OuterRef("pk")))


def dispatch_annotation() -> Subquery:
    """The order's present sending to a crew (its last "dispatched" line's id), asked with the
    orders (``dispatch_of``)."""
    from powerdesk.servicedesk.models import WorkOrderEvent

    return Subquery(
        WorkOrderEvent.objects.filter(
            work_order=OuterRef("pk"), kind=WorkOrderEvent.Kind.DISPATCHED
        )
        .order_by("-pk")
        .values("pk")[:1]
    )


def dispatch_of(order: WorkOrder) -> int:
    """Which sending of the order its crew's card is (0: none recorded): an order restored, then
    reopened and sent again, or taken off the crew and given back, is a new job on the phone,
    whose steps and announcement are its own. The phone keeps what it did and what it announced
    by order and sending (crew_sync.js, crew.js), never by order alone: the job sent again within
    the day was drawn as done and never announced (fix53d)."""
    known = getattr(order, "dispatched_as", None)
    if known is None:
        from powerdesk.servicedesk.models import WorkOrderEvent

        known = (
            WorkOrderEvent.objects.filter(work_order=order, kind=WorkOrderEvent.Kind.DISPATCHED)
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
        )
    return int(known or 0)


def followed_annotation() -> Exists:
    """Whether the order is at its stage by following the outage's crew (opened at it, or
    moved by the crew's step on the outage's job: ``outages.crew_stage``), not by a step taken
    on it: such an order never becomes the job's card in place of the one the crew steps on."""
    from powerdesk.outages.crew_stage import FOLLOWED
    from powerdesk.servicedesk.models import WorkOrderEvent

    return Exists(
        WorkOrderEvent.objects.filter(
            work_order=OuterRef("pk"),
            kind=WorkOrderEvent.Kind.STATUS,
            to_status=OuterRef("status"),
            note_code__in=FOLLOWED,
        )
    )


def one_per_outage(orders: list[WorkOrder]) -> list[WorkOrder]:
    """An outage's joined orders are one job: the outage's own order (or its first) stands for
    all of them, whose steps the outage's restore settles. A storm's feeder outage may hold a
    thousand callers' orders; the crew sees one card."""
    from powerdesk.outages.models import Outage, OutageLink

    through = OutageLink.work_orders.through
    outage_of: dict[int, int] = {}
    own: dict[int, int | None] = {}
    for order_id, outage_id, own_order in through.objects.filter(
        workorder_id__in=[o.pk for o in orders],
        outagelink__outage__status=Outage.Status.ACTIVE,
    ).values_list("workorder_id", "outagelink__outage_id", "outagelink__order_id"):
        outage_of[order_id] = outage_id
        own[outage_id] = own_order
    kept: list[WorkOrder] = []
    of_outage: dict[int, list[WorkOrder]] = {}
    for order in orders:
        found = outage_of.get(order.pk)
        if found is None:
            kept.append(order)
        elif found not in of_outage:
            of_outage[found] = [order]
            kept.append(order)  # its place in the list: the outage's first order's
        else:
            of_outage[found].append(order)
    return [
        _stands_for(of_outage[outage_of[o.pk]], own[outage_of[o.pk]]) if o.pk in outage_of else o
        for o in kept
    ]


def _stands_for(orders: list[WorkOrder], own: int | None) -> WorkOrder:
    """Of an outage's joined orders on the phone (in the list's order), the one its job's card
    is: the one carrying the crew's work (the furthest on: on site, on the way, accepted), so
    that the card never goes back, nor moves to an order that came later (the outage's own,
    opened by a call after the crew set out); among those as far on, the outage's own order,
    else the first opened: never the one a repeat call has just made urgent (the list puts
    urgent orders first), which the crew would take for another job (walk38, 4: 02463 became
    02464); the card says that one of its orders is now urgent (``crew_jobs``)."""
    furthest = max(_progress(o) for o in orders)
    ahead = [o for o in orders if _progress(o) == furthest]
    return next((o for o in ahead if o.pk == own), min(ahead, key=lambda o: o.pk))


def _progress(order: WorkOrder) -> tuple[int, bool]:
    """How far the crew is on ``order`` (its ``accepted`` annotated: ``accepted_now``), and
    whether by a step taken on it: an order as far on by following the crew's stage
    (``followed_annotation``) comes after the one the crew stepped on."""
    stepped = not getattr(order, "followed", False)
    if order.status == S.ON_SITE:
        return 3, stepped
    if order.status == S.ON_THE_WAY:
        return 2, stepped
    return int(bool(getattr(order, "accepted", False))), True


def outage_job_order(order: WorkOrder) -> tuple[Outage, WorkOrder | None] | None:
    """For an order joined to an outage with the power off, the outage and the order its
    crew's job stands on (``one_per_outage``: the one card the phone shows, whose steps are
    the outage's), None if there is none; None for an order joined to no such outage."""
    from powerdesk.outages.joined import active_outage_of

    outage = active_outage_of(order)
    if outage is None:
        return None
    if order.crew_id is None:
        return outage, None  # on no crew's phone
    return outage, outage_crew_job(outage, order.crew_id)


def outage_crew_job(outage: Outage, crew_id: int) -> WorkOrder | None:
    """The order the crew's phone shows as the outage's job (``one_per_outage``), None if the
    crew has none of the outage's orders to do."""
    orders = list(
        WorkOrder.objects.filter(
            outage_links__outage=outage, crew_id=crew_id, status__in=JOB_STATUSES
        )
        .annotate(accepted=accepted_annotation(), followed=followed_annotation())
        .distinct()
        .order_by(*JOB_ORDER)
    )
    if not orders:
        return None
    from powerdesk.outages.models import OutageLink

    own = OutageLink.objects.filter(outage=outage).values_list("order_id", flat=True).first()
    return _stands_for(orders, own)
