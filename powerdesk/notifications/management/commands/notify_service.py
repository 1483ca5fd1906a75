"""``powerdesk notify_service [--every SECONDS] [--once]``: the clock of notifications.

Every half minute: tasks left RUNNING by a killed worker go back to the queue, planned outages
of tomorrow are reminded (from 08:00 the day before), and a send is queued for the worker when a
retry has come due. ``make run`` starts it beside the worker. ``--once`` runs one turn.
"""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from powerdesk.notifications.tasks import notify_tick
from powerdesk.ops.heartbeat import Beat


class Command(BaseCommand):
    help = "Recover stuck tasks, send planned-outage reminders and queue retries that are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=float, default=30, help="seconds between turns")
        parser.add_argument("--once", action="store_true", help="one turn, then exit")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self.stdout.write(str(notify_tick()))
            return
        running = True

        def stop(*_: object) -> None:
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        beat = Beat("notify_service")
        while running:
            close_old_connections()
            beat.beat()
            try:
                done = notify_tick()
                if any(done.values()):
                    self.stdout.write(str(done))
            except Exception as exc:  # a database hiccup must not stop the clock
                self.stderr.write(f"notify_tick: {exc!r}")
            deadline = time.monotonic() + options["every"]
            while running and time.monotonic() < deadline:
                time.sleep(0.5)
                beat.beat()
