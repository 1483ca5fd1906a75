"""The live outage engine: one ``OutageInference`` per station, fed from the signal table.

``LiveStation`` takes the station's signals in the order they were stored (ids above its
cursor), and saves the picture after each batch, in one transaction with the cursor: a crash
between batches loses nothing and takes no signal twice, and a restart rebuilds the engine from
every stored signal, so the picture is the one an uninterrupted run would have.

Time. The engine needs its events in time order. A batch is sorted by event time; when its
earliest event is older than the latest the engine has taken (a head-end's batch from minutes
ago, a call logged late), the engine is rebuilt from all the station's signals in time order
instead. So the picture is always the one the file contract gives for the same events sorted by
time (``powerdesk predict``), at the cost of a rebuild per late batch (a few hundred
milliseconds for a storm's tens of thousands of signals). The picture's time is that of the
latest event taken, not the clock; but while no signal comes, the picture is drawn again at
the clock's time once a minute (for twelve hours after the last signal), since the engine's
belief moves with time alone: a lone call is named once its neighbours' silence speaks.

The grid. The engine is rebuilt when the grid it runs on changes: at once when an import bumps
the station's ``SignalStream.grid_version`` (``grid_changed``), and otherwise within a minute,
when the grid's fingerprint differs. Signals naming a customer or device the grid no longer
places are skipped (and counted).

The signals read and the grid's version are ``live_signals``'; the picture stored as rows,
``live_picture``'s; every station's engine run in turn, ``live_service``'s.
"""

from __future__ import annotations

import contextlib
import math
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.engine.inference.engine import OutageInference, UnknownElement
from powerdesk.engine.inference.learning import history_priors
from powerdesk.engine.inference.picture import Picture
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params
from powerdesk.outages.live_picture import keep_ids, prediction_rows
from powerdesk.outages.live_signals import signal_rows, stream_version
from powerdesk.outages.models import (
    EngineState,
    Outage,
    PredictedOutage,
    Signal,
    SignalStream,
)
from powerdesk.outages.network_adapter import StationRows, station_rows
from powerdesk.outages.pings import PING, RETRY_WITHIN, ping_rows, with_pings

BATCH = 50_000  # signals read at most per step
FINGERPRINT_EVERY = 60.0  # seconds between checks of the grid itself
# With no new signal, the picture is drawn again at the clock's time this often, for as long as
# the last signal is this recent: the engine's belief moves with time alone (a lone call is named
# once its neighbours' silence speaks, an outage's callers go quiet), and the board must show it
# without waiting for another signal.
QUIET_EVERY = 60.0
QUIET_FOR = 12 * 3600.0


def grid_changed(station: Station | int) -> None:
    """Tell the live engine the station's grid changed (imports call this)."""
    station_id = station if isinstance(station, int) else station.pk
    stream, _created = SignalStream.objects.get_or_create(station_id=station_id)
    SignalStream.objects.filter(pk=stream.pk).update(grid_version=F("grid_version") + 1)


def history_params(station: Station, network: Network) -> Params:
    """The engine's rates with each device's prior moved by the station's own fault outages
    (``learning.history_priors``): those that began before the first signal the engine is fed,
    so that a rebuild in the middle of a storm gives the same picture as the run before."""
    first = (
        Signal.objects.filter(station=station)
        .order_by("event_at")
        .values_list("event_at", flat=True)
        .first()
    )
    past = Outage.objects.for_station(station).filter(
        kind=Outage.Kind.UNPLANNED, restored_at__isnull=False
    )
    if first is not None:
        past = past.filter(starts_at__lt=first)
    return history_priors(network, past.values_list("device__code", flat=True))


@dataclass
class Step:
    taken: int = 0
    skipped: int = 0
    rebuilt: bool = False


class LiveStation:
    """The engine of one station, and the picture it saved last."""

    def __init__(self, station: Station) -> None:
        self.station = station
        self.grid: StationRows | None = None
        self.engine: OutageInference | None = None
        self.cursor = 0
        self.last_t = -math.inf
        self.pictured_t = -math.inf  # a picture was taken at this time: same-time events are late
        self.grid_version = -1
        self.fingerprint = ""
        self.checked_at = -math.inf
        self.taken = self.skipped = self.rebuilds = 0
        self.failed_at = -math.inf
        self.saved_at = -math.inf  # monotonic time of the last saved picture
        self.clock = time.time  # the wall clock, in epoch seconds (the signals' time base)
        self.pings_told: set[int] = set()  # the stored meter pings the engine was told of

    # -- building ------------------------------------------------------------------------
    def rebuild(self, version: int | None = None) -> None:
        """A new engine on the grid as it is now, fed every stored signal in time order."""
        self.grid = station_rows(self.station)
        self.fingerprint = self.grid.fingerprint()
        self.checked_at = time.monotonic()
        if version is None:
            version = stream_version(self.station)
        self.grid_version = version
        self.taken = self.skipped = 0
        self.rebuilds += 1
        if not self.grid.rows:  # no grid yet: nothing to run on
            self.engine = None
            self.last_t = self.pictured_t = -math.inf
            self.cursor = 0
            return
        network = self.grid.network(f"{self.station.code} grid")
        self.engine = OutageInference(network, history_params(self.station, network))
        self.last_t = self.pictured_t = -math.inf
        rows = signal_rows(self.station, after=0, by_time=True)
        self.cursor = max((pk for pk, *_ in rows), default=0)
        merged, self.pings_told = with_pings(self.station, rows)
        self._feed(merged)

    def _feed(self, rows: list[tuple[int, float, str, str]]) -> None:
        engine = self.engine
        assert engine is not None
        for _pk, t, kind, target in rows:
            if kind == PING:
                with contextlib.suppress(UnknownElement):  # (a customer moved off the grid)
                    engine.record_ping(t, target)
                continue
            try:
                engine.ingest(t, kind, target)
            except UnknownElement:
                self.skipped += 1
                continue
            self.taken += 1
            self.last_t = t

    # -- running -------------------------------------------------------------------------
    def step(self) -> Step:
        """Take the signals stored since the last step and save the picture if any came."""
        version = stream_version(self.station)
        if self.grid is None or version != self.grid_version or self._grid_moved():
            self.rebuild(version)
            self.save()
            return Step(taken=self.taken, skipped=self.skipped, rebuilt=True)
        if self.engine is None:  # a station without a grid
            return Step()
        if self._pings_late():
            self.rebuild(version)  # a request older than what the engine has taken
            self.save()
            return Step(taken=self.taken, skipped=self.skipped, rebuilt=True)
        rows = signal_rows(self.station, after=self.cursor, limit=BATCH)
        if not rows:
            self._quiet_picture()
            return Step()
        cursor = max(pk for pk, *_ in rows)
        rows.sort(key=lambda r: (r[1], r[0]))
        earliest = rows[0][1]
        if earliest < self.last_t or earliest <= self.pictured_t:
            self.rebuild(version)  # a late signal: take them all again in time order
            self.save()
            return Step(taken=len(rows), rebuilt=True)
        before_taken, before_skipped = self.taken, self.skipped
        self._feed(rows)
        self.cursor = cursor
        self.save()
        return Step(taken=self.taken - before_taken, skipped=self.skipped - before_skipped)

    def _pings_late(self) -> bool:
        """Tell the engine of the meter pings sent since; True if one is older than the latest
        signal taken (the engine must then be rebuilt, to take them in time order)."""
        # A round is sent (or resent) within RETRY_WITHIN of its asking, never later: the last
        # hour's pings are all that can be new, whatever the station's history of pings.
        recent = ping_rows(self.station, since=timezone.now() - 2 * RETRY_WITHIN)
        new = [row for row in recent if row[0] not in self.pings_told]
        if any(t < self.last_t for _pk, t, *_ in new):
            return True
        self._feed(new)
        self.pings_told.update(pk for pk, *_ in new)
        return False

    def _grid_moved(self) -> bool:
        if time.monotonic() - self.checked_at < FINGERPRINT_EVERY:
            return False
        self.checked_at = time.monotonic()
        return station_rows(self.station).fingerprint() != self.fingerprint

    def _quiet_picture(self) -> None:
        """While no signal comes, draw the picture again at the clock's time once a minute (for
        as long as the last signal is recent). A signal that then arrives older than that
        time is a late one: the engine is rebuilt, as for any late signal."""
        if not math.isfinite(self.last_t) or time.monotonic() - self.saved_at < QUIET_EVERY:
            return
        now = self.clock()
        if now <= max(self.last_t, self.pictured_t) or now - self.last_t > QUIET_FOR:
            return
        self.save(at=now)

    def picture(self, at: float | None = None) -> Picture:
        assert self.engine is not None
        t = self.last_t if math.isfinite(self.last_t) else 0.0
        if at is not None:
            t = max(t, at)
        picture = self.engine.picture(t)
        self.pictured_t = max(self.pictured_t, t)
        return picture

    @transaction.atomic
    def save(self, at: float | None = None) -> None:
        """The picture (at the latest signal's time, or ``at`` if later) and the cursor,
        together."""
        assert self.grid is not None
        station = self.station
        self.saved_at = time.monotonic()
        if self.engine is None:
            PredictedOutage.objects.filter(station=station).delete()
            EngineState.objects.update_or_create(
                station=station,
                defaults={"cursor": 0, "picture_t": None, "customers_out": 0, "signals_taken": 0},
            )
            return
        picture = self.picture(at)
        keep_ids(station, prediction_rows(station, self.engine, self.grid, picture))
        EngineState.objects.update_or_create(
            station=station,
            defaults={
                "cursor": self.cursor,
                "grid_version": self.grid_version,
                "grid_fingerprint": self.fingerprint,
                "picture_t": picture.t if math.isfinite(self.last_t) else None,
                "customers_out": picture.customers_out,
                "signals_taken": self.taken,
                "skipped": self.skipped,
                "rebuilds": self.rebuilds,
            },
        )
