"""``powerdesk import_csv network|customers FILE --station CODE``: the import page's rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.accounts.models import Station
from powerdesk.customers.importing import customer_import
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import


class Command(BaseCommand):
    help = (
        "Import a network or customer CSV file into a station; a file with errors stores nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["network", "customers"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--station", required=True, help="the station's code")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            station = Station.objects.get(code=options["station"])
        except Station.DoesNotExist:
            codes = ", ".join(Station.objects.values_list("code", flat=True)) or "none"
            raise CommandError(
                f"No station has the code {options['station']!r} (stations: {codes})."
            ) from None
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        importer = network_import if options["kind"] == "network" else customer_import
        try:
            with path.open("rb") as stream:
                run = importer(station=station, stream=stream, file_name=path.name)
        except CsvImportError as exc:
            raise CommandError(f"Nothing was stored.\n{exc}") from None
        self.stdout.write(
            f"{path.name}: {run.rows_created} created, {run.rows_updated} updated in {station}."
        )
