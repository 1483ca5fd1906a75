"""The RQ worker of ``powerdesk worker`` on Redis: a task whose worker died while running it is
run again, as ``notify_service`` hands such tasks back on the database queue.

RQ's own clean-up moves a job whose worker stopped answering to its failed jobs (it retries
only jobs enqueued with retries, and those are retried after an exception too, which our tasks
do not want). This worker looks first, at each of its maintenances (at start, then every
``MAINTENANCE_SECONDS``): a job still marked running whose execution's heartbeat has lapsed lost
its worker, and is put back on its queue, at most ``MAX_RERUNS`` times (a task that kills its
worker each time is left to RQ's clean-up, which fails it). Our tasks are written to run twice
without harm: sends are claimed row by row and keyed by message id, notices keyed.

RQ's ``SimpleWorker`` (see the ``worker`` command for why we use it) sets the heartbeat once, to
the job's whole timeout (its queue's ``max_run``: ``ops.queues.rq_queues``), since nothing renews
it while the job runs in the same process. A thread beside the job renews it every
``job_monitoring_interval`` (30 s) for 90 s, as RQ's forking worker does from its parent: a
living worker's job never lapses however long it runs, and a dead worker's job is run again
within about two and a half minutes.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from redis.client import Redis
from redis.exceptions import WatchError
from rq.exceptions import NoSuchJobError
from rq.executions import Execution
from rq.job import Job, JobStatus
from rq.queue import Queue
from rq.registry import StartedJobRegistry
from rq.utils import as_text, current_timestamp, parse_composite_key
from rq.worker import BaseWorker, SimpleWorker, WorkerStatus

__all__ = ["MAINTENANCE_SECONDS", "MAX_RERUNS", "Worker", "requeue_abandoned"]

logger = logging.getLogger("powerdesk.worker")

MAINTENANCE_SECONDS = 60
MAX_RERUNS = 3
RERUNS = "powerdesk_reruns"  # in the job's meta: how often it was put back


class Worker(SimpleWorker):
    def get_heartbeat_ttl(self, job: Job, working_time: float = 0.0) -> int:
        # The forking worker's short heartbeat, not SimpleWorker's whole timeout: ``_keep_alive``
        # renews it, so only a dead worker lets it lapse.
        return BaseWorker.get_heartbeat_ttl(self, job, working_time)

    def execute_job(self, job: Job, queue: Queue) -> None:
        execution = self.prepare_execution(job)
        done = threading.Event()
        keeper = threading.Thread(
            target=self._keep_alive, args=(job, execution, done), name="rq-heartbeat", daemon=True
        )
        keeper.start()
        try:
            self.perform_job(job, queue, execution)
        finally:
            done.set()
            keeper.join()
        self.set_state(WorkerStatus.IDLE)

    def _keep_alive(self, job: Job, execution: Execution, done: threading.Event) -> None:
        while not done.wait(self.job_monitoring_interval):
            try:
                self.maintain_heartbeats(job, execution)
            except Exception as exc:  # Redis away for a moment: the next beat tries again
                logger.warning("the running task's heartbeat was not renewed (%s)", exc)

    def clean_registries(self) -> None:
        # Before RQ's clean-up, which would fail the jobs of dead workers.
        for queue in self.queues:
            requeue_abandoned(queue)
        super().clean_registries()


def requeue_abandoned(queue: Queue, *, now: float | None = None) -> list[str]:
    """Put back on ``queue`` every job still marked running whose worker stopped renewing its
    heartbeat before ``now`` (epoch seconds); returns their ids. Safe with several workers at
    once: a job is taken off the running ones by one of them only."""
    connection: Redis = queue.connection
    registry = StartedJobRegistry(
        queue.name, connection=connection, job_class=queue.job_class, serializer=queue.serializer
    )
    cutoff = current_timestamp() if now is None else now
    requeued = []
    entries: list[bytes] = connection.zrangebyscore(registry.key, 0, cutoff)  # type: ignore[assignment]
    for entry in entries:
        composite = as_text(entry)
        job_id, _ = parse_composite_key(composite)
        try:
            job = queue.job_class.fetch(job_id, connection=connection, serializer=queue.serializer)
        except NoSuchJobError:
            continue
        reruns = int(job.meta.get(RERUNS, 0))
        if job.get_status(refresh=False) != JobStatus.STARTED or reruns >= MAX_RERUNS:
            continue  # finished meanwhile, or for RQ's clean-up to fail
        if _requeue(queue, registry, job, composite, cutoff=cutoff, reruns=reruns + 1):
            requeued.append(job.id)
            logger.warning(
                "task %s (%s) lost its worker while running: queued again (%d of %d)",
                job.id,
                job.func_name,
                reruns + 1,
                MAX_RERUNS,
            )
    return requeued


def _requeue(
    queue: Queue,
    registry: StartedJobRegistry,
    job: Job,
    composite: str,
    *,
    cutoff: float,
    reruns: int,
) -> bool:
    """Take the job off the running ones and queue it, in one transaction that fails if its
    worker beat meanwhile (it writes the job) or another worker queued it first."""
    with queue.connection.pipeline() as pipeline:
        try:
            pipeline.watch(job.key)
            score = pipeline.zscore(registry.key, composite)
            if score is None or score > cutoff:
                return False
            pipeline.multi()
            job.meta[RERUNS] = reruns
            job.started_at = None
            job.ended_at = None
            Execution.from_composite_key(composite, queue.connection).delete(job, pipeline)
            # What RQ's own ``StartedJobRegistry.requeue`` does, inside our transaction.
            queue._enqueue_job(job, pipeline=pipeline)
            pipeline.execute()
        except WatchError:
            return False
    return True


def worker_options() -> dict[str, Any]:
    """What ``django_rq.workers.get_worker`` is given for this worker."""
    return {
        "job_class": "django_tasks_rq.backend.Job",
        "worker_class": f"{__name__}.Worker",
        "maintenance_interval": MAINTENANCE_SECONDS,
    }
