"""A test session starts from the database an earlier session migrated only while every
migration is the same (``tests/migrated_db.py``): a changed migration is migrated anew."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

from django.test import SimpleTestCase

from tests import migrated_db


def _app(folder: Path, label: str) -> SimpleNamespace:
    (folder / label / "migrations").mkdir(parents=True, exist_ok=True)
    return SimpleNamespace(label=label, path=str(folder / label))


class _Creation:
    """A database's test creation as ``copying`` sees it: the file and the calls made."""

    def __init__(self, test_file: Path) -> None:
        self.test_file = test_file
        self.calls: list[bool] = []

    def _get_test_db_name(self) -> str:
        return str(self.test_file)

    def is_in_memory_db(self, name: str) -> bool:
        return False

    def create_test_db(self, verbosity: int, autoclobber: bool, serialize: Any, *, keepdb: bool):
        self.calls.append(keepdb)
        if not keepdb:  # migrating: a new database with what the migrations made
            self.test_file.unlink(missing_ok=True)
            with sqlite3.connect(self.test_file) as db:
                db.execute("CREATE TABLE made (n INTEGER)")
                db.execute("INSERT INTO made VALUES (?)", (len(self.calls),))
        return str(self.test_file)


class MigratedCopyTests(SimpleTestCase):
    def setUp(self) -> None:
        # The session running these tests may have been started with POWERDESK_TEST_MIGRATE=1:
        # each test says for itself whether it is set.
        environment = mock.patch.dict(os.environ)
        environment.start()
        self.addCleanup(environment.stop)
        os.environ.pop("POWERDESK_TEST_MIGRATE", None)
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)
        kept = mock.patch.object(migrated_db, "FOLDER", self.folder / "kept")
        kept.start()
        self.addCleanup(kept.stop)
        self.apps = [_app(self.folder, "first"), _app(self.folder, "second")]
        self.migration = Path(self.apps[1].path) / "migrations" / "0001_initial.py"
        self.migration.write_text("operations = []\n")
        listed = mock.patch("django.apps.apps.get_app_configs", return_value=self.apps)
        listed.start()
        self.addCleanup(listed.stop)
        self.creation = _Creation(self.folder / "test.sqlite3")
        self.connection = SimpleNamespace(
            vendor="sqlite", settings_dict={"TEST": {}}, creation=self.creation
        )

    def session(self, *, fresh: bool = False, keepdb: bool = False) -> int:
        """A test session's creation of its database: the number its rows were made with."""
        self.creation.test_file.unlink(missing_ok=True)
        create = migrated_db.copying(self.connection, fresh=fresh)
        create(1, True, None, keepdb=keepdb)
        with sqlite3.connect(self.creation.test_file) as db:
            return db.execute("SELECT n FROM made").fetchone()[0]  # type: ignore[no-any-return]

    def test_a_later_session_starts_from_the_first_one_s_migrated_database(self) -> None:
        self.assertEqual(self.session(), 1)
        self.assertEqual(self.session(), 1)  # copied: not migrated again
        self.assertEqual(self.creation.calls, [False, True])  # then migrate, nothing to apply

    def test_a_changed_added_or_removed_migration_is_migrated_anew(self) -> None:
        first = migrated_db.key(self.connection)
        self.assertEqual(self.session(), 1)
        self.migration.write_text("operations = ['changed']\n")
        self.assertNotEqual(migrated_db.key(self.connection), first)
        self.assertEqual(self.session(), 2)
        self.assertEqual(self.session(), 2)
        added = Path(self.apps[0].path) / "migrations" / "0001_initial.py"
        added.write_text("operations = []\n")
        self.assertEqual(self.session(), 4)
        added.unlink()
        self.migration.write_text("operations = []\n")
        self.assertEqual(migrated_db.key(self.connection), first)
        self.assertEqual(self.session(), 1)  # the first set's copy, kept
        self.assertEqual(self.creation.calls, [False, False, True, False, True])

    def test_create_db_migrates_anew_and_reuse_db_is_pytest_django_s(self) -> None:
        self.assertEqual(self.session(), 1)
        self.assertEqual(self.session(fresh=True), 2)
        self.assertEqual(self.session(), 2)  # the copy replaced
        self.creation.test_file.unlink()
        self.creation.calls.clear()
        create = migrated_db.copying(self.connection, fresh=False)
        create(1, True, None, keepdb=True)  # --reuse-db: its own database, nothing copied
        self.assertEqual(self.creation.calls, [True])
        self.assertFalse(self.creation.test_file.exists())

    def test_powerdesk_test_migrate_migrates_every_session_anew_and_keeps_nothing(self) -> None:
        self.assertEqual(self.session(), 1)
        os.environ["POWERDESK_TEST_MIGRATE"] = "1"
        self.assertEqual(self.session(), 2)
        self.assertEqual(self.session(), 3)
        self.assertEqual(self.creation.calls, [False, False, False])
        del os.environ["POWERDESK_TEST_MIGRATE"]
        self.assertEqual(self.session(), 1)  # the copy kept before, untouched

    def test_a_copy_in_a_folder_others_can_write_is_not_used(self) -> None:
        # Another user made the folder first, or opened it, and planted a copy (review74 L2).
        self.assertEqual(self.session(), 1)
        migrated_db.FOLDER.chmod(0o777)
        self.assertEqual(self.session(), 2)  # migrated anew, the planted copy untouched
        self.assertEqual(self.creation.calls, [False, False])
        (planted,) = migrated_db.FOLDER.glob("*.sqlite3")
        with sqlite3.connect(planted) as db:
            self.assertEqual(db.execute("SELECT n FROM made").fetchone()[0], 1)
