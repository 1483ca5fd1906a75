"""``powerdesk predict --network NET.csv --events EVENTS.jsonl --out OUT.json``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.engine.errors import NetworkError
from powerdesk.engine.readwrite.predict import PredictError, predict_files


class Command(BaseCommand):
    help = "Find the open devices from a network file and an event stream (the file contract)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--network", type=Path, required=True, help="NET.csv")
        parser.add_argument("--events", type=Path, required=True, help="EVENTS.jsonl")
        parser.add_argument("--out", type=Path, required=True, help="OUT.json to write")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        if not out.parent.is_dir() and str(out.parent) not in ("", "."):
            raise CommandError(f"{out}: the folder {out.parent} does not exist", returncode=2)
        try:
            document = predict_files(options["network"], options["events"], out)
        except NetworkError as exc:
            raise CommandError(str(exc), returncode=2) from None
        except PredictError as exc:
            raise CommandError(str(exc), returncode=2) from None
        stats = document["stats"]
        self.stderr.write(
            f"{stats['events']} events; network {stats['network_seconds']:.2f} s, "
            f"ingest {stats['ingest_seconds']:.2f} s; "
            f"{len(document['final']['outages'])} outages now, "
            f"{document['final']['customers_out']} customers out."
        )
