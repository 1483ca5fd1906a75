"""``powerdesk reliability``: a year's reliability indices from an interruptions file, as JSON."""

from __future__ import annotations

import argparse
import json
import zoneinfo
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.engine.annual import annual_report
from powerdesk.engine.errors import InterruptionsError
from powerdesk.engine.readwrite.interruptions_csv import read_interruptions

HELP = """\
Print a year's reliability indices as JSON (IEEE 1366 and DL/T 836.1-2016).

FILE.csv has the columns id,start,end,customers,planned: start and end in ISO 8601 with a
zone, customers the number interrupted (1 to N), planned 0 or 1. It holds the evaluated year
and the five years before it.

Conventions:
  - an interruption longer than 5 minutes is sustained; one of 5 minutes or less is momentary
    and counts only in MAIFI_E, each as one event;
  - an interruption belongs, with its whole duration, to the day (station time, %(tz)s) and
    the year in which it began;
  - SAIDI, CAIDI and T_MED are in minutes, AIHC-1 in hours, RS-1 and ASAI in percent;
  - "all" is every sustained interruption of the year, "unplanned" leaves out planned ones,
    "excluding_med" leaves out the unplanned ones that began on a major event day;
  - major event days (2.5 beta method): daily SAIDI from unplanned sustained interruptions;
    alpha and beta are the mean and the sample standard deviation (n - 1) of the natural
    logarithm of the daily SAIDI of the five years before the evaluated year, days with none
    left out; T_MED = e^(alpha + 2.5 beta) (null with fewer than two such days); a major event
    day is a day of the evaluated year whose daily SAIDI exceeds T_MED;
  - RS-1 = (1 - SAIDI_all / minutes in the year) x 100, AIHC-1 = SAIDI_all / 60,
    AITC-1 = SAIFI_all; figures are rounded to 4 decimals.

Bad rows (a time without a zone or not ISO 8601, end before start, customers not a whole
number, at most 0 or above N, planned not 0 or 1, an id repeated) are each named with their
line on standard error, and the command exits with status 2.
"""


class Command(BaseCommand):
    help = HELP % {"tz": settings.TIME_ZONE}
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter  # keep the list's lines
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interruptions", type=Path, required=True, metavar="FILE.csv")
        parser.add_argument(
            "--customers", type=int, required=True, metavar="N", help="customers served"
        )
        parser.add_argument("--year", type=int, required=True, metavar="YYYY")

    def handle(self, *args: Any, **options: Any) -> None:
        customers = options["customers"]
        if customers <= 0:
            raise CommandError("--customers must be at least 1", returncode=2)
        year = options["year"]
        if not 1900 < year < 3000:
            raise CommandError(f"--year {year} is not a year", returncode=2)
        try:
            items = read_interruptions(options["interruptions"], customers_served=customers)
        except InterruptionsError as exc:
            raise CommandError(str(exc), returncode=2) from None
        report = annual_report(
            items,
            customers_served=customers,
            year=year,
            tz=zoneinfo.ZoneInfo(settings.TIME_ZONE),
        )
        self.stdout.write(json.dumps(report, indent=2))
