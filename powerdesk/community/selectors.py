"""Reading a village: which outages reached it, its reliability so far, its recent contacts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from powerdesk.community.models import Village
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage
from powerdesk.reliability import selectors as reliability_selectors
from powerdesk.reliability.selectors import AreaYear


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


def village_reliability(village: Village, *, year: int | None = None) -> AreaYear:
    """RS-1, SAIDI, SAIFI and the rest for the village from 1 January to now (or a past year):
    the station's reliability selector, for this village's households and transformer areas."""
    return reliability_selectors.village_reliability(village.station, village.pk, year=year)


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
