"""``powerdesk import_csv network|customers FILE --station CODE [--dry-run]``: the import page's
rules. It prints what the import page's preview shows: a customer file's new, changed (with which
fields) and unchanged customers and every care flag that changes; a network file's added,
changed (each field) and moved elements and the lines and villages it creates. ``--dry-run``
prints the same and stores nothing: it makes the plan and never writes."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.accounts.models import Station
from powerdesk.customers.importing import (
    ImportPlanChanged,
    customer_import,
    customer_import_preview,
)
from powerdesk.lib.csvfile import MAX_FILE_BYTES, CsvImportError
from powerdesk.network.import_summary import plan_summary_lines
from powerdesk.network.importing import (
    NetworkPlanChanged,
    network_import,
    network_import_preview,
)
from powerdesk.network.models import ImportRun


class Command(BaseCommand):
    help = (
        "Import a network or customer CSV file into a station; a file with errors stores nothing."
        " The file is planned twice: once for the summary printed, then again to import it (a"
        " network file under the write lock), about 14 s per 100,000 rows each."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["network", "customers"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--station", required=True, help="the station's code")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and print what the import would change; store nothing",
        )

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
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(
                f"{path}: larger than {MAX_FILE_BYTES // 1024 // 1024} MB; nothing was stored."
            )
        data = path.read_bytes()
        dry_run: bool = options["dry_run"]
        try:
            self._preview_then_store(options["kind"], station, data, path.name, dry_run)
        except CsvImportError as exc:
            raise CommandError(f"Nothing was stored.\n{exc}") from None

    def _preview_then_store(
        self, kind: str, station: Station, data: bytes, name: str, dry_run: bool
    ) -> None:
        """The preview's summary printed; then, unless a dry run (which reads and never writes:
        fix53c, 2), the import of exactly that plan, or nothing if the data changed meanwhile."""
        importer: Callable[..., ImportRun]
        changed: type[Exception]
        if kind == "customers":
            customers = customer_import_preview(
                station=station, stream=io.BytesIO(data), file_name=name
            )
            fingerprint, lines = customers.fingerprint, list(customers.summary_lines())
            importer, changed, what = customer_import, ImportPlanChanged, "customers"
        else:
            # The preview's plan: a dry run reads the network and writes nothing (fix53c, 2).
            network = network_import_preview(
                station=station, stream=io.BytesIO(data), file_name=name
            )
            fingerprint, lines = network.fingerprint, list(plan_summary_lines(network, station))
            importer, changed, what = network_import, NetworkPlanChanged, "network"
        for line in lines:
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was stored.")
            return
        try:
            run = importer(
                station=station,
                stream=io.BytesIO(data),
                file_name=name,
                expected_fingerprint=fingerprint,
            )
        except changed:
            raise CommandError(
                f"The {what} changed while the file was being checked; nothing was stored. "
                "Run the command again."
            ) from None
        self.stdout.write(self._stored(run, station))

    @staticmethod
    def _stored(run: ImportRun, station: Station) -> str:
        return (
            f"{run.file_name}: {run.rows_created} created, {run.rows_updated} updated, "
            f"{run.rows_unchanged} unchanged in {station}."
        )
