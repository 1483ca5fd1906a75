"""The secret key: given by ``POWERDESK_SECRET_KEY``, or made once and kept in the data folder.

Django signs sessions, password-reset links and PowerDesk's signed page tokens with it. A key
written in the code would be known to anyone who has read the code; a key made anew at each
start would log everyone out at each restart. So, when none is given, one is made at the first
start and kept in ``<POWERDESK_DATA_DIR>/secret_key``, readable by its owner only (mode 0600),
and read again at every later start. Every process of one machine (web workers, task workers,
the outage service, commands run by hand) shares the data folder, hence the key: the processes
starting at once on a fresh folder all take the one written first (it is linked into place
whole, never overwritten; on a file system without hard links it is created in place, and a
reader waits the moment it takes to be written).

The kept key is read only from a file of its own, owned by the user reading it: never through
a symbolic link, never from a file another user owns (whoever owns it may write a key of their
choosing), and one a user cannot read (made by root, ``sudo``) is said so, with what to do.

A data folder this user may not write (a read-only checkout: the tests, a benchmark, a check run
in CI) cannot keep a key: the process then takes a key of its own, lost when it stops, and says
so on its standard error (``THIS_PROCESS``). The production server and the task worker refuse
such a key (``powerdesk.ops.checks``): their processes would not share it.

Several web servers on several machines must share one key, or a session made by one is
refused by the next: the server, the task worker and ``check --deploy`` refuse a kept key when
the database is not the data folder's own SQLite file (``powerdesk.ops.checks``,
docs/deployment.md).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import sys
import time
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

KEY_FILE = "secret_key"
# Where the key came from (``settings.SECRET_KEY_SOURCE``).
GIVEN = "environment"
KEPT = "data folder"
THIS_PROCESS = "this process only"

# The errors of a folder this user may not write: a read-only file system, another's folder.
_READ_ONLY = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
# A key created in place (no hard links) is read again for this long while it is being written.
_WRITING_SECONDS = 2.0
# A key made here: this many characters and a newline. A file holding that many is whole (a
# key put there by hand, with no newline, is not waited for).
_MADE_KEY_CHARS = len(secrets.token_urlsafe(50))


class NoKeptKey(ImproperlyConfigured):
    """No key could be kept because the data folder cannot be written (read-only, another's)."""


def secret_key(given: str, data_dir: Path) -> tuple[str, str]:
    """The key and where it came from: ``given`` unless blank, else the data folder's, else (a
    folder this user may not write) one of this process's own, said on standard error."""
    if given.strip():
        return given, GIVEN
    try:
        return kept_key(data_dir / KEY_FILE), KEPT
    except NoKeptKey as exc:
        print(
            f"PowerDesk: {exc} This process uses a secret key of its own, lost when it stops: "
            "its sessions and signed links are refused by any other process.",
            file=sys.stderr,
        )
        return secrets.token_urlsafe(50), THIS_PROCESS


def kept_key(path: Path) -> str:
    """The key kept in ``path``, made there first if there is none."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        return _read(path)
    try:
        _make(path)
    except OSError as exc:
        said = (
            f"No POWERDESK_SECRET_KEY is set and no secret key could be kept in {path}: "
            f"{_why_not_kept(path, exc)}. Set POWERDESK_SECRET_KEY, or POWERDESK_DATA_DIR to a "
            "folder this user may write."
        )
        if exc.errno in _READ_ONLY:
            raise NoKeptKey(said) from None
        raise ImproperlyConfigured(said) from None
    return _read(path)


def _make(path: Path) -> None:
    """A new key, written to a file of its own (0600) and linked into place only if no other
    process linked one first: a reader never sees a half-written key, and two processes
    starting at once keep the same one. Where the file system has no hard links (FAT, some
    network and FUSE file systems) the key file is created in place, only if none is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = (secrets.token_urlsafe(50) + "\n").encode()
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        _write_new(draft, key)
        try:
            os.link(draft, path)
        except FileExistsError:
            return  # another process kept one first: theirs is the key
        except OSError:
            _make_in_place(path, key)
    finally:
        with contextlib.suppress(OSError):
            draft.unlink(missing_ok=True)


def _make_in_place(path: Path, key: bytes) -> None:
    try:
        _write_new(path, key)
    except FileExistsError:
        return  # another process kept one first


def _write_new(path: Path, key: bytes) -> None:
    """``key`` in a new file at ``path`` (mode 0600), never through a link nor over a file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)


def _read(path: Path) -> str:
    """The key in ``path`` (``FileNotFoundError`` when there is none); a file being written by
    another process (created in place, above) is read again until it holds a whole key: only
    a file shorter than a key made here, with no newline, changed in the last two seconds (not
    one dated ahead of the clock: every start would wait) is waited for (review58 L3)."""
    deadline = time.monotonic() + _WRITING_SECONDS
    while True:
        text, young = _read_once(path)
        if _whole(text) or not young or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    key = text.strip()
    if not key:
        raise ImproperlyConfigured(
            f"{path} is empty: delete it (a new secret key is made at the next start; everyone "
            "logs in again) or set POWERDESK_SECRET_KEY."
        )
    return key


def _whole(text: str) -> bool:
    """Whether a key file's text is a whole key, not one still being written: a line, or as
    long as a key made here (a key written by hand with no final newline)."""
    return text.endswith("\n") or len(text.strip()) >= _MADE_KEY_CHARS


def _read_once(path: Path) -> tuple[str, bool]:
    """The text of the key file and whether it was changed in the last moment."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except (FileNotFoundError, NotADirectoryError):
        raise  # none kept (the folder is not one: said when one is made)
    except OSError as exc:
        raise ImproperlyConfigured(_unreadable(path, exc)) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ImproperlyConfigured(
                f"{path} is not a file: delete it (a new secret key is made at the next start; "
                "everyone logs in again) or set POWERDESK_SECRET_KEY."
            )
        if info.st_uid != os.geteuid():
            raise ImproperlyConfigured(
                f"{path} belongs to {_user(info.st_uid)}, not to {_user(os.geteuid())} who runs "
                f"PowerDesk: whoever owns it may write a key of their own choosing. Run "
                f"PowerDesk as {_user(info.st_uid)}, or make the file this user's "
                f"(chown {_user(os.geteuid())} {path}) if you trust it, or delete it (a new key "
                "is made; everyone logs in again), or set POWERDESK_SECRET_KEY."
            )
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            _make_private(fd, path)
        young = 0 <= time.time() - info.st_mtime < _WRITING_SECONDS
        return handle.read().decode("utf-8", errors="replace"), young


def _make_private(fd: int, path: Path) -> None:
    # Written by an older `make run` with the user's umask (often 0644). Readable by others,
    # it is made the owner's alone.
    try:
        os.fchmod(fd, 0o600)
    except OSError:
        raise ImproperlyConfigured(
            f"{path} is readable by other users of this machine and cannot be made private "
            f"(chmod 600 {path}), or set POWERDESK_SECRET_KEY."
        ) from None
    print(
        f"PowerDesk: {path} was readable by other users: now by its owner only.",
        file=sys.stderr,
    )


def _unreadable(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return (
            f"{path} is a symbolic link: the secret key is read from a file of its own only (a "
            "link may lead to a file others can read or change). Put the key file itself there "
            "(mode 0600), or set POWERDESK_SECRET_KEY."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        me = _user(os.geteuid())
        try:
            owner = _user(path.lstat().st_uid)
        except OSError:
            return _folder_closed(path.parent, me)
        return (
            f"{path} belongs to {owner} and {me}, who runs PowerDesk, may not read it (made by "
            f"a command run as {owner}, with sudo?). Make it {me}'s (chown {me} {path}; chmod "
            f"600 {path}), or delete it (a new key is made; everyone logs in again), or set "
            "POWERDESK_SECRET_KEY."
        )
    return f"{path} cannot be read: {exc.strerror or exc}. Set POWERDESK_SECRET_KEY."


def _folder_closed(folder: Path, me: str) -> str:
    """Why a key in ``folder`` cannot be read when the folder itself may not be searched (its
    key file, if there is one, is not known: not said to be anyone's)."""
    try:
        owner = f", which belongs to {_user(folder.lstat().st_uid)},"
    except OSError:
        owner = ""
    return (
        f"The data folder {folder}{owner} may not be opened by {me}, who runs PowerDesk: "
        f"give {me} access to it (chown -R {me} {folder}), or set POWERDESK_DATA_DIR to a "
        "folder of this user's, or set POWERDESK_SECRET_KEY."
    )


def _why_not_kept(path: Path, exc: OSError) -> str:
    """Why no key could be kept at ``path``: a part of the data folder's path that is a file
    named (not a bare "File exists"), else the system's word."""
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        for folder in reversed(path.parents):
            if folder.exists() and not folder.is_dir():
                return f"{folder} is a file, not a folder"
    return str(exc.strerror or exc)


def _user(uid: int) -> str:
    """A user's name, or their number when they have none."""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)
