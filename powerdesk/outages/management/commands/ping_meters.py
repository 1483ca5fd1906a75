"""``powerdesk ping_meters [--every MINUTES]``: a round of meter pings for every station whose
AMI head-end takes them, once or on a schedule (enqueued for the task worker)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from powerdesk.lib.every import run_every
from powerdesk.outages.tasks import ping_meters


class Command(BaseCommand):
    help = "Ask the stations' AMI head-ends to ping the meters the outage engine names."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=float, default=0, help="minutes between rounds, for the worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["every"]:
            run_every(options["every"] * 60, ping_meters.enqueue)
            return
        for code, asked in ping_meters.call().items():
            self.stdout.write(f"{code}: {asked} meter(s) asked")
