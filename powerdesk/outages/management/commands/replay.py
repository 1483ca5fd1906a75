"""``powerdesk replay --station CODE [--speed N] [--seed N] [--url URL --token KEY]``: a storm on
the station's own grid, sent through the HTTP API as the telephone system and the meter head-end
would (see ``outages/replay.py``). The server (``make run``) must be up; the board, the
schematic and the map fill as the storm goes.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.accounts.models import Station
from powerdesk.accounts.tokens import token_create
from powerdesk.outages.replay import (
    ReplayError,
    http_poster,
    replay_summary,
    storm_duration,
    storm_replay,
)


class Command(BaseCommand):
    help = "Replay a simulated storm on a station's grid through the HTTP API."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--station", required=True, help="the station's code")
        parser.add_argument(
            "--speed",
            type=float,
            default=60.0,
            help="simulated seconds per second (60: a storm minute a second; 0: at once)",
        )
        parser.add_argument("--seed", type=int, default=1, help="which storm (default 1)")
        parser.add_argument("--hours", type=float, default=4.0, help="the storm's length")
        parser.add_argument(
            "--faults", type=float, default=10.0, help="faults per 1,000 customers (default 10)"
        )
        parser.add_argument(
            "--aftermath",
            action="store_true",
            help="go on after the storm until the meters say the power is back everywhere",
        )
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="the server")
        parser.add_argument("--token", default="", help="the station's API token (default: new)")

    def handle(self, *args: Any, **options: Any) -> None:
        station = Station.objects.filter(code=options["station"]).first()
        if station is None:
            codes = ", ".join(Station.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(
                f"No station has the code {options['station']!r} (there are: {codes})."
            )
        if options["speed"] < 0 or options["hours"] <= 0 or options["faults"] < 0:
            raise CommandError("--speed and --faults are 0 or more, --hours more than 0.")
        token = options["token"]
        if not token:
            _, token = token_create(station_id=station.pk, name="storm replay")
            self.stdout.write(f"A new API token for {station.code}: {token}")
        took = storm_duration(options["hours"], options["speed"])
        self.stdout.write(
            f"Replaying a {options['hours']:g}-hour storm (seed {options['seed']}) on "
            f"{station.name} to {options['url']}"
            + (
                f", taking {took} if the server keeps up (it says so if not)"
                if took
                else ", as fast as the server takes it"
            )
        )
        try:
            report = storm_replay(
                station,
                http_poster(options["url"], token),
                seed=options["seed"],
                speed=options["speed"],
                hours=options["hours"],
                faults_per_1000=options["faults"],
                aftermath=options["aftermath"],
                say=self.stdout.write,
            )
        except ReplayError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Sent {report.calls_sent} calls and {report.signals_sent} meter and SCADA events "
            f"({report.signals_accepted} accepted, {report.signals_rejected} rejected)"
            + (
                f"; {report.calls_without_phone} callers have no phone on file and did not call"
                if report.calls_without_phone
                else ""
            )
            + "."
        )
        for error in report.errors[:10]:
            self.stderr.write(error)
        self.stdout.write(replay_summary(report, options["speed"]))
        if report.requests_failed:
            raise CommandError(f"{report.requests_failed} requests failed (see above).")
