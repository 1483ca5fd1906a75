"""The test database, migrated once per machine and set of migrations, copied by later sessions.

Migrating the empty test database (every app's migrations, data migrations among them) cost each
test session about half a minute of processor time, and CI runs four sessions, two at a time on
the same kind of database. The first session to migrate keeps a copy of the migrated database,
named by a digest of every installed app's migration files and Django's version (``key``): on
SQLite a file in a folder of the machine's temporary folder that only this user can write
(``tests/private_folder.py``), on PostgreSQL a database made from the test database
(``CREATE DATABASE ... TEMPLATE``). A later session of the same key starts from a copy
of it, and Django's ``migrate`` still runs on that copy as on a kept database (nothing left to
apply; the post-migrate handlers, such as the content types and permissions, run as always).
Sessions that start together wait for the one migrating (a file lock), as they wait for the
shared classifier (``tests/shared_model.py``).

A changed, added or removed migration changes the key: the next session migrates anew and keeps
its own copy. pytest's ``--create-db`` migrates anew and replaces the copy; ``--reuse-db`` and
``--nomigrations`` are pytest-django's own, untouched. ``POWERDESK_TEST_MIGRATE=1`` migrates
anew without keeping anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests import private_folder

# One folder per user of the machine, only theirs (``tests/private_folder.py``): a copy found in
# a folder another user could write is not used.
FOLDER = Path(tempfile.gettempdir()) / f"powerdesk-test-databases-{os.getuid()}"
PREFIX = "powerdesk_migrated_"
STALE_AFTER = 24 * 3600  # seconds: other keys' copies unused for a day go


def key(connection: Any) -> str:
    """Names what the migrated database holds: the migration files of every installed app
    (the project's and the libraries'), in order, Django's version and the database's kind."""
    import django
    from django.apps import apps
    from django.conf import settings

    migrate = connection.settings_dict.get("TEST", {}).get("MIGRATE", True)
    digest = hashlib.sha256(f"{connection.vendor} {django.__version__} {migrate}".encode())
    digest.update(repr(sorted(getattr(settings, "MIGRATION_MODULES", {}).items())).encode())
    for config in apps.get_app_configs():
        digest.update(f"\0app {config.label}".encode())
        for path in sorted((Path(config.path) / "migrations").rglob("*.py")):
            digest.update(f"\0{path.relative_to(config.path)}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def copying(connection: Any, *, fresh: bool) -> Callable[..., str]:
    """``connection.creation.create_test_db`` that starts from the kept copy of its key, or
    migrates and keeps one (always when ``fresh``)."""
    original = connection.creation.create_test_db
    kind: _Sqlite | _Postgres | None = None
    if connection.vendor == "sqlite":
        kind = _Sqlite(connection)
    elif connection.vendor == "postgresql":
        kind = _Postgres(connection)
    if kind is None or os.environ.get("POWERDESK_TEST_MIGRATE") == "1":
        return original  # type: ignore[no-any-return]

    def create_test_db(
        verbosity: int = 1, autoclobber: bool = False, serialize: Any = None, keepdb: bool = False
    ) -> str:
        def create(keep: bool) -> str:
            return original(verbosity, autoclobber, serialize, keepdb=keep)  # type: ignore[no-any-return]

        if keepdb:  # --reuse-db: pytest-django's own kept database
            return create(True)
        name = PREFIX + key(connection)
        try:
            locked = private_folder.locked(FOLDER, name)
            locked.__enter__()
        except OSError:  # no folder of ours to keep copies in: migrated as Django does
            return create(False)
        try:
            if not fresh and _restored(kind, name):
                return create(True)  # migrated already: migrate finds nothing to apply
            created = create(False)
            with contextlib.suppress(Exception):  # the copy saves time only
                kind.keep(name, created)
            return created
        finally:
            locked.__exit__(None, None, None)

    return create_test_db


def _restored(kind: _Sqlite | _Postgres, name: str) -> bool:
    """Whether the kept copy is now the test database (on any failure, it is migrated anew)."""
    try:
        return kind.restore(name)
    except Exception:  # the copy saves time only: migrating is always right
        return False


class _Sqlite:
    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def _test_file(self) -> Path | None:
        creation = self.connection.creation
        name = creation._get_test_db_name()
        return None if creation.is_in_memory_db(name) else Path(name)

    def restore(self, name: str) -> bool:
        kept, test = FOLDER / f"{name}.sqlite3", self._test_file()
        if test is None or not kept.exists():
            return False
        for leftover in (test, Path(f"{test}-wal"), Path(f"{test}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(kept, test)
        os.utime(kept)  # used: not stale
        return True

    def keep(self, name: str, created: str) -> None:
        test = self._test_file()
        if test is None:
            return
        kept = FOLDER / f"{name}.sqlite3"
        handle, temporary = tempfile.mkstemp(dir=FOLDER, prefix=f".{name}.")
        os.close(handle)
        try:
            # SQLite's backup: the migrated database whole, with what its WAL still holds.
            with (
                contextlib.closing(sqlite3.connect(test)) as source,
                contextlib.closing(sqlite3.connect(temporary)) as copy,
            ):
                source.backup(copy)
            os.replace(temporary, kept)
        finally:
            Path(temporary).unlink(missing_ok=True)
        for stale in FOLDER.glob(f"{PREFIX}*.sqlite3"):
            if stale != kept and time.time() - stale.stat().st_mtime > STALE_AFTER:
                stale.unlink(missing_ok=True)


class _Postgres:
    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def _run(self, *statements: str) -> list[Any]:
        rows: list[Any] = []
        with self.connection.creation._nodb_cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    rows.extend(cursor.fetchall())
        return rows

    def restore(self, name: str) -> bool:
        q = self.connection.ops.quote_name
        test = self.connection.creation._get_test_db_name()
        if not self._run(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
            return False
        # As Django's own creation does, non-interactive: an old test database goes.
        self._run(
            f"DROP DATABASE IF EXISTS {q(test)}",
            f"CREATE DATABASE {q(test)} TEMPLATE {q(name)}",
            f"COMMENT ON DATABASE {q(name)} IS '{int(time.time())}'",
        )
        return True

    def keep(self, name: str, test: str) -> None:
        """``test``: the migrated test database's name (the connection's name by now)."""
        q = self.connection.ops.quote_name
        # CREATE DATABASE ... TEMPLATE needs the test database without sessions.
        self.connection.close()
        self.connection.close_pool()
        building = f"{name}_new"
        with contextlib.suppress(Exception):
            # Marked used as soon as it is made (the mark goes with it when renamed): another
            # session's cleanup takes a copy without one for a stale one and drops it.
            self._run(
                f"DROP DATABASE IF EXISTS {q(building)}",
                f"CREATE DATABASE {q(building)} TEMPLATE {q(test)}",
                f"COMMENT ON DATABASE {q(building)} IS '{int(time.time())}'",
                f"DROP DATABASE IF EXISTS {q(name)}",
                f"ALTER DATABASE {q(building)} RENAME TO {q(name)}",
            )
        rows = self._run(
            "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database"
            f" WHERE datname LIKE '{PREFIX}%' AND datname <> '{name}'"
        )
        for other, used in rows:
            if not str(used or "").isdigit() or time.time() - int(used) > STALE_AFTER:
                with contextlib.suppress(Exception):
                    self._run(f"DROP DATABASE IF EXISTS {q(other)}")
