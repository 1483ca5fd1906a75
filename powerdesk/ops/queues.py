"""The task queues and what is normal for each: which worker takes it (its heartbeat's kind), how
long a task may wait there before the queue counts as stuck, how long a task claimed by a
worker of unknown liveness may run before it is taken for abandoned, and how long a task may run
at all, its worker alive or not, before it is taken for jammed.

The default queue carries text messages and scans (seconds each): a task waiting minutes means
its worker is gone or jammed. The training queue carries the models' retraining (a first
training took 23 minutes on a loaded demo machine), one after another: a retraining waits behind
the one running, so its limit is a training's expected length.

A task may jam in a live worker (a text send hung on a gateway's socket, a lock never let go):
its worker's heartbeat, written by a thread beside the task, goes on, and the queue waits behind
it. Past its queue's ``max_run`` (the texts and scans: 10 minutes, where none takes a minute; a
training: 3 hours, where a first one took 23 minutes) it is handed back all the same, and
``/healthz`` says so.

On RQ the same ``max_run`` is each queue's job timeout (``rq_queues``, the ``RQ_QUEUES`` setting):
a task running longer is stopped by its worker (RQ's own default is half an hour for both).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["QUEUES", "QueueRule", "queue_rule", "rq_queues"]


@dataclass(frozen=True)
class QueueRule:
    worker_kind: str  # Heartbeat.Kind of the process that takes this queue
    wait_limit: dt.timedelta  # a task due longer than this: the queue is stuck
    # A task RUNNING this long whose worker cannot be told alive or dead (claimed by a worker that
    # did not name its process) is taken for abandoned and queued again.
    stuck_after: dt.timedelta
    # A task RUNNING this long is taken for jammed even while its worker beats: handed back to
    # the queue (``notifications.tasks.tasks_recover_stuck``), and /healthz says so.
    max_run: dt.timedelta


QUEUES: dict[str, QueueRule] = {
    "default": QueueRule(
        worker_kind="worker",
        wait_limit=dt.timedelta(minutes=5),
        stuck_after=dt.timedelta(minutes=10),
        max_run=dt.timedelta(minutes=10),
    ),
    "training": QueueRule(
        worker_kind="trainer",
        wait_limit=dt.timedelta(hours=1),
        stuck_after=dt.timedelta(hours=2),
        max_run=dt.timedelta(hours=3),
    ),
}


def queue_rule(name: str) -> QueueRule:
    """The rule of a queue (a queue not listed is judged as the default one)."""
    return QUEUES.get(name, QUEUES["default"])


def rq_queues(url: str, names: list[str]) -> dict[str, dict[str, object]]:
    """django-rq's queues (``RQ_QUEUES``) on the Redis at ``url``: a job of each runs for at most
    its queue's ``max_run``, as on the database queue (10 minutes, a training 3 hours)."""
    return {
        name: {"URL": url, "DEFAULT_TIMEOUT": round(queue_rule(name).max_run.total_seconds())}
        for name in names
    }
