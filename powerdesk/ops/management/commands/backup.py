"""``powerdesk backup FILE``: a consistent copy of the database while the site runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.ops.backup import BackupError, database_backup


class Command(BaseCommand):
    help = "Back up the database to FILE (SQLite: online backup; PostgreSQL: pg_dump -Fc)."
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup file to write (must not exist)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            written = database_backup(target=options["file"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backed up to {written} ({written.stat().st_size} bytes).")
