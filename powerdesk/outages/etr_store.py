"""Where each station's restoration-time model is kept, so that every process uses the same one.

As the classifier's store (``servicedesk.understanding.store``): a folder per station under
``POWERDESK_DATA_DIR/etr/`` holds numbered models and ``current.json`` naming the one in use,
each written to a temporary file and renamed into place under a file lock, so a reader sees the
old model or the new one, never half of one. A process checks the pointer (one ``stat``) each
time it estimates and loads a newer model when the task worker has published one.

Without a folder (``ETR_DIR = None``, the tests) models stay in this process's memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import pickle
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from powerdesk.outages.etr_model import EtrModel

__all__ = ["current", "forget", "publish"]

MODEL_FORMAT = 4  # bumped when the pickled model's shape changes: older files are not loaded
KEEP_VERSIONS = 3

_lock = threading.Lock()
_memory: dict[int, EtrModel] = {}
_loaded: dict[int, tuple[tuple[int, int], EtrModel]] = {}  # station -> (pointer's stat, model)


def folder() -> Path | None:
    configured = getattr(settings, "ETR_DIR", settings.DATA_DIR / "etr")
    return Path(configured) if configured is not None else None


def current(station_id: int) -> EtrModel | None:
    """The station's model in use, or None when none was trained yet."""
    base = folder()
    if base is None:
        return _memory.get(station_id)
    pointer = base / str(station_id) / "current.json"
    try:
        status = pointer.stat()
        seen = (status.st_mtime_ns, status.st_size)
        if station_id in _loaded and _loaded[station_id][0] == seen:
            return _loaded[station_id][1]
        data = json.loads(pointer.read_text(encoding="utf-8"))
        if data.get("format") != MODEL_FORMAT:
            return None
        with (base / str(station_id) / data["file"]).open("rb") as handle:
            model = pickle.load(handle)  # our own file, written by ``publish``
    except (FileNotFoundError, ValueError, KeyError, pickle.UnpicklingError):
        return None
    if not isinstance(model, EtrModel):
        return None
    _loaded[station_id] = (seen, model)
    return model


def publish(station_id: int, model: EtrModel) -> int:
    """Make ``model`` the station's model in use; its version."""
    base = folder()
    if base is None:
        with _lock:
            _memory[station_id] = model
        return 0
    here = base / str(station_id)
    here.mkdir(parents=True, exist_ok=True)
    with _locked(here):
        versions = _versions(here)
        version = (versions[-1] if versions else 0) + 1
        name = f"model-{version}.pickle"
        _write(here, name, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
        pointer = {
            "version": version,
            "file": name,
            "format": MODEL_FORMAT,
            "trained_on": model.trained_on,
            "published_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        _write(here, "current.json", json.dumps(pointer).encode())
        for old in _versions(here)[:-KEEP_VERSIONS]:
            with contextlib.suppress(FileNotFoundError):
                (here / f"model-{old}.pickle").unlink()
    return version


def forget() -> None:
    """Drop every model held in this process (tests)."""
    with _lock:
        _memory.clear()
        _loaded.clear()


@contextlib.contextmanager
def _locked(here: Path) -> Iterator[None]:
    with (here / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write(here: Path, name: str, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=here, prefix=f".{name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, here / name)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _versions(here: Path) -> list[int]:
    found = []
    for path in here.glob("model-*.pickle"):
        with contextlib.suppress(ValueError):
            found.append(int(path.stem.removeprefix("model-")))
    return sorted(found)
