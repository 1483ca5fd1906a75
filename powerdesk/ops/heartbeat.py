"""Signs of life of the background processes, for ``/healthz``.

Each long-running process (the task worker, the outage service, the notification service)
writes its row every ``BEAT_EVERY`` seconds; one whose newest row of a kind is older than
``STALE_AFTER`` is taken for dead. The loops beat from their own turn (a loop stuck in a step
stops beating); the task worker, whose loop is django-tasks-db's, beats from a thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time

from django.db import DatabaseError, close_old_connections, connections
from django.db.models import Max
from django.utils import timezone

from powerdesk.ops.models import Heartbeat

__all__ = [
    "BEAT_EVERY",
    "STALE_AFTER",
    "Beat",
    "heartbeat_beat",
    "heartbeat_thread",
    "heartbeats_latest",
    "process_alive",
    "process_tag",
]

log = logging.getLogger(__name__)

BEAT_EVERY = 10.0  # seconds
STALE_AFTER = dt.timedelta(seconds=60)
FORGET_AFTER = dt.timedelta(days=1)  # rows of processes long gone are removed


def heartbeat_beat(*, kind: str, started_at: dt.datetime, now: dt.datetime | None = None) -> None:
    """Write this process's sign of life (and forget processes gone for a day)."""
    now = now or timezone.now()
    Heartbeat.objects.update_or_create(
        kind=kind,
        host=socket.gethostname()[:100],
        pid=os.getpid(),
        defaults={"seen_at": now},
        create_defaults={"seen_at": now, "started_at": started_at},
    )
    Heartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


class Beat:
    """A loop's heartbeat: ``beat()`` at every turn writes at most every ``BEAT_EVERY`` s."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.started_at = timezone.now()
        self.last = -float("inf")

    def beat(self) -> None:
        if time.monotonic() - self.last < BEAT_EVERY:
            return
        self.last = time.monotonic()
        try:
            heartbeat_beat(kind=self.kind, started_at=self.started_at)
        except DatabaseError as exc:  # the database away for a moment: the loop goes on
            log.warning("heartbeat of %s not written: %s", self.kind, exc)


def heartbeat_thread(kind: str) -> threading.Thread:
    """A daemon thread that beats for a process whose loop is not ours (the task worker)."""

    def run() -> None:
        beat = Beat(kind)
        while True:
            close_old_connections()
            beat.beat()
            connections.close_all()  # this thread's own connection, not the worker's
            time.sleep(BEAT_EVERY)

    thread = threading.Thread(target=run, name=f"heartbeat-{kind}", daemon=True)
    thread.start()
    return thread


def heartbeats_latest() -> dict[str, dt.datetime]:
    """The newest sign of life of each kind of process."""
    rows = Heartbeat.objects.values("kind").annotate(seen=Max("seen_at"))
    return {row["kind"]: row["seen"] for row in rows}


def process_tag() -> str:
    """This process's name as a task worker, written in each task it claims: ``pid@host``. With
    it, a task RUNNING is known to be running (its worker beats) or abandoned (it does not)."""
    return f"{os.getpid()}@{socket.gethostname()}"[:64]  # django-tasks-db's limit


def process_alive(tag: str, *, now: dt.datetime | None = None) -> bool | None:
    """Whether the process a ``process_tag`` names still beats; None for a tag of another form
    (a worker id given by hand, or one claimed before workers named their process)."""
    pid, at, host = tag.partition("@")
    if not at or not pid.isdigit() or not host:
        return None
    now = now or timezone.now()
    return Heartbeat.objects.filter(
        pid=int(pid), host__startswith=host, seen_at__gte=now - STALE_AFTER
    ).exists()
