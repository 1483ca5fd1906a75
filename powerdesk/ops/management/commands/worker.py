"""``powerdesk worker``: the background task worker, with a heartbeat.

On the database queue (the default) it is django-tasks-db's ``db_worker`` (same options). Its
worker id is its process (``pid@host@start``, ``ops.heartbeat.process_tag``), written in each
task it claims: a task it was running when killed is handed back to the queue by ``powerdesk
notify_service`` once its heartbeat has lapsed (a worker started later with the same pid, after a
reboot, is not taken for it), and a long task (a training) whose worker beats is left running,
and reads RUNNING, up to its queue's ``max_run`` (``ops.queues``). With
``POWERDESK_TASK_BACKEND=django_tasks_rq.RQBackend`` it is an RQ worker on Redis
(``POWERDESK_REDIS_URL``) for the same queue; ``--batch`` stops it once the queue is empty, as
for ``db_worker``. It runs each task in its own process (RQ's
``SimpleWorker``) rather than a forked child: a child forked while the heartbeat thread holds a
database connection inherits that connection, which SQLite forbids and which left the database
locked; our tasks take seconds, and a task that dies takes its worker with it, which systemd
restarts. A task whose worker died while running it is queued again by the next worker's
maintenance once the dead worker's heartbeat lapsed (``powerdesk.ops.rq_worker``).

It refuses to start, as ``powerdesk serve`` does, with a secret key the web server would not
share (``powerdesk.ops.checks``): the old published one, none given on a shared database, or one
of its own process.

The worker's loop is the queue library's own, so its sign of life for ``/healthz`` is written by
a thread beside it.

Told to stop (TERM, or Ctrl-C) in the middle of a task, the database worker does not wait for it:
``db_worker`` would finish the task first, and a retraining of the call classifier takes minutes,
so ``make run`` hung on Ctrl-C. The task is abandoned where it is (``TaskAbandoned``, raised in
it) and handed back to the queue, to be run again by the next worker; our tasks are safe to run
again (sends are claimed, notices keyed, a model is published whole or not at all).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from powerdesk.ops.checks import key_refusals
from powerdesk.ops.heartbeat import heartbeat_thread, process_start, process_tag

RQ_BACKEND = "django_tasks_rq.RQBackend"

logger = logging.getLogger("django_tasks_db")


class TaskAbandoned(BaseException):
    """Raised in the running task when the worker is told to stop: not an ``Exception``, so the
    task's own error handling lets it through."""


class StoppingWorker(Worker):
    """``db_worker``'s worker that stops at once when told to, handing its task back."""

    abandoning = False
    told_again = 0

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        self.running = False
        if self.abandoning:
            # Told again while handing the task back (Ctrl-C reaches the worker, and then its
            # supervisor's TERM does, a moment apart): the handback is one update, let it end.
            # A third time stops it where it is.
            self.told_again += 1
            if self.told_again >= 2:
                self.reset_signals()
                sys.exit(1)
            return
        if not self.running_task:
            sys.exit(0)  # between tasks, or asleep: nothing to hand back
        self.abandoning = True
        logger.warning(
            "Received %s: the running task is abandoned and queued again; stopping",
            signal.strsignal(signum),
        )
        raise TaskAbandoned(signal.strsignal(signum))

    def run_task(self, db_task_result: DBTaskResult) -> None:
        # (told to stop while the outcome was being recorded: it is queued again all the same)
        with contextlib.suppress(TaskAbandoned):
            super().run_task(db_task_result)
        if self.abandoning:
            # ``db_worker`` recorded the task as failed with our TaskAbandoned: queue it again,
            # as if it had never been claimed.
            DBTaskResult.objects.filter(pk=db_task_result.pk).update(
                status="READY",
                run_after=timezone.now(),
                started_at=None,
                finished_at=None,
                exception_class_path="",
                traceback="",
            )
            logger.warning("Task id=%s queued again", db_task_result.pk)


class Command(DbWorkerCommand):
    help = "Run the background task worker (db_worker, or RQ on Redis) and report its heartbeat."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        if _on_rq():
            # db_worker's --backend accepts only a database backend; on RQ the queue is Redis.
            for action in parser._actions:
                if action.dest == "backend_name":
                    action.type = str
        for action in parser._actions:
            if action.dest == "worker_id":  # db_worker's default is random: ours is the process
                action.default = None
                action.help = "Worker id (default: this process, pid@host@start)"

    def handle(self, *args: Any, **options: Any) -> None:
        # A key the web does not share (the published one, a machine's own on a shared
        # database, the process's own): the links the tasks sign would be refused, as
        # `powerdesk serve` refuses to serve with it (ops/checks.py).
        problems = key_refusals()
        if problems:
            raise CommandError("The task worker refuses to start: " + " ".join(problems))
        # The worker of the models' retraining beats as its own process, so that /healthz
        # says which of the two is down.
        queues = set((options.get("queue_name") or "default").split(","))
        # One start for the heartbeat and the worker id: a task's worker is this very process.
        started_at = process_start()
        heartbeat_thread("trainer" if queues == {"training"} else "worker", started_at=started_at)
        if _on_rq():
            self._rq_worker(options)
            return
        # db_worker's own handle, with our worker (a developer's autoreloading worker too).
        self.configure_logging(options["verbosity"])
        reload = bool(options.get("reload")) and not options["batch"]
        worker = StoppingWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"] or process_tag(started_at),
            excluded_queue_names=(
                options["exclude_queues"].split(",") if options.get("exclude_queues") else []
            ),
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":  # the child runs the tasks
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()

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
