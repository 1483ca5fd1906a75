"""The customers a grid device supplies (those of the transformer areas below it): all of
them, how many for each of several devices, and whether one customer is. Read by
``outages.joined`` (which keeps these names) and the pages and texts of an outage."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, QuerySet

from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import devices_above, subtree_ids

__all__ = ["customer_below", "customers_below", "customers_below_counts"]


def customers_below_counts(devices: Iterable[GridNode]) -> dict[int, int]:
    """How many customers each of ``devices`` supplies, as ``customers_below(device).count()``
    says, in two queries however many devices (the customers of the devices' feeders counted
    by transformer area, the areas' devices above walked in memory: ``devices_above``)."""
    devices = list(devices)
    if not devices:
        return {}
    areas = dict(
        Customer.objects.filter(
            transformer__feeder_id__in={d.feeder_id for d in devices},
            transformer__kind=NodeKind.TRANSFORMER,
        )
        .values("transformer_id")
        .annotate(n=Count("pk"))
        .values_list("transformer_id", "n")
    )
    counts = {d.pk: 0 for d in devices}
    for area, devices_of in devices_above(areas, devices).items():
        for device_id in devices_of:
            counts[device_id] += areas[area]
    return counts


def customer_below(device: GridNode, customer_id: int) -> bool:
    """Whether the customer is supplied through ``device``, as ``customers_below(device)``
    says, in two queries (the customer's transformer area, its feeder's parent links)."""
    area = (
        Customer.objects.filter(pk=customer_id, transformer__kind=NodeKind.TRANSFORMER)
        .values_list("transformer_id", flat=True)
        .first()
    )
    return area is not None and device.pk in devices_above([area], [device]).get(area, [])


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
