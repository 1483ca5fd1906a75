"""An outage's patrol list kept between the pages that show it: the crew's phone asks for its
jobs every 20 seconds, each member of each crew sent, and the board's patrol folds out on
every desk; ranking a stretch is a dozen queries and a model's scoring each time.

The list is kept in the cache (``powerdesk.lib.cache``: Redis or a file, either may lose it)
under the outage, its device, the place last found on it and the page's language, with the
engine's picture version (the signals it has taken, the grid it runs on) it was ranked on:

- a new place found, or the outage moved to another device, is a new key: shown at once;
- an unchanged picture gives the list kept (a refresh that changes nothing is one small query);
- a picture that moved is ranked anew, but at most once a minute: in a storm the picture moves
  every few seconds, and a list a minute old serves a crew walking the line as well;
- after a quarter of an hour it is ranked anew whatever happened (defects recorded, the learnt
  ranking refitted: what the key does not see).
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from powerdesk.outages.models import EngineState, FoundPlace, Outage
from powerdesk.outages.patrol import PatrolStop, patrol_for

__all__ = ["KEEP", "REUSE", "patrol_cached", "patrol_key"]

KEEP = dt.timedelta(minutes=15)
REUSE = dt.timedelta(minutes=1)


def patrol_cached(outage: Outage) -> list[PatrolStop]:
    """``patrol_for(outage)``, from the cache when nothing it shows has changed."""
    key = patrol_key(outage)
    version = _picture_version(outage.station_id)
    now = timezone.now()
    kept = cache.get(key)
    if kept is not None:
        kept_version, ranked_at, stops = kept
        if kept_version == version or now - ranked_at < REUSE:
            return list(stops)
    stops = patrol_for(outage, now=now)
    cache.set(key, (version, now, stops), int(KEEP.total_seconds()))
    return stops


def patrol_key(outage: Outage) -> str:
    found = (
        FoundPlace.objects.filter(outage_id=outage.pk)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    # The start as well as the id: a database built anew (the demo) gives ids out again.
    # "v2": the places' likelihood kept as a share (``PatrolStop.share``), not a whole percent.
    return (
        f"patrol:v2:{outage.pk}:{outage.starts_at.timestamp():.0f}:{outage.device_id}:"
        f"{found or 0}:{get_language() or ''}"
    )


def _picture_version(station_id: int) -> tuple[int, int]:
    """What the engine has taken: the last signal and the grid's version."""
    row = (
        EngineState.objects.filter(station_id=station_id)
        .values_list("cursor", "grid_version")
        .first()
    )
    return (int(row[0]), int(row[1])) if row is not None else (0, 0)
