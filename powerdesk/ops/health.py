"""What ``/healthz`` reports: the database, the cache, the background processes, the outage
engines and each task queue (in the database, or on Redis through RQ). Counts, ages and task
names only: no people, hosts, addresses or settings. A part that is down says so by its error's
class.

Each queue is judged by its own rule (``ops.queues``): it is unhealthy when tasks wait for it and
its worker is gone (no heartbeat), when a task has run past the queue's ``max_run`` (jammed in a
worker that still beats: a send hung on a gateway), or when a task has waited past the queue's
limit (minutes for the texts and scans, an hour for the training queue, where a retraining waits
behind the one running). A task that runs long within its limit while its worker beats (a
training) keeps the site healthy and is named under ``running``.

``queues`` holds each queue's verdict; ``queue`` (the key before there were two queues) sums them
up for the monitors that read it: ``ok`` when every queue is, the worst ``problem`` (the default
queue's, which carries the texts, before the training queue's), and the counts it always had."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import Min, Q
from django.utils import timezone

from powerdesk.ops.heartbeat import STALE_AFTER, heartbeats_latest
from powerdesk.ops.models import EngineLease, Heartbeat
from powerdesk.ops.queues import queue_rule

__all__ = ["health_report"]


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
                report["queues"] = {
                    name: _queue(name, now, report["processes"]) for name in _queue_names()
                }
                report["queue"] = _summary(report["queues"], running=_db_running())
        except DatabaseError as exc:  # e.g. migrations not run yet
            report["database"] = {"ok": False, "error": type(exc).__name__}
            report.pop("queues", None)
    if _on_rq():
        processes = report.get("processes", {})
        report["queues"] = {name: _rq_queue(name, now, processes) for name in _queue_names()}
        report["queue"] = _summary(report["queues"])
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


def _queue_names() -> list[str]:
    from django.conf import settings

    return list(settings.TASK_QUEUES)


def _judged(
    name: str,
    processes: dict[str, Any],
    *,
    ready: int,
    wait: dt.timedelta,
    run: dt.timedelta | None = None,
) -> dict[str, Any]:
    """A queue's verdict: its worker's heartbeat when tasks wait, the longest running task
    (``run``, when known) against the queue's ``max_run``, and the oldest wait against the
    queue's own limit. ``problem`` says what a monitor should look at."""
    rule = queue_rule(name)
    worker_ok = bool(processes.get(rule.worker_kind, {}).get("ok", True))
    verdict: dict[str, Any] = {
        "ok": True,
        "worker": rule.worker_kind,
        "ready": ready,
        "oldest_wait_seconds": max(0, round(wait.total_seconds())),
        "wait_limit_seconds": round(rule.wait_limit.total_seconds()),
    }
    if run is not None:
        verdict["run_limit_seconds"] = round(rule.max_run.total_seconds())
    if ready and not worker_ok:
        verdict.update(ok=False, problem=f"no {rule.worker_kind} is taking the {name} queue")
    elif run is not None and run > rule.max_run:
        ran, limit = _minutes(run), _minutes(rule.max_run)
        verdict.update(
            ok=False,
            problem=f"a task has run {ran} min on the {name} queue, past its limit of {limit} min",
        )
    elif wait > rule.wait_limit:
        verdict.update(
            ok=False, problem=f"a task has waited {_minutes(wait)} min on the {name} queue"
        )
    return verdict


def _minutes(span: dt.timedelta) -> int:
    return round(span.total_seconds() / 60)


def _summary(queues: dict[str, dict[str, Any]], *, running: int | None = None) -> dict[str, Any]:
    """The ``queue`` of before there were two: ``ok`` when every queue is, its counts summed
    (``running`` a count, as it was), and the worst queue's ``problem`` (or ``error``): the
    queues are listed most pressing first, the texts' before the training's."""
    verdicts = list(queues.values())
    summary: dict[str, Any] = {
        "ok": all(verdict["ok"] for verdict in verdicts),
        "ready": sum(verdict.get("ready", 0) for verdict in verdicts),
        "running": (
            running
            if running is not None
            else sum(v["running"] for v in verdicts if isinstance(v.get("running"), int))
        ),
        "oldest_wait_seconds": max(
            (verdict.get("oldest_wait_seconds", 0) for verdict in verdicts), default=0
        ),
    }
    if any(verdict.get("backend") == "rq" for verdict in verdicts):
        summary["backend"] = "rq"
    worst = next((verdict for verdict in verdicts if not verdict["ok"]), None)
    if worst is not None:
        for key in ("problem", "error"):
            if key in worst:
                summary[key] = worst[key]
    return summary


def _db_running() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="RUNNING").count()


def _rq_queue(name: str, now: dt.datetime, processes: dict[str, Any]) -> dict[str, Any]:
    """An RQ queue on Redis: waiting and running tasks, and how long the oldest has waited."""
    import django_rq

    try:
        queue = django_rq.get_queue(name)
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
        "backend": "rq",
        **_judged(name, processes, ready=ready, wait=wait),
        "running": running,
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


def _queue(name: str, now: dt.datetime, processes: dict[str, Any]) -> dict[str, Any]:
    """A queue in the database: tasks due and waiting (since they were queued, or since they came
    due or were handed back; a task handed back from a jammed worker, since it was claimed), and
    the tasks running, by name and for how long, the longest against the queue's ``max_run``."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    rows = DBTaskResult.objects.filter(queue_name=name)
    due = rows.filter(status="READY").filter(Q(run_after=get_date_max()) | Q(run_after__lte=now))
    oldest = [
        due.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"],
        due.exclude(run_after=get_date_max()).aggregate(at=Min("run_after"))["at"],
    ]
    since = min((at for at in oldest if at is not None), default=None)
    wait = (now - since) if since else dt.timedelta(0)
    first = rows.filter(status="RUNNING").aggregate(at=Min("started_at"))["at"]
    run = (now - first) if first else dt.timedelta(0)
    running = [
        {
            "task": row.task_name,
            "running_seconds": max(0, round((now - row.started_at).total_seconds())),
        }
        for row in rows.filter(status="RUNNING").order_by("started_at")[:5]
        if row.started_at is not None
    ]
    return {
        **_judged(name, processes, ready=due.count(), wait=wait, run=run),
        "running": running,
    }


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
