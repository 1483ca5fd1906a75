"""``powerdesk demo``: build the demo station and print its logins."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from powerdesk.accounts.models import Station
from powerdesk.demo.builder import build_demo
from powerdesk.demo.logins import logins_markdown, logins_text


class Command(BaseCommand):
    help = "Build the demo station (a Guanglu-like rural station) with two years of history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2013, help="same seed, same station")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="the date the history ends (YYYY-MM-DD); default: today",
        )
        parser.add_argument(
            "--logins",
            action="store_true",
            help="print the demo's logins and do nothing else",
        )
        parser.add_argument(
            "--markdown",
            action="store_true",
            help="with --logins: as the README's table (in English)",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the database already holds a station",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins"]:
            if options["markdown"]:
                with translation.override("en"):
                    self.stdout.write(logins_markdown())
            else:
                self.stdout.write(logins_text())
            return
        if Station.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The database already holds a station; demo not rebuilt.")
                return
            raise CommandError(
                "The database already holds stations. The demo is built into an empty database "
                "(remove var/powerdesk.sqlite3 or use a new DATABASE_URL)."
            )
        ctx = build_demo(seed=options["seed"], today=options["today"])
        for label, seconds in ctx.timings:
            self.stdout.write(f"  {label:<12} {seconds:6.1f} s")
        self.stdout.write(self.style.SUCCESS(f"Demo station built (seed {ctx.seed})."))
        self.stdout.write(logins_text())
