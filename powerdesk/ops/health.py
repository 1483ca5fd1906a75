"""What ``/healthz`` reports: the database, the cache, the background processes, the outage
engines and the task queue (in the database, or on Redis through RQ). Counts and ages only: no
names, hosts, addresses or settings. A part that is down says so by its error's class."""

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
    report: dict[str, Any] = {"database": _database(), "cache": _cache()}
    if report["database"]["ok"]:
        try:
            seen = heartbeats_latest()
            report["processes"] = {
                kind: _process(seen.get(kind), now) for kind in Heartbeat.Kind.values
            }
            report["outage_engines"] = _engines(now)
            if not _on_rq():
                report["queue"] = _queue(now)
        except DatabaseError as exc:  # e.g. migrations not run yet
            report["database"] = {"ok": False, "error": type(exc).__name__}
    if _on_rq():
        report["queue"] = _rq_queue(now)
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


def _cache() -> dict[str, Any]:
    from django.core.cache import cache

    ping = getattr(cache, "ping", None)
    if ping is None:  # a file or memory cache: on this machine, as available as its disk
        return {"ok": True}
    started = time.perf_counter()
    try:
        ping()
    except Exception as exc:  # redis' ConnectionError, TimeoutError, ...
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "ms": _ms(started)}


def _on_rq() -> bool:
    from django.conf import settings

    return bool(settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend")


def _rq_queue(now: dt.datetime) -> dict[str, Any]:
    """The RQ queue on Redis: waiting and running tasks, and how long the oldest has waited."""
    import django_rq

    try:
        queue = django_rq.get_queue("default")
        ready = queue.count
        # Without RQ's clean-up, which would fail the task of a dead worker before the next
        # worker queues it again (``ops.rq_worker``).
        running = queue.started_job_registry.get_job_count(cleanup=False)
        oldest = queue.get_jobs(0, 1)
    except Exception as exc:  # redis' ConnectionError, TimeoutError, ...
        return {"ok": False, "backend": "rq", "error": type(exc).__name__}
    enqueued = oldest[0].enqueued_at if oldest else None
    if enqueued is not None and enqueued.tzinfo is None:
        enqueued = enqueued.replace(tzinfo=dt.UTC)
    wait = (now - enqueued) if enqueued else dt.timedelta(0)
    return {
        "ok": wait <= QUEUE_WAIT_LIMIT,
        "backend": "rq",
        "ready": ready,
        "running": running,
        "oldest_wait_seconds": max(0, round(wait.total_seconds())),
    }


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
