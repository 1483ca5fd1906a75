"""Real PowerDesk processes (a worker, an outage service) on the test's own database, and a real
Redis server, for the tests of what happens when one of them dies.

``SharedDatabase`` hands the test database to subprocesses. On PostgreSQL they connect to the
test database itself (the test is transactional, so its rows are committed and theirs are seen).
SQLite's test database lives in this process's memory: it is copied into a file for the
subprocesses (``to_processes``) and copied back for the test to read (``from_processes``), with
SQLite's backup API, a fraction of a second where migrating a fresh file takes half a minute.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


class SharedDatabase:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / "shared.sqlite3"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "powerdesk.settings",
            # One key given to all of them, as to the machines of a shared database (PostgreSQL
            # here: the worker and the web refuse a key kept by each, ops/checks.py).
            "POWERDESK_SECRET_KEY": "processes-of-one-test-" + secrets.token_urlsafe(32),
            "POWERDESK_CACHE_URL": "locmem://",
            "POWERDESK_DATA_DIR": str(folder),
            "POWERDESK_LOG_FORMAT": "text",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("DATABASE_URL", None)
        if connection.vendor == "postgresql":
            s = connection.settings_dict
            self.env["DATABASE_URL"] = (
                f"postgres://{quote(s['USER'])}:{quote(s['PASSWORD'])}@{s['HOST'] or 'localhost'}"
                f":{s['PORT'] or 5432}/{quote(s['NAME'])}"
            )
        else:
            self.env["POWERDESK_SQLITE_PATH"] = str(self.file)

    def to_processes(self) -> None:
        """The test's rows, for the subprocesses started after this."""
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self.file.unlink(missing_ok=True)
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)
                target.execute("PRAGMA journal_mode=WAL")

    def from_processes(self) -> None:
        """What the subprocesses stored, for the test to read (none of them may be writing)."""
        if connection.vendor == "sqlite":
            source = sqlite3.connect(self.file)
            try:
                source.backup(connection.connection)
            finally:
                source.close()

    def start(self, *args: str, log: str, **env: str) -> subprocess.Popen[bytes]:
        """``powerdesk ARGS`` in the background, its output in ``folder/log``."""
        out = (self.folder / log).open("ab")
        return subprocess.Popen(
            [sys.executable, "-m", "powerdesk", *args],
            env={**self.env, **env},
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "powerdesk", *args],
            env={**self.env, **env},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    def log(self, name: str) -> str:
        path = self.folder / name
        return path.read_text(errors="replace") if path.exists() else ""


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def redis_binary() -> str | None:
    """Debian's redis-server (scripts/install-system-packages.sh installs it for CI)."""
    return shutil.which("redis-server") or next(
        (p for p in ("/usr/bin/redis-server", "/usr/sbin/redis-server") if os.access(p, os.X_OK)),
        None,
    )


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """A private Redis on a free port, nothing saved to disk; yields its URL."""
    binary = redis_binary()
    assert binary is not None
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:

        def answers() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    return s.recv(16).startswith(b"+PONG")
            except OSError:
                return False

        wait_for(answers, 20, "redis-server to answer")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def fresh_environment(data_dir: Path, **env: str) -> dict[str, str]:
    """This machine's environment without any PowerDesk variable (nor ``DATABASE_URL``), for a
    process started as on a fresh machine with ``data_dir`` its data folder, and ``env``."""
    kept = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("POWERDESK_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return {
        **kept,
        "DJANGO_SETTINGS_MODULE": "powerdesk.settings",
        "POWERDESK_DATA_DIR": str(data_dir),
        "POWERDESK_CACHE_URL": "locmem://",  # (a variable, but none these tests are about)
        **env,
    }


def fresh_run(
    command: list[str | Path], data_dir: Path, *, umask: int = -1, **env: str
) -> subprocess.CompletedProcess[str]:
    """``command`` run to its end in the ``fresh_environment`` of ``data_dir`` and ``env``, from
    the checkout, its output kept (two minutes at most; its exit status is the test's to read)."""
    return subprocess.run(
        command,
        env=fresh_environment(data_dir, **env),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        umask=umask,
        check=False,
    )
