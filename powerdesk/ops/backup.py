"""Backups and restores of the whole database.

SQLite: the online backup API copies the database page by page while the site keeps running
(a plain file copy of a database in WAL mode can miss what is still in the ``-wal`` file), and
the copy is checked with ``PRAGMA integrity_check``. PostgreSQL: ``pg_dump`` in its custom
format, restored with ``pg_restore``. Restoring never overwrites a database that holds data
unless asked to (``--replace``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.conf import settings

__all__ = ["BackupError", "database_backup", "database_restore"]


class BackupError(Exception):
    """What went wrong, said for the person running the command."""


def database_backup(*, target: Path, database: dict[str, Any] | None = None) -> Path:
    """Write a backup of the database to ``target`` (a file); returns it."""
    database = database or settings.DATABASES["default"]
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise BackupError(f"{target} exists already: name a new file for the backup.")
    if _is_sqlite(database):
        _sqlite_copy(Path(str(database["NAME"])), target)
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}"], database)
    return target


def database_restore(
    *, source: Path, database: dict[str, Any] | None = None, replace: bool = False
) -> None:
    """Put the backup ``source`` in place of the configured database."""
    database = database or settings.DATABASES["default"]
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    if _is_sqlite(database):
        path = Path(str(database["NAME"]))
        if path.exists() and path.stat().st_size and not replace:
            raise BackupError(
                f"{path} holds a database already: restore with --replace to overwrite it."
            )
        _sqlite_copy(source, path)
        return
    if not replace and _pg_tables(database):
        raise BackupError(
            f"the database {database['NAME']} holds tables already: restore with --replace to "
            "overwrite it, or into a new empty database."
        )
    args = ["pg_restore", "--no-owner", "--exit-on-error"]
    if replace:
        args += ["--clean", "--if-exists"]
    _run([*args, f"--dbname={database['NAME']}", str(source)], database)


def _is_sqlite(database: dict[str, Any]) -> bool:
    return "sqlite3" in str(database["ENGINE"])


def _sqlite_copy(source: Path, target: Path) -> None:
    if not source.is_file():
        raise BackupError(f"{source} is not an SQLite database file.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    # Closed, not only committed (a connection's ``with`` does not close it): the copy's own
    # journal files are gone before it takes the target's name.
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(partial)) as dst,
    ):
        src.backup(dst)
        (result,) = dst.execute("PRAGMA integrity_check").fetchone()
        dst.execute("PRAGMA journal_mode=WAL")
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    if result != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy of {source} fails its integrity check: {result}")
    for suffix in ("-wal", "-shm"):  # an old database's journal must not replay onto this one
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(partial, target)


def _pg_tables(database: dict[str, Any]) -> int:
    """How many tables the PostgreSQL database holds outside the system's schemas."""
    sql = (
        "SELECT count(*) FROM pg_catalog.pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
    )
    return int(_run(["psql", "--no-psqlrc", "--tuples-only", "--no-align", "-c", sql], database))


def _run(args: list[str], database: dict[str, Any]) -> str:
    if shutil.which(args[0]) is None:
        raise BackupError(
            f"{args[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    env = {**os.environ, "PGDATABASE": str(database["NAME"])}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            env[var] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout.strip()
