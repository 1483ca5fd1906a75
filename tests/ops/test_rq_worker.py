"""The RQ worker on a real Redis, in this process: a running task's heartbeat is kept up however
long it runs, and a task whose heartbeat lapsed (its worker died) is queued again, a few times
at most. ``test_process_faults.py`` kills a real worker process mid-send."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis
from rq.job import JobStatus
from rq.queue import Queue
from rq.registry import StartedJobRegistry

from powerdesk.ops.rq_worker import MAX_RERUNS, RERUNS, Worker, requeue_abandoned
from tests.ops.processes import redis_binary, redis_server

pytestmark = pytest.mark.skipif(
    redis_binary() is None,
    reason="no redis-server on this machine (scripts/install-system-packages.sh installs it)",
)


@pytest.fixture
def queue(tmp_path: Path) -> Iterator[Queue]:
    with redis_server(tmp_path) as url:
        yield Queue("default", connection=Redis.from_url(url))


def heartbeats_while_running(seconds: float) -> list[float]:
    """A task: the scores of its own entry among the running jobs, before and after a wait."""
    from rq import get_current_job

    job = get_current_job()
    assert job is not None
    registry = StartedJobRegistry(job.origin, connection=job.connection)

    def score() -> float:
        return max(s for _, s in job.connection.zrange(registry.key, 0, -1, withscores=True))

    first = score()
    time.sleep(seconds)
    return [first, score()]


def started_by_a_worker_that_died(queue: Queue) -> str:
    job = queue.enqueue(heartbeats_while_running, 0)
    worker = Worker([queue], connection=queue.connection)
    taken = Queue.dequeue_any([queue], None, connection=queue.connection)
    assert taken is not None and taken[0].id == job.id
    worker.prepare_execution(job)
    job.set_status(JobStatus.STARTED)
    return job.id


def test_a_running_tasks_heartbeat_is_kept_up_while_it_runs(queue: Queue) -> None:
    job = queue.enqueue(heartbeats_while_running, 2.5)
    Worker([queue], connection=queue.connection, job_monitoring_interval=1).work(burst=True)
    job.refresh()
    first, last = job.return_value()
    assert last >= first + 2  # renewed while it ran: a living worker's task never lapses
    assert last - time.time() < 65  # and short, so that a dead worker's lapses soon


def test_a_task_whose_worker_died_is_queued_again_once_its_heartbeat_lapsed(queue: Queue) -> None:
    job_id = started_by_a_worker_that_died(queue)
    assert requeue_abandoned(queue) == []  # its heartbeat holds: the worker might be slow
    lapsed = time.time() + 3600
    assert requeue_abandoned(queue, now=lapsed) == [job_id]
    assert requeue_abandoned(queue, now=lapsed) == []  # queued once, not twice
    job = queue.fetch_job(job_id)
    assert job is not None
    assert (job.get_status(), job.meta[RERUNS], queue.job_ids) == (
        JobStatus.QUEUED,
        1,
        [job_id],
    )
    assert StartedJobRegistry("default", connection=queue.connection).count == 0


def test_a_task_that_kills_its_worker_each_time_is_left_to_fail(queue: Queue) -> None:
    job_id = started_by_a_worker_that_died(queue)
    job = queue.fetch_job(job_id)
    assert job is not None
    job.meta[RERUNS] = MAX_RERUNS
    job.save_meta()
    assert requeue_abandoned(queue, now=time.time() + 3600) == []
    assert job.get_status() == JobStatus.STARTED  # RQ's own clean-up fails it
