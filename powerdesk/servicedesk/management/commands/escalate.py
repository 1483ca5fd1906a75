"""``powerdesk escalate [--every MINUTES]``: make the escalation notices, once or repeatedly.

With ``--every`` it enqueues the scan for the task worker at that interval (``make run``
starts it beside the worker).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from powerdesk.lib.every import run_every
from powerdesk.servicedesk.tasks import scan_escalations


class Command(BaseCommand):
    help = "Notify owners and chiefs of late or nearly late work orders and promises."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=float, default=0, help="minutes between scans, enqueued for the worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["every"]:
            made = scan_escalations.call()
            self.stdout.write(f"{made} notices made.")
            return
        run_every(options["every"] * 60, scan_escalations.enqueue)
