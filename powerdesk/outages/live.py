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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import math
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.engine.inference.engine import OutageInference, UnknownElement
from powerdesk.engine.inference.evidence import CATEGORY_NAMES, OFF
from powerdesk.engine.inference.learning import history_priors
from powerdesk.engine.inference.picture import Picture
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params
from powerdesk.ops.lease import lease_hold, lease_owner_name, lease_release
from powerdesk.outages.models import (
    MOVED_SOURCE_ID,
    REJECTION_SOURCE_ID,
    EngineState,
    Outage,
    PredictedOutage,
    Signal,
    SignalSource,
    SignalStream,
)
from powerdesk.outages.network_adapter import StationRows, station_rows
from powerdesk.outages.pings import PING, RETRY_WITHIN, ping_rows, with_pings

log = logging.getLogger(__name__)

BATCH = 50_000  # signals read at most per step
FINGERPRINT_EVERY = 60.0  # seconds between checks of the grid itself
RETRY_AFTER = 60.0  # seconds before a station whose engine failed is tried again
# With no new signal, the picture is drawn again at the clock's time this often, for as long as
# the last signal is this recent: the engine's belief moves with time alone (a lone call is named
# once its neighbours' silence speaks, an outage's callers go quiet), and the board must show it
# without waiting for another signal.
QUIET_EVERY = 60.0
QUIET_FOR = 12 * 3600.0
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


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


def _seconds(at: dt.datetime) -> float:
    return (at - EPOCH) / dt.timedelta(seconds=1)


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
            version = _stream_version(self.station)
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
        rows = _signal_rows(self.station, after=0, by_time=True)
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
        version = _stream_version(self.station)
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
        rows = _signal_rows(self.station, after=self.cursor, limit=BATCH)
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
        engine, grid = self.engine, self.grid
        rows = []
        for rank, outage in enumerate(picture.outages):
            first = _first_sign(engine, engine.network.index[outage.device])
            explain = _explain(engine, outage.device, picture.t)
            rows.append(
                PredictedOutage(
                    station=station,
                    code=outage.device,
                    device_id=grid.device_pk.get(outage.device),
                    customer_id=grid.customer_pk.get(outage.device),
                    status=outage.status,
                    customers=outage.customers,
                    confidence=round(outage.confidence, 4),
                    first_sign_at=EPOCH + dt.timedelta(seconds=first)
                    if math.isfinite(first)
                    else None,
                    explain=explain,
                    rank=rank,
                )
            )
        _keep_ids(station, rows)
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


def _explain(engine: OutageInference, element_id: str, t: float) -> dict[str, object]:
    """The evidence behind an outage, as counts (the engine's ``explain``; for one customer's
    own fault, that customer's latest signal)."""
    element = engine.network.index[element_id]
    number = int(engine.network.customer_number[element])
    if number < 0:
        explain = engine.explain(element_id, t)
        explain.pop("prior_log_odds", None)
        explain.pop("evidence_log_ratio", None)
        return explain
    state = engine.state
    category = state.category[number]
    return {
        "device": element_id,
        "kind": "customer",
        "customers": 1,
        "reporting_meters": int(state.metered[number] == 1),
        **{name: int(category == c) for c, name in CATEGORY_NAMES.items()},
    }


def _first_sign(engine: OutageInference, element: int) -> float:
    """When the first sign of the outage came (a call or meter below it, SCADA's open)."""
    state = engine.state
    number = int(engine.network.customer_number[element])
    if number >= 0:
        first = state.signal_t[number] if state.category[number] in OFF else math.inf
    else:
        first = state.first_sign[element]
    opened = engine.scada_opened_at(element)  # SCADA's open time
    return min(first, opened)


def _stream_version(station: Station) -> int:
    version = (
        SignalStream.objects.filter(station=station).values_list("grid_version", flat=True).first()
    )
    return version or 0


def _signal_rows(
    station: Station, *, after: int, limit: int | None = None, by_time: bool = False
) -> list[tuple[int, float, str, str]]:
    """``(pk, t, type, engine id)`` of the station's signals after ``after``."""
    signals = Signal.objects.filter(station=station, pk__gt=after)
    signals = signals.order_by("event_at", "pk") if by_time else signals.order_by("pk")
    query = signals.values_list(
        "pk", "event_at", "type", "customer__account_number", "device__code", "source", "source_id"
    )
    if limit is not None:
        query = query[:limit]
    return [
        (pk, _seconds(at), _engine_type(kind, source, source_id), account or code)
        for pk, at, kind, account, code, source, source_id in query
    ]


def _engine_type(kind: str, source: str, source_id: str) -> str:
    """The contract's type of a stored signal: a prediction rejected on the board, or moved to
    another device, is a ``reject`` of the device the engine named."""
    if source == SignalSource.STAFF and source_id.startswith(
        (REJECTION_SOURCE_ID, MOVED_SOURCE_ID)
    ):
        return "reject"
    return kind


class OutageService:
    """Every station's live engine, stepped in turn (the ``outage_service`` command).

    With several services (machines) on one database, each station is run by the one holding
    its lease (``ops.lease``); the others skip it, and take it over when its owner stops.
    """

    def __init__(self, owner: str | None = None) -> None:
        self.stations: dict[int, LiveStation] = {}
        self.owner = owner or lease_owner_name()

    def step(self) -> dict[str, Step]:
        done: dict[str, Step] = {}
        for station in Station.objects.order_by("pk"):
            if not lease_hold(station_id=station.pk, owner=self.owner):
                # Another process runs it. Should it come back to us, it is rebuilt from the
                # signals, not resumed from a picture that is stale by then.
                self.stations.pop(station.pk, None)
                continue
            live = self.stations.get(station.pk)
            if live is None:
                live = self.stations[station.pk] = LiveStation(station)
            if live.failed_at > time.monotonic() - RETRY_AFTER:
                continue
            try:
                done[station.code] = live.step()
            except Exception:  # one station's bad grid must not stop the others
                log.exception("outage engine of station %s failed; rebuilding in a minute", station)
                live.grid = None
                live.failed_at = time.monotonic()
        return done

    def stop(self) -> None:
        """Give up this service's stations at once, so that another takes them without waiting."""
        lease_release(owner=self.owner)


_PREDICTION_FIELDS = (
    "device_id",
    "customer_id",
    "status",
    "customers",
    "confidence",
    "first_sign_at",
    "explain",
    "rank",
)


def _keep_ids(station: Station, rows: list[PredictedOutage]) -> None:
    """Store the picture's predictions, each under the id it had while its device stays in the
    picture: a form on the board that names a prediction still finds it a step later. Only
    what changed is written."""
    existing = {p.code: p for p in PredictedOutage.objects.filter(station=station)}
    changed: list[PredictedOutage] = []
    new: list[PredictedOutage] = []
    for row in rows:
        old = existing.pop(row.code, None)
        if old is None:
            new.append(row)
        elif any(getattr(old, f) != getattr(row, f) for f in _PREDICTION_FIELDS):
            row.pk = old.pk
            changed.append(row)
    if existing:
        PredictedOutage.objects.filter(pk__in=[p.pk for p in existing.values()]).delete()
    if changed:
        PredictedOutage.objects.bulk_update(changed, _PREDICTION_FIELDS, batch_size=500)
    if new:
        PredictedOutage.objects.bulk_create(new, batch_size=500)
