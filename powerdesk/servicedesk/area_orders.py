"""The open faults and dangers of the caller's neighbours on their transformer area, as intake's
"Known now" lists them: each said by what it is to the caller. An outage's job (or a caller's
order joined to it) opened by a neighbour is labelled by the outage it is on — the one this
call joins, or a wider one above the household — not by its first caller's area (walk44, 4:
the fuse's job read "Same transformer area" while the call was offered the area's outage)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from powerdesk.customers.models import Customer
from powerdesk.servicedesk.models import WorkOrder

__all__ = ["AREA_SHOWN", "area_orders_said", "nearest_relabelled"]

AREA_SHOWN = 5  # the neighbours' orders listed


def area_orders_said(customer: Customer) -> list[tuple[WorkOrder, str]]:
    """The neighbours' open faults and dangers (``calls.area_faults``), each with its label:
    "The outage this call joins" (on the nearest fault outage off above the household: the one
    a fault call joins, ``joined.nearest_outage_above``), "The wider outage above this
    household" (on another one off above it), else "Same transformer area"; the jobs of the
    outages above the household listed first, whoever's call opened them. Two queries beyond
    the neighbours' orders and the outages above (``outages_off_above``) when there are some:
    the outages' links with their open jobs and crews, and the outages the orders listed were
    joined to."""
    from powerdesk.outages.joined import outages_off_above
    from powerdesk.outages.models import OutageLink
    from powerdesk.servicedesk.calls import area_faults
    from powerdesk.servicedesk.selectors import OPEN_STATUSES, open_work_orders

    if not customer.transformer_id:
        return []
    open_orders = open_work_orders(customer.station)
    orders = list(area_faults(open_orders, customer).select_related("crew")[:AREA_SHOWN])
    same = _("Same transformer area")
    above = outages_off_above(customer)
    if not above:
        return [(o, same) for o in orders]
    rank = {o.pk: i for i, o in enumerate(above)}  # the nearest first
    # The jobs of the outages above the household, whoever's call opened them (walk45, 1: the
    # fuse's job opened from another area was not listed), before the neighbours', kept past
    # ``AREA_SHOWN``: the outages' links with their open jobs and crews, in one query.
    shown = {o.pk for o in orders}
    jobs: dict[int, WorkOrder] = {}
    on: dict[int, int] = {}  # an open order's nearest outage's rank, as its outage's job
    for link in OutageLink.objects.filter(
        outage_id__in=list(rank),
        order__station_id=customer.station_id,
        order__status__in=OPEN_STATUSES,
    ).select_related("order__crew"):
        job = link.order
        assert job is not None  # the filters'
        on[job.pk] = min(rank[link.outage_id], on.get(job.pk, len(rank)))
        if job.pk not in shown and job.customer_id != customer.pk:
            jobs[job.pk] = job
    more = sorted(jobs.values(), key=lambda job: on[job.pk])
    orders = [*more, *orders][: max(AREA_SHOWN, len(more))]
    # ... and the outages the orders listed were joined to (a caller's own order joined).
    joined = OutageLink.work_orders.through.objects.filter(
        workorder_id__in=[o.pk for o in orders], outagelink__outage_id__in=list(rank)
    ).values_list("workorder_id", "outagelink__outage_id")
    for order_id, outage_id in joined:
        on[order_id] = min(rank[outage_id], on.get(order_id, len(rank)))
    return [(o, _label(on.get(o.pk))) for o in orders]


def _label(rank: int | None) -> str:
    if rank is None:
        return _("Same transformer area")
    if rank == 0:
        return _("The outage this call joins")
    return _("The wider outage above this household")


def nearest_relabelled(
    rows: list[tuple[WorkOrder, str]], label: str
) -> list[tuple[WorkOrder, str]]:
    """``rows`` (``area_orders_said``'s) with the nearest outage's jobs said by ``label``: what
    the call as the page has it does with that outage (walk61, M4: "The outage this call joins"
    over a call set to be taken as billing, which joins nothing)."""
    joins = _label(0)
    return [(order, label if said == joins else said) for order, said in rows]
