"""The patrol ranking learnt from a station's own found faults (``powerdesk.engine.patrol_model``).

Each past fault whose place a crew recorded ("found here") is an example: the places of its
stretch as the station knew them the moment it began (faults found before, open defects that
day, age, lightning zone), the place it was at, its cause, and whether it was the rainy season
or a storm. The model is refitted at most once a day per station (and when more faults were
found since), as fitting takes a moment on five years of history.

Fitting is the task worker's (``tasks.patrol_model_fit``): the model fitted is kept in the shared
cache (``powerdesk.lib.cache``: Redis or a file) for every web process, and in each process's
memory. A web process that finds the kept model out of date (a new day, a fault found since)
ranks with it and asks the worker to fit anew, once (walk58, M4: the board's patrol waited 5-9 s
on its first load, each web process fitting the model and importing SciPy's optimiser for it
while the dispatcher waited). Only with no model kept at all (the cache emptied, a first start)
does the page fit it itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.core.cache import cache
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

__all__ = ["ask_where_none_kept", "examples_of", "fit_and_keep", "forget", "learnt_model"]

logger = logging.getLogger("powerdesk.patrol")

Key = tuple[dt.date, int, int]
_lock = threading.Lock()
_cache: dict[int, tuple[Key, PatrolModel | None]] = {}
# The shared cache's entries: the station's model with its key, and the worker asked to refit.
KEPT = 7 * 24 * 3600  # a week: a model days old still ranks better than none
ASKED = 15 * 60  # the worker asked at most once a quarter of an hour per station and key


def _shared_key(station_id: int) -> str:
    return f"patrol-model:v1:{station_id}"


def learnt_model(
    station_id: int, grid: Grid, *, before: dt.datetime, history: FaultHistory | None = None
) -> PatrolModel | None:
    """The station's learnt ranking from faults that began before ``before`` (None with too
    little history: the hand-set ranking is used). ``history`` must be the whole station's
    (not one stretch's); read anew when not given and the cached model is out of date."""
    key = _key_of(station_id, grid, before)
    with _lock:
        cached = _cache.get(station_id)
    if cached is not None and cached[0] == key:
        return cached[1]
    shared = cache.get(_shared_key(station_id))
    if shared is not None:
        kept_key, model = shared
        with _lock:
            _cache[station_id] = (kept_key, model)
        if kept_key != key:
            _ask_worker(station_id, key)  # ranked with the kept one meanwhile
            with _lock:  # (a worker that runs at once, as in the tests, has fitted it now)
                cached = _cache.get(station_id)
            if cached is not None and cached[0] == key:
                return cached[1]
        return model
    return fit_and_keep(station_id, grid, before=before, history=history)


def fit_and_keep(
    station_id: int, grid: Grid, *, before: dt.datetime, history: FaultHistory | None = None
) -> PatrolModel | None:
    """Fit the station's model on its faults before ``before`` and keep it, for this process and
    every other (the task worker's work, or a page's with none kept at all)."""
    key = _key_of(station_id, grid, before)
    history = history or FaultHistory(station_id)
    model = fit(examples_of(station_id, grid, history, before=before))
    cache.set(_shared_key(station_id), (key, model), KEPT)
    with _lock:
        _cache[station_id] = (key, model)
    return model


def _key_of(station_id: int, grid: Grid, before: dt.datetime) -> Key:
    """What a model fitted for ``before`` depends on: the day, the faults found, the grid."""
    day = timezone.localtime(before).date()
    found = FoundPlace.objects.filter(outage__station_id=station_id)
    count = found.filter(outage__starts_at__lt=before).count()
    return (day, count, len(grid.elements))


def _ask_worker(station_id: int, key: Key) -> None:
    """The task worker asked to fit the station's model anew, once per key (a page that cannot
    ask ranks with the kept model all the same)."""
    from powerdesk.outages.tasks import patrol_model_fit

    day, found, size = key
    if not cache.add(f"patrol-model-asked:v1:{station_id}:{day}:{found}:{size}", 1, ASKED):
        return
    try:
        patrol_model_fit.enqueue(station_id)
    except Exception:  # the queue unreachable: the kept model goes on ranking
        logger.exception("could not ask the task worker to refit the patrol model")


def ask_where_none_kept() -> int:
    """The task worker asked to fit the model of each station that has none kept (a web
    process's warm-up: after a first start or an emptied cache the first patrol would fit it
    while the dispatcher waited); how many were asked for."""
    from powerdesk.accounts.models import Station
    from powerdesk.outages.tasks import patrol_model_fit

    asked = 0
    for station_id in Station.objects.values_list("pk", flat=True):
        if cache.get(_shared_key(station_id)) is not None:
            continue
        if not cache.add(f"patrol-model-asked:v1:{station_id}:none", 1, ASKED):
            continue  # another web process asked already
        patrol_model_fit.enqueue(station_id)
        asked += 1
    return asked


def forget(*, stored: bool = True) -> None:
    """Drop the learnt rankings held in this process, and (``stored``) the one kept for every
    process (tests, benches)."""
    with _lock:
        stations = list(_cache)
        _cache.clear()
    if stored:
        from powerdesk.accounts.models import Station

        for station_id in {*stations, *Station.objects.values_list("pk", flat=True)}:
            cache.delete(_shared_key(station_id))


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
