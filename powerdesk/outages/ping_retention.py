"""How long meter pings are kept, and their purge.

Every round of meter pings stores a row per meter asked (``MeterPing``) and one for the round
(``PingRound``): up to 50 meters every five minutes while an outage is suspected, for ever. They
are kept ``settings.PING_KEEP_DAYS`` days (90 unless ``POWERDESK_PING_KEEP_DAYS`` says
otherwise), then deleted by a background task (``tasks.purge_meter_pings``, queued by
``powerdesk purge_pings --every 6``), in batches of a bounded size and a bounded number per run
(a backlog goes over several runs, never in one long transaction). Never deleted, whatever the
setting:

- the pings since the first sign of an outage still open (power off, recorded) or still in
  the engine's picture (predicted): the engine counts them while that outage lasts, and a
  rebuild replays them;
- the pings of the current and the last calendar month (station time): the month's report
  and reliability figures are made after the month ends, and its outages reviewed then.

Each run that removed something is recorded (``ops.Purge``: when, how many of each, older than
what, the days kept) and logged; the settings page says the retention and the last purge, the
audit trail lists the purges.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Min, OuterRef, QuerySet
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.ops.models import Purge
from powerdesk.outages.models import MeterPing, Outage, PingRound, PredictedOutage

__all__ = [
    "Cutoff",
    "PingRetention",
    "ping_retention",
    "ping_retention_cutoff",
    "pings_purge",
    "retention_cutoff",
]

log = logging.getLogger(__name__)

BATCH = 1000  # rows deleted at most by one statement (one short transaction each)
BATCHES_MOST = 50  # statements at most per table and station in one run: 50,000 rows


def ping_keep_days() -> int:
    return int(settings.PING_KEEP_DAYS)


@dataclass(frozen=True)
class Cutoff:
    """Pings asked before ``at`` may be deleted; ``held``: ``at`` is earlier than the retention
    gives, since an outage open or predicted counts on the pings since its first sign."""

    at: dt.datetime
    held: bool


def ping_retention_cutoff(station: Station, now: dt.datetime | None = None) -> dt.datetime:
    """Pings asked before this time may be deleted: ``PING_KEEP_DAYS`` ago, but never later
    than the start of the last month (station time), nor than the first sign of an outage
    still open or predicted at the station."""
    return retention_cutoff(station, now).at


def retention_cutoff(station: Station, now: dt.datetime | None = None) -> Cutoff:
    """``ping_retention_cutoff``, and whether an outage holds it back.

    A prediction whose first sign is not known (nothing dated below its device: no call, no
    meter, no SCADA open, so no ping speaks for it) holds nothing back: were it to keep every
    ping, as it once did, a single one in the engine's picture would stop every purge. The
    pings of the current and the last month are kept whatever happens."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=ping_keep_days())
    local = timezone.localtime(now)
    this_month = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    cutoff = min(cutoff, last_month)
    open_since = Outage.objects.filter(station=station, status=Outage.Status.ACTIVE).aggregate(
        at=Min("starts_at")
    )["at"]
    predicted_since = PredictedOutage.objects.filter(
        station=station, first_sign_at__isnull=False
    ).aggregate(at=Min("first_sign_at"))["at"]
    held = False
    for since in (open_since, predicted_since):
        if since is not None and since < cutoff:
            cutoff, held = since, True
    return Cutoff(at=cutoff, held=held)


def pings_purge(
    station: Station,
    *,
    now: dt.datetime | None = None,
    batch: int = BATCH,
    batches_most: int = BATCHES_MOST,
) -> Purge | None:
    """Delete the station's pings asked before ``ping_retention_cutoff``, then its rounds
    before it with no ping left, ``batch`` rows a statement and ``batches_most`` statements
    a table at most; the record of what went, or None when nothing did. Safe to run again and
    from two workers at once (each deletes what is still there)."""
    now = now or timezone.now()
    cutoff = ping_retention_cutoff(station, now)
    old_pings = MeterPing.objects.filter(station=station, requested_at__lt=cutoff)
    pings, pings_left = _in_batches(old_pings, batch, batches_most)
    has_ping = MeterPing.objects.filter(round=OuterRef("pk"))
    old_rounds = PingRound.objects.filter(station=station, at__lt=cutoff).exclude(Exists(has_ping))
    rounds, rounds_left = _in_batches(old_rounds, batch, batches_most)
    if not (pings or rounds):
        return None
    purge = Purge.objects.create(
        station=station,
        kind=Purge.Kind.METER_PINGS,
        at=now,
        before=cutoff,
        keep_days=ping_keep_days(),
        removed={"meter_pings": pings, "ping_rounds": rounds},
        more_left=pings_left or rounds_left,
    )
    log.info(
        "meter pings purged",
        extra={
            "station": station.code,
            "meter_pings": pings,
            "ping_rounds": rounds,
            "before": cutoff.isoformat(),
            "more_left": purge.more_left,
        },
    )
    return purge


def _in_batches(rows: QuerySet[Any], batch: int, batches_most: int) -> tuple[int, bool]:
    """Delete ``rows`` by primary key, ``batch`` at a time, ``batches_most`` times at most;
    how many went, and whether any are left."""
    deleted = 0
    for _turn in range(batches_most):
        pks = list(rows.order_by("pk").values_list("pk", flat=True)[:batch])
        if not pks:
            return deleted, False
        with transaction.atomic():
            deleted += (
                rows.model.objects.filter(pk__in=pks).delete()[1].get(rows.model._meta.label, 0)
            )
    return deleted, rows.exists()


@dataclass(frozen=True)
class PingRetention:
    """What the settings page says: the days kept, what the next purge keeps (every ping asked
    since ``kept_since``; ``held``: an outage open or predicted holds it back), and the
    station's last purge."""

    keep_days: int
    kept_since: dt.datetime
    held: bool
    last: Purge | None


def ping_retention(station: Station, now: dt.datetime | None = None) -> PingRetention:
    cutoff = retention_cutoff(station, now)
    last = (
        Purge.objects.for_station(station)
        .filter(kind=Purge.Kind.METER_PINGS)
        .order_by("-at", "-pk")
        .first()
    )
    return PingRetention(
        keep_days=ping_keep_days(), kept_since=cutoff.at, held=cutoff.held, last=last
    )
