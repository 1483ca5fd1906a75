"""On PostgreSQL the migrated test database is kept as a database made from it
(``CREATE DATABASE ... TEMPLATE``, built under another name and renamed, its last use in its
comment) and later sessions start from a copy of it; other keys' copies unused for a day go
(``tests/migrated_db.py``). Run on PostgreSQL only, as the suite's other PostgreSQL tests: the
scratch databases are named by this test run, never the session's own or its kept copy."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock, skipUnless

from django.db import connection
from django.test import TestCase

from tests import migrated_db


@skipUnless(connection.vendor == "postgresql", "needs PostgreSQL's CREATE DATABASE ... TEMPLATE")
class PostgresCopyTests(TestCase):
    def setUp(self) -> None:
        environment = mock.patch.dict(os.environ)
        environment.start()
        self.addCleanup(environment.stop)
        os.environ.pop("POWERDESK_TEST_MIGRATE", None)
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        kept = mock.patch.object(migrated_db, "FOLDER", Path(folder.name) / "kept")
        kept.start()
        self.addCleanup(kept.stop)
        # Migrations of this test's own: its keys are no other session's.
        app = SimpleNamespace(label="scratch", path=str(Path(folder.name) / "scratch"))
        migration = Path(app.path) / "migrations" / "0001_initial.py"
        migration.parent.mkdir(parents=True)
        migration.write_text(f"# {uuid.uuid4()}\noperations = []\n")
        listed = mock.patch("django.apps.apps.get_app_configs", return_value=[app])
        listed.start()
        self.addCleanup(listed.stop)
        self.test_name = f"powerdesk_copytest_{uuid.uuid4().hex[:12]}"
        self.db = connection.copy()
        self.db.settings_dict["TEST"] = {**self.db.settings_dict["TEST"], "NAME": self.test_name}
        self.calls: list[bool] = []
        self.db.creation.create_test_db = self.create_test_db  # type: ignore[method-assign]
        self.names = {self.test_name}
        self.addCleanup(self.drop_scratch)

    # A test database's creation as Django's does it, its migrations one table: the session's
    # connection is left on it, as ``migrate`` leaves it.
    def create_test_db(
        self, verbosity: int, autoclobber: bool, serialize: Any, *, keepdb: bool
    ) -> str:
        self.calls.append(keepdb)
        if not keepdb:
            self.run_sql(
                f'DROP DATABASE IF EXISTS "{self.test_name}"', f'CREATE DATABASE "{self.test_name}"'
            )
        self.db.settings_dict["NAME"] = self.test_name
        if not keepdb:
            with self.db.cursor() as cursor:
                cursor.execute("CREATE TABLE made (n integer)")
                cursor.execute("INSERT INTO made VALUES (%s)", [len(self.calls)])
        return self.test_name

    def run_sql(self, *statements: str) -> list[Any]:
        rows: list[Any] = []
        with self.db.creation._nodb_cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    rows.extend(cursor.fetchall())
        return rows

    def databases_named(self, *names: str) -> dict[str, str | None]:
        """Which of ``names`` exist, each with its comment."""
        listed = ", ".join(f"'{name}'" for name in names)
        return dict(
            self.run_sql(
                "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database"
                f" WHERE datname IN ({listed})"
            )
        )

    def kept_name(self) -> str:
        name = migrated_db.PREFIX + migrated_db.key(self.db)
        self.names |= {name, f"{name}_new"}
        return name

    def drop_scratch(self) -> None:
        self.db.close()
        for name in self.names:
            self.run_sql(f'DROP DATABASE IF EXISTS "{name}"')

    def session(self, *, fresh: bool = False) -> int:
        """A test session's creation of its database: the number its rows were made with."""
        self.db.settings_dict["NAME"] = connection.settings_dict["NAME"]
        migrated_db.copying(self.db, fresh=fresh)(1, True, None, keepdb=False)
        with self.db.cursor() as cursor:
            cursor.execute("SELECT n FROM made")
            made: int = cursor.fetchone()[0]
        self.db.close()
        return made

    def test_a_copy_kept_marked_used_the_stale_ones_dropped_and_later_sessions_copy_it(
        self,
    ) -> None:
        stale, recent, unmarked = (
            f"{migrated_db.PREFIX}{kind}{uuid.uuid4().hex[:8]}"
            for kind in ("stale", "recent", "unmarked")
        )
        self.names |= {stale, recent, unmarked}
        before = int(time.time())
        self.run_sql(
            *(f'CREATE DATABASE "{name}"' for name in (stale, recent, unmarked)),
            f"COMMENT ON DATABASE \"{stale}\" IS '{before - migrated_db.STALE_AFTER - 60}'",
            f"COMMENT ON DATABASE \"{recent}\" IS '{before - 3600}'",
        )
        name = self.kept_name()
        with self.marked_all_along(name) as run:
            self.assertEqual(self.session(), 1)  # migrated, and kept while its session was on it
        self.assertTrue(any(sql.startswith("ALTER DATABASE") for sql in run), run)  # renamed
        kept = self.databases_named(name, f"{name}_new", stale, recent, unmarked)
        self.assertEqual(set(kept), {name, recent})  # other keys' copies unused for a day: gone
        self.assertGreaterEqual(int(kept[name] or 0), before)  # its last use
        self.run_sql(f"COMMENT ON DATABASE \"{name}\" IS '{before - 3600}'")
        self.assertEqual(self.session(), 1)  # copied: not migrated again
        self.assertEqual(self.calls, [False, True])  # then migrate, nothing to apply
        self.assertGreaterEqual(int(self.databases_named(name)[name] or 0), before)  # used now

    @contextlib.contextmanager
    def marked_all_along(self, name: str) -> Iterator[list[str]]:
        """The copy's statements run one at a time, and after each (but a database's making,
        marked by the next) every copy of ``name`` is marked used: another session's cleanup
        never takes it for a stale one and drops it half made."""
        real = migrated_db._Postgres._run
        run: list[str] = []

        def one_at_a_time(kind: Any, *statements: str) -> list[Any]:
            rows = []
            for sql in statements:
                rows += real(kind, sql)
                run.append(sql)
                if not sql.startswith("CREATE DATABASE"):
                    for copy, used in self.databases_named(name, f"{name}_new").items():
                        self.assertTrue(str(used or "").isdigit(), f"{copy} unmarked after {sql}")
            return rows

        with mock.patch.object(
            migrated_db._Postgres, "_run", autospec=True, side_effect=one_at_a_time
        ):
            yield run

    def test_create_db_migrates_anew_and_replaces_the_copy(self) -> None:
        name = self.kept_name()
        self.assertEqual(self.session(), 1)
        self.assertEqual(self.session(fresh=True), 2)  # --create-db
        self.assertEqual(self.session(), 2)  # the copy replaced
        self.assertEqual(list(self.databases_named(name, f"{name}_new")), [name])
        self.assertEqual(self.calls, [False, False, True])

    def test_a_copy_that_cannot_be_made_leaves_the_session_migrated_as_django_does(self) -> None:
        name = self.kept_name()
        # The copy cannot be made while someone is on the test database: nothing kept, no error.
        with mock.patch.object(self.db, "close"):
            self.assertEqual(self.session(), 1)
        self.db.close()
        self.assertEqual(self.databases_named(name, f"{name}_new"), {})
        self.assertEqual(self.session(), 2)  # nothing to copy: migrated again, and kept now
        self.assertEqual(list(self.databases_named(name)), [name])
