"""What the restoration-time model (``etr``) learns from and predicts with, read from the
station's own records: each outage's features as known at a moment (its device, cause, hour and
month, other faults open, the crew's distance, when the crew reached the line and found the
cause, the size of its stretch), and the training samples of the restored fault outages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Sequence

from django.db.models import Q
from django.utils import timezone

from powerdesk.accounts.models import Crew
from powerdesk.network.models import GridNode
from powerdesk.outages.board_grid import BelowGrid, grid_below
from powerdesk.outages.etr_model import Features
from powerdesk.outages.models import Outage, OutageEvent, OutageLink
from powerdesk.servicedesk.models import WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S

__all__ = [
    "MOMENTARY",
    "at_start",
    "events_prefetched",
    "features_of",
    "restored_faults",
    "training_samples",
]

MOMENTARY = dt.timedelta(minutes=5)  # a recloser that closed again by itself: no crew went
ARRIVED = ("patrolling", "on_site", "arrived")  # history lines saying the crew is on the line


def features_of(
    station_id: int,
    outages: Sequence[Outage],
    *,
    as_of: dt.datetime,
    grid: BelowGrid | None = None,
) -> dict[int, Features]:
    """Each outage's features as known at ``as_of`` (arrival and cause only if by then)."""
    devices = GridNode.objects.select_related("village").in_bulk({o.device_id for o in outages})
    links = {
        link.outage_id: link
        for link in OutageLink.objects.filter(outage__in=[o.pk for o in outages if o.pk > 0])
    }
    bases = [
        (c.pk, c.base_x, c.base_y)
        for c in Crew.objects.filter(station_id=station_id).exclude(base_x=None)
    ]
    arrived, cause_found = _field_times(outages, as_of)
    intervals = _intervals(station_id, min(o.starts_at for o in outages))
    sizes = _stretch_sizes(grid or grid_below(station_id), {o.device_id for o in outages})
    out = {}
    for outage in outages:
        device = devices[outage.device_id]
        village = device.village
        link = links.get(outage.pk)
        local = timezone.localtime(outage.starts_at)
        cause = link.cause_kind if link is not None else ""
        out[outage.pk] = Features(
            device_kind=device.kind,
            cause=cause,
            remote=bool(device.village and device.village.no_road_access),
            hour=local.hour,
            month=local.month,
            busy=sum(1 for pk, s, e in intervals if pk != outage.pk and s < outage.starts_at < e),
            distance_km=_distance(device, bases, link.crew_id if link else None),
            arrived_after=_minutes(outage.starts_at, arrived.get(outage.pk)),
            cause_after=_minutes(outage.starts_at, cause_found.get(outage.pk)) if cause else None,
            places=sizes.get(outage.device_id, 1),
            walk_minutes=village.walk_minutes if village and village.no_road_access else 0,
        )
    return out


def _stretch_sizes(grid: BelowGrid, device_ids: set[int]) -> dict[int, int]:
    """How many places each device's stretch has (the grid kept by ``board_grid``)."""
    sizes = {pk: grid.stretch_size(pk) for pk in device_ids}
    return {pk: n for pk, n in sizes.items() if n is not None}


def training_samples(
    station_id: int, *, before: dt.datetime | None = None
) -> tuple[list[tuple[Features, float]], int]:
    """``(features, minutes off)`` at each moment of each restored fault outage (oldest first;
    only those restored before ``before``), and how many outages they come from."""
    outages = restored_faults(station_id, before)
    if not outages:
        return [], 0
    last = max(o.restored_at or o.starts_at for o in outages)
    final = features_of(station_id, outages, as_of=last)
    samples = []
    for outage in outages:
        assert outage.restored_at is not None
        minutes = (outage.restored_at - outage.starts_at).total_seconds() / 60
        f = final[outage.pk]
        samples.append((at_start(f), minutes))
        if f.arrived_after is not None:
            samples.append((at_start(f, arrived=f.arrived_after), minutes))
        if f.cause:
            samples.append((f, minutes))
    return samples, len(outages)


def restored_faults(station_id: int, before: dt.datetime | None) -> list[Outage]:
    restored = Outage.objects.filter(
        station_id=station_id,
        kind=Outage.Kind.UNPLANNED,
        status=Outage.Status.RESTORED,
        restored_at__isnull=False,
    ).order_by("starts_at", "pk")
    if before is not None:
        restored = restored.filter(restored_at__lt=before)
    return [o for o in restored if o.restored_at and o.restored_at - o.starts_at >= MOMENTARY]


def at_start(f: Features, *, arrived: float | None = None) -> Features:
    return dataclasses.replace(f, cause="", arrived_after=arrived, cause_after=None)


def _field_times(
    outages: Sequence[Outage], as_of: dt.datetime
) -> tuple[dict[int, dt.datetime], dict[int, dt.datetime]]:
    """When the crew reached the line and found the cause, for each outage (first time)."""
    ids = [o.pk for o in outages if o.pk > 0]
    arrived: dict[int, dt.datetime] = {}
    cause: dict[int, dt.datetime] = {}
    real = [o for o in outages if o.pk > 0]
    if real and all(events_prefetched(o) for o in real):  # the board's rows hold their history
        lines = sorted(
            ((o.pk, e.what, e.at) for o in real for e in o.events.all()), key=lambda x: x[2]
        )
    else:
        lines = list(
            OutageEvent.objects.filter(outage_id__in=ids)
            .order_by("at")
            .values_list("outage_id", "what", "at")
        )
    for outage_id, what, at in lines:
        if at > as_of or what not in (*ARRIVED, "cause_found"):
            continue
        target = cause if what == "cause_found" else arrived
        target.setdefault(outage_id, at)
    # A joined work order's crew on site is the outage's crew on site: of this visit only.
    on_site = list(
        WorkOrderEvent.objects.filter(
            work_order__outage_links__outage_id__in=ids, to_status=S.ON_SITE, at__lte=as_of
        )
        .order_by("at")
        .values_list("work_order__outage_links__outage_id", "work_order_id", "at")
    )
    reopened = _reopened(on_site)
    ends = {o.pk: o.restored_at for o in real}
    for outage_id, order_id, at in on_site:
        if _earlier_visit(at, reopened.get(order_id, ()), ends.get(outage_id)):
            continue
        if at < arrived.get(outage_id, at + dt.timedelta(seconds=1)):
            arrived[outage_id] = at
    return arrived, cause


def _reopened(
    on_site: list[tuple[int, int, dt.datetime]],
) -> dict[int, list[dt.datetime]]:
    """When each of the orders was reopened ("still not fixed"): a new visit each time."""
    found: dict[int, list[dt.datetime]] = {}
    if not on_site:
        return found
    for order_id, at in WorkOrderEvent.objects.filter(
        work_order_id__in={order_id for _o, order_id, _at in on_site},
        kind=WorkOrderEvent.Kind.REOPENED,
    ).values_list("work_order_id", "at"):
        found.setdefault(order_id, []).append(at)
    return found


def _earlier_visit(
    at: dt.datetime, reopened: Iterable[dt.datetime], restored_at: dt.datetime | None
) -> bool:
    """Whether a joined order's "on site" at ``at`` was of a visit that ended before this
    outage was over: the order was reopened since, while the outage was off (or before it).
    A caller's order reopened after power came back and joined to the device's next outage
    keeps its old arrival in its history; that crew was on site for the outage before, not
    for this one. Reopened only after this outage was over, the arrival was this outage's."""
    return any(at < r and (restored_at is None or r <= restored_at) for r in reopened)


def _intervals(station_id: int, since: dt.datetime) -> list[tuple[int, dt.datetime, dt.datetime]]:
    """Fault outages open at some time after ``since``: (pk, start, end or far future)."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    rows = Outage.objects.filter(station_id=station_id, kind=Outage.Kind.UNPLANNED).filter(
        Q(restored_at__isnull=True) | Q(restored_at__gt=since)
    )
    return [
        (pk, start, end or far)
        for pk, start, end in rows.values_list("pk", "starts_at", "restored_at")
        if end is None or end - start >= MOMENTARY
    ]


def _distance(
    device: GridNode, bases: list[tuple[int, float | None, float | None]], crew_id: int | None
) -> float:
    """Km from the crew's base (the one sent, else the nearest) to the device."""
    if device.x is None or device.y is None or not bases:
        return 5.0
    km = {
        pk: math.hypot(
            (x - device.x) * 111.32 * math.cos(math.radians(device.y)), (y - device.y) * 110.57
        )
        for pk, x, y in bases
        if x is not None and y is not None
    }
    if crew_id in km:
        return km[crew_id]
    return min(km.values(), default=5.0)


def _minutes(start: dt.datetime, at: dt.datetime | None) -> float | None:
    return None if at is None else max(0.0, (at - start).total_seconds() / 60)


def events_prefetched(outage: Outage) -> bool:
    """Whether ``outage`` holds its history already (the board's rows do)."""
    return "events" in getattr(outage, "_prefetched_objects_cache", {})
