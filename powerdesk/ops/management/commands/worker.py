"""``powerdesk worker``: django-tasks-db's ``db_worker`` (same options), with a heartbeat.

The worker's loop is django-tasks-db's own, so its sign of life for ``/healthz`` is written by
a thread beside it. A task it was running when killed is handed back to the queue by
``powerdesk notify_service`` after ``notifications.tasks.STUCK_AFTER``.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from powerdesk.ops.heartbeat import heartbeat_thread


class Command(DbWorkerCommand):
    help = "Run the background task worker (db_worker) and report its heartbeat."

    def handle(self, *args: Any, **options: Any) -> None:
        heartbeat_thread("worker")
        super().handle(*args, **options)
