"""After a villager's report: whether the live engine has taken it yet (the page refreshes
itself until it has), and the cached public status page drawn anew once it has.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from powerdesk.ops.heartbeat import STALE_AFTER, heartbeats_latest
from powerdesk.ops.models import Heartbeat
from powerdesk.outages.models import EngineState, Signal, SignalSource

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.public.services import Reported

__all__ = [
    "LOOK_FOR",
    "REFRESH_EVERY",
    "Taking",
    "report_taking",
    "status_cache_key",
    "status_page_forget",
]

# The page after a report answers at once; while the live engine has not taken the report it
# refreshes itself every ``REFRESH_EVERY`` seconds (the outage service steps about twice a
# second), for at most ``LOOK_FOR`` after the report was stored: past that, the engine is far
# behind and the page says the picture will catch up later instead of refreshing for ever.
REFRESH_EVERY = 3
LOOK_FOR = dt.timedelta(seconds=30)


class Taking(StrEnum):
    """Where the live engine is with a report, for the page after it (``report_taking``)."""

    TAKEN = "taken"  # taken (or nothing to take): the page shows what the engine makes of it
    PENDING = "pending"  # not yet, the outage service runs: the page refreshes itself
    LATE = "late"  # not taken in ``LOOK_FOR``, or the outage service is not running


def report_taking(
    *, station: Station, reported: Reported, looked: bool = False, now: dt.datetime | None = None
) -> Taking:
    """Whether the live engine has taken the report's signal (a report of no power is one; any
    other report has none to take), without waiting for it: the page after the report shows the
    outage the report made the engine suspect once it has, and refreshes itself until then
    (``PENDING``) while the outage service runs (its heartbeat is fresh), for at most
    ``LOOK_FOR``; ``LATE`` after that, or when the service is not running: the page then shows
    what is known. ``looked``: the page is a refresh of one that was pending; the report taken
    since, the station's public page, kept half a minute, is drawn anew too."""
    call = reported.call
    if call is None:
        return Taking.TAKEN
    signal = (
        Signal.objects.filter(
            station=station, source=SignalSource.PUBLIC, source_id=f"call-{call.pk}"
        )
        .values_list("pk", "received_at")
        .first()
    )
    if signal is None:
        return Taking.TAKEN
    pk, received_at = signal
    if EngineState.objects.filter(station=station, cursor__gte=pk).exists():
        if looked:
            status_page_forget(station)
        return Taking.TAKEN
    now = now or timezone.now()
    seen = heartbeats_latest().get(Heartbeat.Kind.OUTAGE_SERVICE)
    if seen is None or seen < now - STALE_AFTER or now - received_at > LOOK_FOR:
        return Taking.LATE
    return Taking.PENDING


def status_cache_key(station_id: int, lang: str) -> str:
    """Where the station's public page, drawn in ``lang``, is kept (``views.status``)."""
    return f"public-status:{station_id}:{lang}"


def status_page_forget(station: Station) -> None:
    """Draw the station's public page anew at its next visit, in every language."""
    cache.delete_many([status_cache_key(station.pk, lang) for lang, _name in settings.LANGUAGES])
