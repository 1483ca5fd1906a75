"""The kept secret key is read from a file of its own, this user's, and said clearly when it
cannot be: never through a symbolic link, never another user's file, a key root made said so
(not a bare PermissionError). A file system without hard links keeps a key all the same
(created in place, once), a reader waits for a key being written, and a data folder this user may
not write gives the process a key of its own, said on its standard error."""

from __future__ import annotations

import errno
import os
import stat
import threading
import time
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

from powerdesk.lib.secret_key import KEPT, KEY_FILE, THIS_PROCESS, kept_key, secret_key

KEY = "a-key-kept-in-the-data-folder-0123456789-abcdefghijklmnopqrstuvwxyz"


def _kept(folder: Path, text: str = KEY + "\n", mode: int = 0o600) -> Path:
    path = folder / KEY_FILE
    path.write_text(text)
    path.chmod(mode)
    return path


def test_a_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = _kept(elsewhere, mode=0o644)  # e.g. a file others may read, or change
    (tmp_path / KEY_FILE).symlink_to(target)
    with pytest.raises(ImproperlyConfigured, match="is a symbolic link"):
        kept_key(tmp_path / KEY_FILE)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # nothing done to what it points at


def test_a_key_file_of_another_user_is_refused_naming_both(tmp_path: Path) -> None:
    path = _kept(tmp_path)
    someone_else = path.stat().st_uid + 4321
    with (
        mock.patch("os.geteuid", return_value=someone_else),
        pytest.raises(ImproperlyConfigured) as refused,
    ):
        kept_key(path)
    said = str(refused.value)
    assert f"{path} belongs to" in said
    assert f"not to {someone_else} who runs PowerDesk" in said
    assert "POWERDESK_SECRET_KEY" in said


def test_a_key_this_user_may_not_read_is_said_so_not_a_bare_permission_error(
    tmp_path: Path,
) -> None:
    # A key made by root (a command run with sudo), mode 0600, read by the station's user: the
    # read is refused (simulated: these tests may run as root, whom nothing is refused).
    path = _kept(tmp_path)
    real_open = os.open

    def as_another_user(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(name) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    denied = PermissionError(errno.EACCES, "Permission denied")
    with (
        mock.patch("os.open", side_effect=as_another_user),
        mock.patch("builtins.open", side_effect=denied),  # (the old code read by open())
        pytest.raises(ImproperlyConfigured) as refused,
    ):
        kept_key(path)
    said = str(refused.value)
    assert "may not read it" in said
    assert "chown" in said and str(path) in said
    assert "POWERDESK_SECRET_KEY" in said


def test_without_hard_links_the_key_is_created_in_place_once(tmp_path: Path) -> None:
    folder = tmp_path / "var"
    no_links = OSError(errno.EPERM, "Operation not permitted")  # FAT, some network shares
    with mock.patch("os.link", side_effect=no_links):
        key = kept_key(folder / KEY_FILE)
        again = kept_key(folder / KEY_FILE)
    assert key == again == (folder / KEY_FILE).read_text().strip()
    assert len(key) >= 50
    assert stat.S_IMODE((folder / KEY_FILE).stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == [KEY_FILE]  # no draft left behind


def test_a_key_being_written_in_place_is_waited_for(tmp_path: Path) -> None:
    # Another process created the file (no hard links here) and has not written it yet.
    path = _kept(tmp_path, text="")

    def write_soon() -> None:
        time.sleep(0.3)
        with path.open("a") as out:
            out.write(KEY + "\n")

    writer = threading.Thread(target=write_soon)
    writer.start()
    try:
        assert kept_key(path) == KEY
    finally:
        writer.join()


def test_a_folder_this_user_may_not_write_gives_a_key_of_the_process_said_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A read-only checkout (tests, a benchmark, a check run in CI): simulated, as above.
    real_open = os.open

    def read_only(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and str(name).startswith(str(tmp_path)):
            raise OSError(errno.EROFS, "Read-only file system", str(name))
        return real_open(name, flags, *args, **kwargs)

    with mock.patch("os.open", side_effect=read_only):
        key, source = secret_key("", tmp_path)
        other, _ = secret_key("", tmp_path)
    assert source == THIS_PROCESS
    assert len(key) >= 50 and other != key  # nothing kept: each start makes another
    assert list(tmp_path.iterdir()) == []
    said = capsys.readouterr().err
    assert f"no secret key could be kept in {tmp_path / KEY_FILE}: Read-only file system" in said
    assert "This process uses a secret key of its own, lost when it stops" in said
    # A folder that can be written keeps one, as before.
    assert secret_key("", tmp_path)[1] == KEPT


def test_a_data_folder_that_is_a_file_is_still_an_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    with pytest.raises(ImproperlyConfigured, match="no secret key could be kept in"):
        secret_key("", tmp_path / "a-file" / "var")


def test_a_whole_key_with_no_newline_is_read_at_once(tmp_path: Path) -> None:
    # review58 L3: a key written by hand (printf %s) just now, or a file dated ahead of the
    # clock (clock skew, a restored file): read at once, not after two seconds.
    path = _kept(tmp_path, text=KEY)
    started = time.monotonic()
    assert kept_key(path) == KEY
    ahead = time.time() + 3600
    os.utime(path, (ahead, ahead))
    assert kept_key(path) == KEY
    (tmp_path / "short").mkdir()
    short = _kept(tmp_path / "short", text="k1")  # shorter than a key made here
    os.utime(short, (ahead, ahead))
    assert kept_key(short) == "k1"
    assert time.monotonic() - started < 0.5


def test_a_data_folder_this_user_may_not_open_is_said_so(tmp_path: Path) -> None:
    # The folder cannot be searched (simulated, as above): the key file is not known, not said
    # to be another user's.
    folder = tmp_path / "var"
    folder.mkdir()
    path = folder / KEY_FILE
    real_open, real_lstat = os.open, os.lstat

    def closed(name: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(name) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return (real_open if args else real_lstat)(name, *args, **kwargs)

    with (
        mock.patch("os.open", side_effect=closed),
        mock.patch("os.lstat", side_effect=closed),
        pytest.raises(ImproperlyConfigured) as refused,
    ):
        kept_key(path)
    said = str(refused.value)
    assert f"The data folder {folder}, which belongs to" in said
    assert "belongs to another user" not in said and f"{path} belongs" not in said


def test_a_data_folder_path_that_is_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    with pytest.raises(ImproperlyConfigured) as refused:
        secret_key("", tmp_path / "a-file" / "var")
    assert f"{tmp_path / 'a-file'} is a file, not a folder" in str(refused.value)
