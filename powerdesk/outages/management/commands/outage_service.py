"""``powerdesk outage_service``: the live outage engine of every station (``make run`` starts it).

It takes the signals stored since its last step, about twice a second, and saves each
station's picture after each batch. ``--once`` takes what is pending and exits (for tests and
cron-like use). Stop it at any time: a restart rebuilds every engine from the stored signals.

It also keeps planned outages on time: every half minute those whose start has come go off and
those whose end has come are back (``planned.planned_outages_advance``).
"""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from powerdesk.ops.heartbeat import Beat
from powerdesk.outages.live_service import OutageService
from powerdesk.outages.planned import planned_outages_advance

PLANNED_EVERY = 30.0  # seconds between moves of planned outages by the clock


class Command(BaseCommand):
    help = "Run the live outage engine of every station, fed from the stored signals."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="take what is pending and exit")
        parser.add_argument(
            "--every", type=float, default=0.5, help="seconds between steps (default 0.5)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        service = OutageService()
        if options["once"]:
            try:
                self._advance()
                self._report(service.step())
            finally:
                # Held on, the lease would make the next run skip every station until it ran out.
                service.stop()
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stderr.write("Outage engine running; stop with Ctrl-C.")
        advanced = -PLANNED_EVERY
        beat = Beat("outage_service")
        try:
            while not stopping:
                close_old_connections()
                beat.beat()
                if time.monotonic() - advanced >= PLANNED_EVERY:
                    advanced = time.monotonic()
                    self._advance()
                self._report(service.step())
                time.sleep(options["every"])
        except KeyboardInterrupt:
            pass
        finally:
            # Another machine's service takes this one's stations at once, not after the lease.
            close_old_connections()
            service.stop()

    def _advance(self) -> None:
        moved = planned_outages_advance()
        if moved:
            self.stderr.write(f"{moved} planned outages moved by the clock")

    def _report(self, steps: dict[str, Any]) -> None:
        for code, step in steps.items():
            if step.taken or step.skipped or step.rebuilt:
                self.stderr.write(
                    f"{code}: {step.taken} signals taken"
                    + (f", {step.skipped} skipped" if step.skipped else "")
                    + (" (rebuilt)" if step.rebuilt else "")
                )
