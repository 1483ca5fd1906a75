"""``powerdesk sms_gateway [--port 8025] [--station guanglu] [--site URL]``: the demo's gateway.

Shows every text message PowerDesk sends on a page, reports each one delivered, and lets the
demo user reply as a villager (to PowerDesk's ``/api/v1/sms/inbound``, with a station token it
makes at start: a token of the same name made before is retired). ``make run`` starts it and
points ``POWERDESK_SMS_URL`` at it.
"""

from __future__ import annotations

import signal
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from powerdesk.accounts.models import ApiToken, Station
from powerdesk.accounts.tokens import token_create
from powerdesk.notifications.gateway import Gateway

TOKEN_NAME = "演示短信网关"


class Command(BaseCommand):
    help = "Run the demo SMS gateway: a page of the messages sent, and villagers' replies."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8025)
        parser.add_argument("--station", default="guanglu", help="the station replies go to")
        parser.add_argument("--site", default="http://127.0.0.1:8000", help="PowerDesk's address")
        parser.add_argument("--fail-rate", type=float, default=0.0)

    def handle(self, *args: Any, **options: Any) -> None:
        station = Station.objects.filter(code=options["station"]).first()
        if station is None:
            raise CommandError(f"no station with the code {options['station']!r}")
        # The previous run's key is not needed again: turned off, by the system, on record.
        ApiToken.objects.filter(station=station, name=TOKEN_NAME, active=True).update(
            active=False, off_at=timezone.now()
        )
        _token, key = token_create(station_id=station.pk, name=TOKEN_NAME)
        gateway = Gateway(
            token=settings.POWERDESK_SMS_TOKEN,
            site=options["site"].rstrip("/"),
            api_key=key,
            fail_rate=options["fail_rate"],
        )
        url = gateway.start(options["host"], options["port"])
        self.stdout.write(f"Demo SMS gateway at {url}/ for {station.name}", ending="\n")
        self.stdout.flush()
        running = True

        def stop(*_: object) -> None:
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while running:
            time.sleep(0.5)
        gateway.stop()
