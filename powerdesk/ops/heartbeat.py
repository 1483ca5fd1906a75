"""Signs of life of the background processes, for ``/healthz``.

Each long-running process (the task worker, the outage service, the notification service)
writes its row every ``BEAT_EVERY`` seconds; one whose newest row of a kind is older than
``STALE_AFTER`` is taken for dead. The loops beat from their own turn (a loop stuck in a step
stops beating); the task worker, whose loop is django-tasks-db's, beats from a thread.

A process started by ``scripts/supervise.sh --heartbeat FILE SECONDS`` (``make run``'s task
workers) is also told ``FILE`` (``POWERDESK_HEARTBEAT_FILE``) and touches it at each beat written:
one alive that has not beaten for ``SECONDS`` (hung: its beating thread stuck or gone) is stopped
and started again by its supervisor. A beat the database did not take touches nothing: a worker
that cannot write its heartbeat for ``SECONDS`` (the database locked or down) is stopped too, in
the middle of its task, which is handed back and run again (docs/deployment.md).

Under systemd the same is done by its watchdog: a unit with ``WatchdogSec=`` (the task workers')
is told so (``WATCHDOG_USEC``, ``WATCHDOG_PID``) and each beat written sends ``WATCHDOG=1`` to
``NOTIFY_SOCKET``; a worker that has not beaten for that long is killed and started again.
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
    "process_start",
    "process_tag",
]

log = logging.getLogger(__name__)

BEAT_EVERY = 10.0  # seconds
BEAT_FILE_ENV = "POWERDESK_HEARTBEAT_FILE"  # touched at each beat written (supervise.sh)
STALE_AFTER = dt.timedelta(seconds=60)
FORGET_AFTER = dt.timedelta(days=1)  # rows of processes long gone are removed
TAG_LIMIT = 64  # django-tasks-db's limit of a worker id


def heartbeat_beat(*, kind: str, started_at: dt.datetime, now: dt.datetime | None = None) -> None:
    """Write this process's sign of life (and forget processes gone for a day). The row is the
    process's (kind, host, pid); a process that got the pid of one gone (after a reboot, or a
    container's restart) takes its row over with its own start time."""
    now = now or timezone.now()
    Heartbeat.objects.update_or_create(
        kind=kind,
        host=socket.gethostname()[:100],
        pid=os.getpid(),
        defaults={"seen_at": now, "started_at": started_at},
    )
    Heartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


class Beat:
    """A loop's heartbeat: ``beat()`` at every turn writes at most every ``BEAT_EVERY`` s."""

    def __init__(self, kind: str, *, started_at: dt.datetime | None = None) -> None:
        self.kind = kind
        self.started_at = started_at or process_start()
        self.last = -float("inf")

    def beat(self) -> None:
        if time.monotonic() - self.last < BEAT_EVERY:
            return
        self.last = time.monotonic()
        try:
            heartbeat_beat(kind=self.kind, started_at=self.started_at)
        except DatabaseError as exc:  # the database away for a moment: the loop goes on
            log.warning("heartbeat of %s not written: %s", self.kind, exc)
            return
        _touch_beat_file()
        _notify_watchdog()


def _notify_watchdog() -> None:
    """Tell systemd's watchdog that this process beat, when its unit asked for it
    (``sd_watchdog_enabled``: ``WATCHDOG_USEC`` set, and ``WATCHDOG_PID``, if set, this process)."""
    if not os.environ.get("WATCHDOG_USEC"):
        return
    pid = os.environ.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return
    address = os.environ.get("NOTIFY_SOCKET", "")
    if not address:
        return
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(b"WATCHDOG=1")
    except OSError as exc:
        log.warning("watchdog of systemd not told at %s: %s", address, exc)


def _touch_beat_file() -> None:
    """Tell this process's supervisor that it beat (``BEAT_FILE_ENV``, when it set it)."""
    path = os.environ.get(BEAT_FILE_ENV, "")
    if not path:
        return
    try:
        with open(path, "a"):
            os.utime(path)
    except OSError as exc:
        log.warning("heartbeat file %s not touched: %s", path, exc)


def heartbeat_thread(kind: str, *, started_at: dt.datetime | None = None) -> threading.Thread:
    """A daemon thread that beats for a process whose loop is not ours (the task worker);
    ``started_at`` is the start the process names itself by (``process_tag``)."""

    def run() -> None:
        beat = Beat(kind, started_at=started_at)
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


def process_start() -> dt.datetime:
    """Now, to the millisecond: a process's start as its heartbeat and its tag both say it."""
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def process_tag(started_at: dt.datetime) -> str:
    """This process's name as a task worker, written in each task it claims:
    ``pid@host@start`` (the start in milliseconds since 1970, as its heartbeat says it). With it,
    a task RUNNING is known to be running (this very process beats) or abandoned (it does not):
    a process of the same pid and host started later (after a reboot, a container's restart)
    is another. A long host name is cut to keep the tag within django-tasks-db's 64
    characters."""
    pid = str(os.getpid())
    start = str(round(started_at.timestamp() * 1000))
    room = TAG_LIMIT - len(pid) - len(start) - 2
    return f"{pid}@{socket.gethostname()[:room]}@{start}"


def process_alive(
    tag: str, *, claimed_at: dt.datetime, now: dt.datetime | None = None
) -> bool | None:
    """Whether the process a ``process_tag`` names still beats, and is the one that claimed the
    task at ``claimed_at``: the same pid, the same host (the whole name, unless the tag had to
    cut it), the same start, and a start before the claim. None for a tag of another form (a
    worker id given by hand, or one written before workers named their start)."""
    pid, at, rest = tag.partition("@")
    host, at_start, start = rest.rpartition("@")
    if not at or not at_start or not pid.isdigit() or not host or not start.isdigit():
        return None
    started_at = dt.datetime.fromtimestamp(int(start) // 1000, tz=dt.UTC) + dt.timedelta(
        milliseconds=int(start) % 1000
    )
    if started_at > claimed_at:  # a process cannot claim a task before it started
        return False
    now = now or timezone.now()
    same_host = {"host__startswith": host} if len(tag) >= TAG_LIMIT else {"host": host}
    return Heartbeat.objects.filter(
        kind__in=[Heartbeat.Kind.WORKER, Heartbeat.Kind.TRAINER],
        pid=int(pid),
        started_at=started_at,
        started_at__lte=claimed_at,
        seen_at__gte=now - STALE_AFTER,
        **same_host,
    ).exists()
