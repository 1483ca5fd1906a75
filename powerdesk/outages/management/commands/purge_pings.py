"""``powerdesk purge_pings [--every HOURS]``: delete the meter pings past their retention
(``POWERDESK_PING_KEEP_DAYS``, 90 days by default), once or on a schedule (enqueued for the task
worker; ``make run`` starts it)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from powerdesk.lib.every import run_every
from powerdesk.outages.tasks import purge_meter_pings


class Command(BaseCommand):
    help = "Delete meter pings and ping rounds older than their retention, in bounded batches."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=float, default=0, help="hours between purges, for the worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["every"]:
            run_every(options["every"] * 3600, purge_meter_pings.enqueue)
            return
        deleted = purge_meter_pings.call()
        for code, pings in sorted(deleted.items()):
            self.stdout.write(f"{code}: {pings} meter ping(s) deleted")
        if not deleted:
            self.stdout.write("Nothing past its retention.")
