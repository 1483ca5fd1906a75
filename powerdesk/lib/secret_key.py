"""The secret key: given by ``POWERDESK_SECRET_KEY``, or made once and kept in the data folder.

Django signs sessions, password-reset links and PowerDesk's signed page tokens with it. A key
written in the code would be known to anyone who has read the code; a key made anew at each
start would log everyone out at each restart. So, when none is given, one is made at the first
start and kept in ``<POWERDESK_DATA_DIR>/secret_key``, readable by its owner only (mode 0600),
and read again at every later start. Every process of one machine (web workers, task workers,
the outage service, commands run by hand) shares the data folder, hence the key: the processes
starting at once on a fresh folder all take the one written first (it is linked into place
whole, never overwritten).

Several web servers on several machines must share one key, or a session made by one is
refused by the next: ``powerdesk serve`` refuses a kept key when the database is not the data
folder's own SQLite file (``powerdesk/ops/management/commands/serve.py``, docs/deployment.md).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

KEY_FILE = "secret_key"
# Where the key came from (``settings.SECRET_KEY_SOURCE``).
GIVEN = "environment"
KEPT = "data folder"


def secret_key(given: str, data_dir: Path) -> tuple[str, str]:
    """The key and where it came from: ``given`` unless blank, else the data folder's."""
    if given.strip():
        return given, GIVEN
    return kept_key(data_dir / KEY_FILE), KEPT


def kept_key(path: Path) -> str:
    """The key kept in ``path``, made there first if there is none."""
    if not path.exists():
        try:
            _make(path)
        except OSError as exc:
            raise ImproperlyConfigured(
                f"No POWERDESK_SECRET_KEY is set and no secret key could be kept in {path}: "
                f"{exc.strerror or exc}. Set POWERDESK_SECRET_KEY, or POWERDESK_DATA_DIR to a "
                "folder this user may write."
            ) from None
    return _read(path)


def _make(path: Path) -> None:
    """A new key, written to a file of its own (0600) and linked into place only if no other
    process linked one first: a reader never sees a half-written key, and two processes
    starting at once keep the same one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50) + "\n")
            out.flush()
            os.fsync(out.fileno())
        # Another process that kept one first: theirs is the key.
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
    finally:
        draft.unlink(missing_ok=True)


def _read(path: Path) -> str:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        # Written by an older `make run` with the user's umask (often 0644). Readable by others,
        # it is made the owner's alone; a file of another user's is not used.
        try:
            path.chmod(0o600)
        except OSError:
            raise ImproperlyConfigured(
                f"{path} is readable by other users of this machine and cannot be made private "
                f"(chmod 600 {path}), or set POWERDESK_SECRET_KEY."
            ) from None
        print(
            f"PowerDesk: {path} was readable by other users: now by its owner only.",
            file=sys.stderr,
        )
    key = path.read_text().strip()
    if not key:
        raise ImproperlyConfigured(
            f"{path} is empty: delete it (a new secret key is made at the next start; everyone "
            "logs in again) or set POWERDESK_SECRET_KEY."
        )
    return key
