"""``powerdesk worker``: the background task worker, with a heartbeat.

On the database queue (the default) it is django-tasks-db's ``db_worker`` (same options); a
task it was running when killed is handed back to the queue by ``powerdesk notify_service``
after ``notifications.tasks.STUCK_AFTER``. With ``POWERDESK_TASK_BACKEND=django_tasks_rq.RQBackend``
it is an RQ worker on Redis (``POWERDESK_REDIS_URL``) for the same queue; ``--batch`` stops it
once the queue is empty, as for ``db_worker``. It runs each task in its own process (RQ's
``SimpleWorker``) rather than a forked child: a child forked while the heartbeat thread holds a
database connection inherits that connection, which SQLite forbids and which left the database
locked; our tasks take seconds, and a task that dies takes its worker with it, which systemd
restarts. A task whose worker died while running it is queued again by the next worker's
maintenance once the dead worker's heartbeat lapsed (``powerdesk.ops.rq_worker``).

The worker's loop is the queue library's own, so its sign of life for ``/healthz`` is written by
a thread beside it.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from powerdesk.ops.heartbeat import heartbeat_thread

RQ_BACKEND = "django_tasks_rq.RQBackend"


class Command(DbWorkerCommand):
    help = "Run the background task worker (db_worker, or RQ on Redis) and report its heartbeat."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        if _on_rq():
            # db_worker's --backend accepts only a database backend; on RQ the queue is Redis.
            for action in parser._actions:
                if action.dest == "backend_name":
                    action.type = str

    def handle(self, *args: Any, **options: Any) -> None:
        heartbeat_thread("worker")
        if _on_rq():
            self._rq_worker(options)
            return
        super().handle(*args, **options)

    def _rq_worker(self, options: dict[str, Any]) -> None:
        from django_rq.utils import reset_db_connections
        from django_rq.workers import get_worker
        from redis.exceptions import ConnectionError as RedisConnectionError

        from powerdesk.ops.rq_worker import worker_options

        queues = (options.get("queue_name") or "default").split(",")
        try:
            worker = get_worker(*queues, **worker_options())
            reset_db_connections()
            worker.work(
                burst=bool(options.get("batch")),
                with_scheduler=True,  # tasks with run_after
                logging_level="INFO" if options.get("verbosity", 1) >= 1 else "WARNING",
                max_jobs=options.get("max_tasks"),
            )
        except RedisConnectionError as exc:
            # systemd (or make run's supervisor) starts the worker again; the queue waits in Redis.
            self.stderr.write(f"The task queue's Redis is not reachable: {exc}")
            sys.exit(1)


def _on_rq() -> bool:
    return bool(settings.TASKS["default"]["BACKEND"] == RQ_BACKEND)
