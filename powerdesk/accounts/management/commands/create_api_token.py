"""``powerdesk create_api_token --station CODE --name NAME [--expires 90d|1y|never]``: a key for
a system, as the station's administrator makes one on its page (``accounts:api_tokens``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.accounts.tokens import DEFAULT_EXPIRY, EXPIRIES, NAME_LONGEST, token_create


class Command(BaseCommand):
    help = "Create an API token for a station; the key is shown once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--station", required=True, help="the station's code")
        parser.add_argument("--name", required=True, help="what uses it, e.g. 交换机")
        parser.add_argument(
            "--expires",
            choices=list(EXPIRIES),
            default=DEFAULT_EXPIRY,
            help=f"how long it lasts (default {DEFAULT_EXPIRY})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        station = Station.objects.filter(code=options["station"]).first()
        if station is None:
            raise CommandError(f"No station has the code {options['station']!r}.")
        name = options["name"].strip()
        if not name or len(name) > NAME_LONGEST or "\x00" in name:
            raise CommandError(f"--name is 1 to {NAME_LONGEST} characters.")
        token, key = token_create(station_id=station.pk, name=name, expires=options["expires"])
        expires = (
            f"expires {timezone.localtime(token.expires_at):%Y-%m-%d %H:%M}"
            if token.expires_at
            else "never expires"
        )
        self.stdout.write(f"Token {token} for {station}, {expires}. Send it as the header")
        self.stdout.write(f"Authorization: Bearer {key}")
        self.stdout.write("It is not shown again.")
