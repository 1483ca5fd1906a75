"""The reliability figures' weights (who is below each device, ``weights.grid_weights_on``) kept
per process while the grid and the customer file stay as they were, as the board keeps its view
of the grid (``outages.board_grid``).

Weighing walks every transformer area's households up the grid, for each day asked (the year
to date, last year to the same day, last year whole): most of the reliability page's time, the
same at every request (fix62d, L9). What is kept is checked against

- the station's grid version (``outages.live.grid_changed``), which every import of a network
  or customer file moves: a page after an import weighs anew at once;
- a fingerprint of exactly what weighing reads (the devices' parents, feeders, villages and
  which are transformer areas; the customers' areas, villages and connection days: two
  aggregate queries), at most every ``POWERDESK_GRID_WEIGHTS_RECHECK`` seconds (60): a customer
  added, moved or connected on a customer's page counts within that time.

Kept by the days asked and the village weighed: a new day is weighed once, and at most
``KEEP_PER_STATION`` sets of days are kept for a station (the oldest dropped).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import BigIntegerField, Count, F, Q, Sum
from django.db.models.functions import Cast, Coalesce, ExtractDay, ExtractMonth, ExtractYear, Mod

from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind

__all__ = ["RECHECK_SECONDS", "forget", "kept_weights"]

# The figures are a year's and a month's: a customer edited on a page may wait a minute. (The
# fingerprint reads every customer: 60-75 ms for the demo's 8,000, against 100-190 ms weighing.)
RECHECK_SECONDS = 60.0
KEEP_PER_STATION = 32
_PRIME = 2_147_483_647


@dataclass
class _Station:
    stamp: tuple[object, ...]
    checked: float
    found: OrderedDict[Hashable, Any] = field(default_factory=OrderedDict)


_kept: dict[int, _Station] = {}
_lock = threading.Lock()


def kept_weights[T](station_id: int, key: Hashable, weigh: Callable[[], T]) -> T:
    """``weigh()``'s result for ``key`` at the station, weighed again only once the grid or the
    customers it reads changed (every time with ``POWERDESK_GRID_WEIGHTS_KEPT`` off: the
    suite's query counts are the same whichever test weighed first)."""
    if not getattr(settings, "POWERDESK_GRID_WEIGHTS_KEPT", True):
        return weigh()
    recheck = float(getattr(settings, "POWERDESK_GRID_WEIGHTS_RECHECK", RECHECK_SECONDS))
    now = time.monotonic()
    version = _grid_version(station_id)
    kept = _kept.get(station_id)
    if kept is None or kept.stamp[0] != version or not 0 <= now - kept.checked < recheck:
        # The stamp before the rows: a change in between is seen at the next check.
        stamp = (version, *_fingerprint(station_id))
        if kept is None or kept.stamp != stamp:
            kept = _Station(stamp, now)
            with _lock:
                _kept[station_id] = kept
        kept.checked = now
    found = kept.found.get(key)
    if found is None:
        found = weigh()
        with _lock:
            kept.found[key] = found
            while len(kept.found) > KEEP_PER_STATION:
                kept.found.popitem(last=False)
    result: T = found
    return result


def forget() -> None:
    """Drop what this process keeps."""
    with _lock:
        _kept.clear()


def _grid_version(station_id: int) -> int:
    from powerdesk.outages.models import SignalStream

    version = (
        SignalStream.objects.filter(station_id=station_id)
        .values_list("grid_version", flat=True)
        .first()
    )
    return version or 0


def _fingerprint(station_id: int) -> tuple[object, ...]:
    """What changes whenever a column weighing reads changes: counts, and sums of ids weighted
    by what they point to (a moved device or customer changes a sum by its id times the move)."""
    nodes = GridNode.objects.filter(station_id=station_id).aggregate(
        n=Count("pk"),
        parents=Sum(_times("parent_id")),
        feeders=Sum(_times("feeder_id")),
        villages=Sum(_times("village_id")),
        transformers=Sum("pk", filter=Q(kind=NodeKind.TRANSFORMER)),
    )
    day = (
        ExtractYear("connected_on") * 400
        + ExtractMonth("connected_on") * 32
        + ExtractDay("connected_on")
    )
    customers = Customer.objects.filter(station_id=station_id).aggregate(
        n=Count("pk"),
        transformers=Sum(_times("transformer_id")),
        villages=Sum(_times("village_id")),
        connected=Sum(Mod(Cast(F("pk"), BigIntegerField()) * Coalesce(day, 0), _PRIME)),
    )
    return (*sorted(nodes.items()), *sorted(customers.items()))


def _times(column: str) -> Mod:
    return Mod(
        Cast(F("pk"), BigIntegerField()) * Coalesce(Cast(F(column), BigIntegerField()), 0),
        _PRIME,
    )
