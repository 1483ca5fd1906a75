"""``powerdesk restore FILE [--replace]``: put a backup in place of the database.

Stop the web server and the background services first, and run ``powerdesk migrate`` after a
restore into a newer PowerDesk (docs/deployment.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.ops.backup import BackupError, database_restore


class Command(BaseCommand):
    help = "Restore the database from a backup FILE written by `powerdesk backup`."
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup file")
        parser.add_argument(
            "--replace", action="store_true", help="overwrite a database that holds data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            database_restore(source=options["file"], replace=options["replace"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored from {options['file']}.")
