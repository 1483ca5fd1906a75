"""The demo station's snapshot (``tests/demo_station.py``) kept on disk between test sessions.

Building the demo station took each test session about 20 seconds of processor time per date
(on PostgreSQL as much again in the server), and CI runs several sessions side by side: the
SQLite suite, the PostgreSQL suite and the browser tests' PostgreSQL pass each built it. The
first session to build a snapshot keeps it in a file named by what makes it (``key``): the
database's kind (the rows are kept as its driver returned them), the date, the seed, every file
of the product (its code, migrations, data and translations), the test module that builds it,
the locked library versions and Django's. The file is in a folder of the machine's temporary
folder that only this user can write (``tests/private_folder.py``: unpickling runs what a file
names). A later session with the
same key loads the file instead of building.

A kept snapshot serves for an hour after it was built (``FRESH_FOR``) and on the station's same
day: the station's rows carry the time they were made (``auto_now_add``), and a session already
uses its snapshot for as long as it runs (CI's suites take half an hour). Ages are told by the
file system's clock; a session whose clock a test has moved (``time.time()`` far from it) neither
reads nor keeps a snapshot. A date whose history still ends at the clock (``history_end``: today before the
station's morning) is built by every session, as before. Sessions that start together wait for
the one building (a file lock). ``POWERDESK_TEST_DEMO_BUILD=1`` builds without keeping anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django

from tests import private_folder

ROOT = Path(__file__).resolve().parents[1]
FOLDER = Path(tempfile.gettempdir()) / f"powerdesk-test-demo-{os.getuid()}"
FRESH_FOR = 3600  # seconds a kept snapshot serves after it was built
CLOCK_MOVED = 120  # seconds between time.time() and the file system's time: a moved clock
STALE_AFTER = 24 * 3600  # seconds: other snapshots' files go
# What the station is built from, besides the date, the seed and the database's kind.
SOURCES = ("powerdesk", "tests/demo_station.py", "tests/demo_kept.py", "tests/settings.py")
LOCKS = ("uv.lock",)


def code_digest(root: Path = ROOT) -> str:
    digest = hashlib.sha256(django.__version__.encode())
    for source in (*SOURCES, *LOCKS):
        top = root / source
        files = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"\0{path.relative_to(root)}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def key(vendor: str, today: dt.date, seed: int, root: Path = ROOT) -> str:
    return hashlib.sha256(
        f"{vendor} {today.isoformat()} {seed} {code_digest(root)}".encode()
    ).hexdigest()[:20]


def history_settled(today: dt.date) -> bool:
    """Whether the demo's history of ``today`` ends at the station's morning, not at the clock."""
    from django.utils import timezone

    from powerdesk.demo.builder import HISTORY_ENDS
    from powerdesk.demo.seasons import TZ

    return timezone.now() >= dt.datetime.combine(today, HISTORY_ENDS, tzinfo=TZ)


def kept[Snapshot](
    vendor: str, today: dt.date, seed: int, build: Callable[[dt.date], Snapshot]
) -> Snapshot:
    """``build(today)``, or the snapshot a session of the last hour built with the same key."""
    if os.environ.get("POWERDESK_TEST_DEMO_BUILD") == "1" or not history_settled(today):
        return build(today)
    name = f"demo-{key(vendor, today, seed)}"
    try:
        locked = private_folder.locked(FOLDER, name)
        locked.__enter__()
    except OSError:  # no folder of ours to keep snapshots in
        return build(today)
    try:
        now = _wall_now()
        if abs(time.time() - now) > CLOCK_MOVED:
            # A test moved the clock (time_machine): the rows built now carry the moved time,
            # and a file's age cannot be told against it. Neither read nor keep (review74 M1).
            return build(today)
        path = FOLDER / f"{name}.pickle"
        snapshot = _read(path, now)
        if snapshot is not None:
            return snapshot  # type: ignore[no-any-return]
        snapshot = build(today)
        with contextlib.suppress(Exception):  # keeping saves time only
            _write(path, pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL), now)
        return snapshot
    finally:
        locked.__exit__(None, None, None)


def _wall_now() -> float:
    """The machine's real time, as the file system stamps a file: a test's moved clock moves
    ``time.time()``, not the times files are given."""
    mark = FOLDER / ".now"
    mark.touch()
    return mark.stat().st_mtime


def _station_day(stamp: float) -> dt.date:
    from powerdesk.demo.seasons import TZ

    return dt.datetime.fromtimestamp(stamp, TZ).date()


def _read(path: Path, now: float) -> Any:
    try:
        built = path.stat().st_mtime
        # Fresh: built in the last hour, not in the future, and on the station's same day (its
        # rows' times then fall on the day a session of its own would give them).
        if not 0 <= now - built <= FRESH_FOR or _station_day(built) != _station_day(now):
            return None
        with path.open("rb") as f:
            return pickle.load(f)
    except Exception:  # missing, unreadable or from other code: built anew
        return None


def _write(path: Path, data: bytes, now: float) -> None:
    handle, temporary = tempfile.mkstemp(dir=FOLDER, prefix=f".{path.stem}.")
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        os.replace(temporary, path)  # its time: when it was built
    finally:
        Path(temporary).unlink(missing_ok=True)
    for stale in FOLDER.glob("demo-*.pickle"):
        if stale != path and now - stale.stat().st_mtime > STALE_AFTER:
            stale.unlink(missing_ok=True)
