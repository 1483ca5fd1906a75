"""A backup taken while the database is in use restores, into a fresh place, every row."""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "powerdesk.settings",
    "POWERDESK_CACHE_URL": "locmem://",
}
ENV.pop("DATABASE_URL", None)


def powerdesk(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**ENV, "POWERDESK_SQLITE_PATH": str(db), "POWERDESK_DATA_DIR": str(db.parent)}
    return subprocess.run(
        [sys.executable, "-m", "powerdesk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


# Its commands run on SQLite files of their own, never on the suite's database: the same test in
# the PostgreSQL pass as in the SQLite pass, where it runs (CI runs both; some 20 s a run).
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="SQLite only (the SQLite pass runs it)",
)
def test_sqlite_backup_and_restore_end_to_end(tmp_path: Path, db: None) -> None:
    live, backup = tmp_path / "live.sqlite3", tmp_path / "b/backup.sqlite3"
    fresh = tmp_path / "new/db.sqlite3"
    # The live database: a copy of the suite's own, migrated at the session's start (migrating a
    # fresh file again takes some 25 s of processor time; ``migrate --plan`` below still checks
    # that the restored copy needs no migration).
    with sqlite3.connect(connection.settings_dict["NAME"]) as suite, sqlite3.connect(live) as out:
        suite.backup(out)
    assert rows(live, "SELECT count(*) FROM accounts_station") == [(0,)]
    made = powerdesk(
        live,
        "shell",
        "-c",
        "from powerdesk.accounts.models import CountyCompany, Station; "
        "c = CountyCompany.objects.create(name='姚安'); "
        "[Station.objects.create(company=c, code=f's{i}', name=f'供电所{i}') for i in range(3)]",
    )
    assert made.returncode == 0, made.stderr
    # The site is using the database (a reader holds it open in WAL mode) during the backup.
    with sqlite3.connect(live) as reader:
        reader.execute("SELECT count(*) FROM accounts_station").fetchone()
        done = powerdesk(live, "backup", str(backup))
    assert done.returncode == 0, done.stderr
    assert powerdesk(live, "backup", str(backup)).returncode != 0  # never overwrites a backup
    # The backup is one file: no journal of the copy left beside it.
    assert sorted(p.name for p in backup.parent.iterdir()) == ["backup.sqlite3"]

    restored = powerdesk(fresh, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert rows(fresh, "SELECT code, name FROM accounts_station ORDER BY code") == [
        ("s0", "供电所0"),
        ("s1", "供电所1"),
        ("s2", "供电所2"),
    ]
    # The restored database is one PowerDesk runs on: nothing left to migrate.
    plan = powerdesk(fresh, "migrate", "--plan")
    assert "No planned migration operations." in plan.stdout, plan.stdout
    # A database that holds data is not overwritten unless asked.
    again = powerdesk(fresh, "restore", str(backup))
    assert again.returncode != 0 and "--replace" in again.stderr
    assert powerdesk(fresh, "restore", str(backup), "--replace").returncode == 0


# PostgreSQL's longest name (NAMEDATALEN - 1 bytes).
PG_NAME_CHARS = 63


def backup_names(database_url: str) -> tuple[str, str]:
    """The two databases the PostgreSQL test backs up from and restores into: named after the
    runner's own database and unique to this run (its process and a random part), so that two
    runs at once on one server, from two checkouts or a PostgreSQL suite beside another, never
    drop or fill each other's."""
    own = re.sub(r"[^a-z0-9_]", "_", database_url.rsplit("/", 1)[-1].split("?")[0].lower())
    run = f"bk{os.getpid()}_{secrets.token_hex(4)}"
    head = own[: PG_NAME_CHARS - len(run) - len("__src")]
    return f"{head}_{run}_src", f"{head}_{run}_dst"


def test_backup_databases_are_this_run_s_own() -> None:
    url = "postgres://powerdesk:powerdesk@127.0.0.1:5432/test_powerdesk"
    first, second = backup_names(url), backup_names(url)
    assert set(first).isdisjoint(second)  # another run at the same time: other names
    assert len(set(first)) == 2
    for name in (*first, *backup_names(url + "_" + "x" * 80 + "?sslmode=disable")):
        assert re.fullmatch(r"[a-z_][a-z0-9_]*", name) and len(name) <= PG_NAME_CHARS, name
    assert first[0].startswith("test_powerdesk_") and str(os.getpid()) in first[0]


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL only"
)
def test_postgresql_backup_restores_into_a_fresh_database(
    tmp_path: Path, transactional_db: None
) -> None:
    import shutil

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    names = backup_names(os.environ["DATABASE_URL"])
    source, target = (f"{base}/{name}" for name in names)
    server = psycopg.connect(f"{base}/postgres", autocommit=True)  # CREATEDB is granted

    def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "powerdesk", *args],
            env={**ENV, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    try:
        # The source: a copy of the suite's own database, migrated at the session's start
        # (migrating a fresh one takes some 25 s of processor time). PostgreSQL copies a
        # database only while no one is connected to it: this test's connection is closed first,
        # and should another be there, the source is migrated as before.
        connection.close()
        try:
            server.execute(
                f"CREATE DATABASE {names[0]} TEMPLATE {connection.settings_dict['NAME']}"
            )
        except psycopg.errors.ObjectInUse:
            server.execute(f"CREATE DATABASE {names[0]}")
            assert run(source, "migrate", "--no-input", "-v", "0").returncode == 0
        server.execute(f"CREATE DATABASE {names[1]}")
        made = run(
            source,
            "shell",
            "--no-imports",
            "-c",
            "from powerdesk.accounts.models import CountyCompany; "
            "CountyCompany.objects.create(name='姚安')",
        )
        assert made.returncode == 0, made.stderr
        dump = tmp_path / "pd.dump"
        assert run(source, "backup", str(dump)).returncode == 0
        restored = run(target, "restore", str(dump))
        assert restored.returncode == 0, restored.stderr
        count = run(
            target,
            "shell",
            "--no-imports",
            "-c",
            "from powerdesk.accounts.models import CountyCompany; "
            "print(CountyCompany.objects.get().name)",
        )
        # (the last line: the shell may say what it imported before the command's own output)
        assert count.stdout.strip().splitlines()[-1] == "姚安"
        # A database that holds tables is not restored over unless asked, and says so.
        again = run(target, "restore", str(dump))
        assert again.returncode != 0 and "--replace" in again.stderr, again.stderr
        assert run(target, "restore", str(dump), "--replace").returncode == 0
    finally:
        for name in names:
            # Plain DROP ends an autovacuum worker on the database by itself; FORCE (for a
            # connection of ours left open) may not end one, a superuser's process.
            try:
                server.execute(f"DROP DATABASE IF EXISTS {name}")
            except psycopg.errors.ObjectInUse:
                server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        server.close()
