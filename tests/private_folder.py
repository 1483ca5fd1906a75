"""A folder of the machine's temporary folder that only this user can write, and a file lock in it.

Test sessions keep what is slow to make for later sessions of the machine: the migrated test
database (``tests/migrated_db.py``) and the demo station's snapshot (``tests/demo_kept.py``, read
back with ``pickle``, which runs whatever code a file names). The temporary folder is everyone's:
another user could make the folder first, or a link of that name, and plant a file there. So a
kept file is read or written only in a folder that is a real folder (not a link), owned by this
user and closed to everyone else (mode 0700); anything else is refused (``NotPrivate``, an
``OSError``), and the session then makes what it needs itself, keeping nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path


class NotPrivate(OSError):
    """The folder is not one only this user can reach: nothing is read from it or kept in it."""


def private(folder: Path) -> Path:
    """``folder``, made if missing (mode 0700), once found to be this user's own and closed to
    others; ``NotPrivate`` otherwise."""
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    else:
        os.chmod(folder, 0o700)  # whatever the umask took away or left
    found = os.lstat(folder)
    if not stat.S_ISDIR(found.st_mode):
        raise NotPrivate(f"{folder} is not a folder (a link or a file): not ours to use")
    if found.st_uid != os.getuid():
        raise NotPrivate(f"{folder} belongs to user {found.st_uid}, not {os.getuid()}")
    if stat.S_IMODE(found.st_mode) & 0o077:
        raise NotPrivate(f"{folder} is open to others (mode {stat.S_IMODE(found.st_mode):o})")
    return folder


@contextlib.contextmanager
def locked(folder: Path, name: str) -> Iterator[Path]:
    """Holds the lock ``name`` of the private ``folder`` (sessions wait for each other there);
    yields the folder. ``NotPrivate`` before anything is opened if the folder is not ours."""
    private(folder)
    handle = os.open(folder / f".{name}.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield folder
    finally:
        os.close(handle)  # the lock goes with the last descriptor
