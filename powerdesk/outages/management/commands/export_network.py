"""``powerdesk export_network --station CODE --out NET.csv``: the station's grid as a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.accounts.models import Station
from powerdesk.outages.network_adapter import write_network_csv


class Command(BaseCommand):
    help = (
        "Write a station's grid in the engine contract's NET.csv (devices by code, customers "
        "by account number, with ami, lightning_zone and install_year): the file the network "
        "import page downloads, a code a spreadsheet would run as a formula (= + - @) written "
        "after an apostrophe, which the network import reads back as it was."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--station", required=True, help="the station's code")
        parser.add_argument("--out", type=Path, required=True, help="NET.csv to write")

    def handle(self, *args: Any, **options: Any) -> None:
        station = Station.objects.filter(code=options["station"]).first()
        if station is None:
            codes = ", ".join(Station.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(f"no station has the code {options['station']!r} ({codes})")
        out = Path(options["out"])
        if str(out.parent) not in ("", ".") and not out.parent.is_dir():
            raise CommandError(f"{out}: the folder {out.parent} does not exist")
        rows = write_network_csv(station, out)
        self.stderr.write(f"{rows} elements of {station.name} written to {out}.")
