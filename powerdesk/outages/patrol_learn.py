"""The patrol ranking learnt from a station's own found faults (``powerdesk.engine.patrol_model``).

Each past fault whose place a crew recorded ("found here") is an example: the places of its
stretch as the station knew them the moment it began (faults found before, open defects that
day, age, lightning zone), the place it was at, its cause, and whether it was the rainy season
or a storm. The model is refitted at most once a day per station (and when more faults were
found since), as fitting takes a moment on five years of history.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.utils import timezone

from powerdesk.engine.patrol_model import Example, PatrolModel, fit
from powerdesk.outages.models import FoundPlace, Outage
from powerdesk.outages.patrol import (
    RAINY_MONTHS,
    STORM_OUTAGES,
    FaultHistory,
    places_of,
)
from powerdesk.outages.stretch import Grid, StretchPlace, stretch_of

__all__ = ["examples_of", "forget", "learnt_model"]

_lock = threading.Lock()
_cache: dict[int, tuple[tuple[dt.date, int, int], PatrolModel | None]] = {}


def learnt_model(
    station_id: int, grid: Grid, *, before: dt.datetime, history: FaultHistory | None = None
) -> PatrolModel | None:
    """The station's learnt ranking from faults that began before ``before`` (None with too
    little history: the hand-set ranking is used). ``history`` must be the whole station's
    (not one stretch's); read anew when not given and the cached model is out of date."""
    day = timezone.localtime(before).date()
    found = FoundPlace.objects.filter(outage__station_id=station_id)
    count = found.filter(outage__starts_at__lt=before).count()
    key = (day, count, len(grid.elements))
    with _lock:
        cached = _cache.get(station_id)
    if cached is not None and cached[0] == key:
        return cached[1]
    history = history or FaultHistory(station_id)
    model = fit(examples_of(station_id, grid, history, before=before))
    with _lock:
        _cache[station_id] = (key, model)
    return model


def forget() -> None:
    """Drop the learnt rankings held in this process (tests)."""
    with _lock:
        _cache.clear()


def examples_of(
    station_id: int, grid: Grid, history: FaultHistory, *, before: dt.datetime
) -> list[Example]:
    """The found faults that began before ``before``, each as the ranking saw it then."""
    spans = [
        (start, end)
        for start, end in Outage.objects.filter(
            station_id=station_id, kind=Outage.Kind.UNPLANNED
        ).values_list("starts_at", "restored_at")
        if end is not None
    ]
    stretches: dict[int, list[StretchPlace]] = {}
    examples = []
    for start, key, device_id, cause in sorted(history.found):
        if start >= before or device_id not in grid.elements:
            continue
        if device_id not in stretches:
            stretches[device_id] = stretch_of(grid, device_id)
        stretch = stretches[device_id]
        if not any(p.key == key for p in stretch):
            continue  # the grid changed since: the place is no longer on this stretch
        local = timezone.localtime(start)
        storm = sum(1 for s, e in spans if s < start < e) >= STORM_OUTAGES
        examples.append(
            Example(
                cause=cause,
                places=tuple(places_of(grid, stretch, history, before=start)),
                truth=key,
                year=local.year,
                storm=storm,
                rainy=local.month in RAINY_MONTHS,
            )
        )
    return examples
