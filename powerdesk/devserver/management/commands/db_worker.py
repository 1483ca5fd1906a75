"""``powerdesk db_worker``: the queue library's own worker, which PowerDesk does not run.

PowerDesk's worker is ``powerdesk worker`` (``ops/management/commands/worker.py``): it refuses a
secret key the web server would not share (``ops.checks``), beats for ``/healthz``, names itself so
that a task it dies in is queued again, and hands a running task back when told to stop. The
library's ``db_worker`` does none of that, so it says which command to run and stops.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

LIBRARY_WORKER_REFUSED = (
    "PowerDesk's task worker is `powerdesk worker` (same options): it checks the secret key, "
    "reports its heartbeat to /healthz and hands a task back when stopped. Run that instead."
)


class Command(BaseCommand):
    help = "Not PowerDesk's worker: run `powerdesk worker`."

    def run_from_argv(self, argv: list[str]) -> None:
        # Whatever options were given (db_worker's, rqworker's): refused before they are read.
        self.stderr.write(f"CommandError: {LIBRARY_WORKER_REFUSED}")
        raise SystemExit(1)

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError(LIBRARY_WORKER_REFUSED)
