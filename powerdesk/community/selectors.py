"""Reading a village: which outages reached it, its reliability so far, its recent contacts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from powerdesk.community.models import Village
from powerdesk.engine.reliability import Interruption, Reliability, reliability
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage, OutageRestoreStep
from powerdesk.outages.restoration import interruption_pieces


@dataclass(frozen=True)
class VillageInterruption:
    outage: Outage
    customers: int  # the village's customers below the device


def customers_by_device(village: Village) -> dict[int, int]:
    """For every device above one of the village's transformer areas: the village's customers
    below it (one query per feeder for the parent links). Pass it as ``below`` to the functions
    here when a page needs several of them."""
    transformers = list(
        GridNode.objects.filter(village=village, kind=NodeKind.TRANSFORMER)
        .annotate(n=Count("customers", filter=Q(customers__village=village)))
        .values_list("pk", "feeder_id", "n")
    )
    below: dict[int, int] = {}
    for feeder_id in {feeder for _pk, feeder, _n in transformers}:
        parents = dict(GridNode.objects.filter(feeder_id=feeder_id).values_list("pk", "parent_id"))
        for pk, feeder, n in transformers:
            if feeder != feeder_id:
                continue
            node: int | None = pk
            while node is not None:
                below[node] = below.get(node, 0) + n
                node = parents.get(node)
    return below


def village_interruptions(
    village: Village,
    start: dt.datetime,
    end: dt.datetime,
    *,
    below: dict[int, int] | None = None,
) -> list[VillageInterruption]:
    """Outages that took supply from some of the village's customers between start and end."""
    below = customers_by_device(village) if below is None else below
    candidates = (
        Outage.objects.for_station(village.station_id)
        .filter(device_id__in=list(below), starts_at__lt=end)
        .exclude(status__in=[Outage.Status.ANNOUNCED, Outage.Status.CANCELLED])
        .filter(Q(restored_at__isnull=True) | Q(restored_at__gt=start))
        .select_related("device")
        .order_by("-starts_at")
    )
    return [VillageInterruption(o, below[o.device_id]) for o in candidates if below[o.device_id]]


def village_reliability(
    village: Village, *, year: int | None = None, below: dict[int, int] | None = None
) -> Reliability:
    """SAIDI, SAIFI, RS-1 for the village's customers from 1 January to now (or a whole year)."""
    now = timezone.localtime()
    year = year or now.year
    start = dt.datetime(year, 1, 1, tzinfo=now.tzinfo)
    end = min(now, dt.datetime(year + 1, 1, 1, tzinfo=now.tzinfo))
    below = customers_by_device(village) if below is None else below
    items = village_interruptions(village, start, end, below=below)
    steps: dict[int, list[OutageRestoreStep]] = {}
    for step in OutageRestoreStep.objects.filter(outage__in=[i.outage for i in items]):
        steps.setdefault(step.outage_id, []).append(step)
    # A partly restored outage counts each household's own time without power.
    return reliability(
        [
            Interruption(i.outage.starts_at, piece_end, n, i.outage.kind == Outage.Kind.PLANNED)
            for i in items
            for piece_end, n in interruption_pieces(
                i.outage, steps.get(i.outage.pk, []), lambda pk: below.get(pk, 0)
            )
        ],
        customers_served=village.customers.count(),
        period_start=start,
        period_end=end,
    )


def village_current_outages(
    village: Village, *, below: dict[int, int] | None = None
) -> list[Outage]:
    """Current and announced outages above any transformer area of the village."""
    below = customers_by_device(village) if below is None else below
    if not below:
        return []
    return list(
        Outage.objects.for_station(village.station_id)
        .filter(device_id__in=list(below))
        .exclude(status__in=[Outage.Status.RESTORED, Outage.Status.CANCELLED])
        .select_related("device")
        .order_by("starts_at")
    )
