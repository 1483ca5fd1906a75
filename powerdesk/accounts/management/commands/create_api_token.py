"""``powerdesk create_api_token --station CODE --name NAME``: a key for a system."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.accounts.models import Station
from powerdesk.accounts.tokens import token_create


class Command(BaseCommand):
    help = "Create an API token for a station; the key is shown once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--station", required=True, help="the station's code")
        parser.add_argument("--name", required=True, help="what uses it, e.g. 交换机")

    def handle(self, *args: Any, **options: Any) -> None:
        station = Station.objects.filter(code=options["station"]).first()
        if station is None:
            raise CommandError(f"No station has the code {options['station']!r}.")
        token, key = token_create(station_id=station.pk, name=options["name"])
        self.stdout.write(f"Token {token} for {station}: {key}")
        self.stdout.write(
            "Send it as the header 'Authorization: Token <key>'. It is not shown again."
        )
