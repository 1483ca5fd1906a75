"""The task queues and what is normal for each: which worker takes it (its heartbeat's kind), how
long a task may wait there before the queue counts as stuck, and how long a task claimed by a
worker of unknown liveness may run before it is taken for abandoned.

The default queue carries text messages and scans (seconds each): a task waiting minutes means
its worker is gone or jammed. The training queue carries the models' retraining (a first
training took 23 minutes on a loaded demo machine), one after another: a retraining waits behind
the one running, so its limit is a training's expected length.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["QUEUES", "QueueRule", "queue_rule"]


@dataclass(frozen=True)
class QueueRule:
    worker_kind: str  # Heartbeat.Kind of the process that takes this queue
    wait_limit: dt.timedelta  # a task due longer than this: the queue is stuck
    # A task RUNNING this long whose worker cannot be told alive or dead (claimed by a worker that
    # did not name its process) is taken for abandoned and queued again.
    stuck_after: dt.timedelta


QUEUES: dict[str, QueueRule] = {
    "default": QueueRule(
        worker_kind="worker",
        wait_limit=dt.timedelta(minutes=5),
        stuck_after=dt.timedelta(minutes=10),
    ),
    "training": QueueRule(
        worker_kind="trainer",
        wait_limit=dt.timedelta(hours=1),
        stuck_after=dt.timedelta(hours=2),
    ),
}


def queue_rule(name: str) -> QueueRule:
    """The rule of a queue (a queue not listed is judged as the default one)."""
    return QUEUES.get(name, QUEUES["default"])
