"""What ``/healthz`` reports: the database, the background processes, the outage engines and
the task queue. Counts and ages only: no names, hosts, addresses or settings."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import Min
from django.utils import timezone

from powerdesk.ops.heartbeat import STALE_AFTER, heartbeats_latest
from powerdesk.ops.models import EngineLease, Heartbeat

__all__ = ["QUEUE_WAIT_LIMIT", "health_report"]

# A task waiting longer than this means no worker is taking tasks (ours take seconds).
QUEUE_WAIT_LIMIT = dt.timedelta(minutes=5)


def health_report(*, now: dt.datetime | None = None) -> tuple[bool, dict[str, Any]]:
    """``(healthy, report)``: healthy when every check in the report is ``ok``."""
    now = now or timezone.now()
    report: dict[str, Any] = {"database": _database()}
    if report["database"]["ok"]:
        try:
            seen = heartbeats_latest()
            report["processes"] = {
                kind: _process(seen.get(kind), now) for kind in Heartbeat.Kind.values
            }
            report["outage_engines"] = _engines(now)
            report["queue"] = _queue(now)
        except DatabaseError as exc:  # e.g. migrations not run yet
            report["database"] = {"ok": False, "error": type(exc).__name__}
    healthy = all(_ok(value) for value in report.values())
    return healthy, {"ok": healthy, "time": now.isoformat(timespec="seconds"), **report}


def _ok(check: dict[str, Any]) -> bool:
    if "ok" in check:
        return bool(check["ok"])
    return all(_ok(part) for part in check.values())


def _database() -> dict[str, Any]:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor, "ms": _ms(started)}


def _process(seen: dt.datetime | None, now: dt.datetime) -> dict[str, Any]:
    if seen is None:
        return {"ok": False, "seen_seconds_ago": None}
    age = (now - seen).total_seconds()
    return {"ok": now - seen <= STALE_AFTER, "seen_seconds_ago": round(age)}


def _engines(now: dt.datetime) -> dict[str, Any]:
    from powerdesk.accounts.models import Station

    stations = Station.objects.count()
    held = EngineLease.objects.filter(expires_at__gte=now).count()
    return {"ok": held >= stations, "stations": stations, "running": held}


def _queue(now: dt.datetime) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.filter(status="READY")
    oldest = DBTaskResult.objects.ready().aggregate(at=Min("enqueued_at"))["at"]
    wait = (now - oldest) if oldest else dt.timedelta(0)
    return {
        "ok": wait <= QUEUE_WAIT_LIMIT,
        "ready": ready.count(),
        "running": DBTaskResult.objects.filter(status="RUNNING").count(),
        "oldest_wait_seconds": round(wait.total_seconds()),
    }


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
