"""Where the trained classifier is kept, so that every process uses the same one.

A folder (``POWERDESK_DATA_DIR/classifier``) holds numbered models and ``current.json``, which
names the one in use. Publishing writes the model and then the pointer, each to a temporary
file renamed into place, under a file lock: a reader sees the old model or the new one, never
half of one, and two retrainers never take the same number. A process checks the pointer each
time it classifies (one ``stat``, outside any lock; the file is read again only when its time
or size changed) and loads a newer model when there is one, so web processes learn without a
restart. A model that could not be read is tried again after a back-off (30 s, doubling up to
30 minutes), not given up for the life of the process.

A model trained on another corpus than the one shipped, or by other code (after an upgrade), is
not used: the pointer records the fingerprint of both.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import pickle
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.notes import CORPUS, HAND_FILES, RELABELS
from powerdesk.servicedesk.understanding.training import train_on_corpus

__all__ = [
    "ModelStore",
    "classifier_loading",
    "default_classifier",
    "ready_classifier",
    "use_corrections_from",
    "use_store",
]

logger = logging.getLogger(__name__)

# Bumped when the pickled classifier's shape changes, so that older files are not loaded.
# 3: probabilities by one temperature (CalibratedClassifierCV, "temperature"); 4: notes written
# by people weigh three generated ones, and no evaluation note is trained on; 5: with the learned
# detector of danger and medical need (``detector``); 6: one SVM a hand left out, each calibrated on
# that hand's notes; 7: written Cantonese read as Mandarin before the model
# (``features.for_model``); 8: written Wu too; 9: the detector reads the note as the model;
# 10: one SVM kept, float32 weights, its temperature fitted on six folds of hands left out
# (``calibration.TemperatureSVM``: an 18 MB file where an SVM a hand took 435 MB).
MODEL_FORMAT = 10
KEEP_VERSIONS = 3


# The code that reads the notes and fits the model (how a note is read as Mandarin, its words,
# the features, the detector): a model fitted by other code is stale too.
MODEL_CODE = Path(__file__).resolve().parent


@cache
def corpus_fingerprint() -> str:
    digest = hashlib.sha256(CORPUS.read_bytes())
    for path in HAND_FILES:  # a model trained before the hand notes changed is stale
        digest.update(path.read_bytes())
    if RELABELS.exists():
        digest.update(RELABELS.read_bytes())
    for path in sorted(MODEL_CODE.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(f"format {MODEL_FORMAT}".encode())
    return digest.hexdigest()[:16]


class ModelStore:
    """Numbered classifiers in a folder, one of them current; or in memory when no folder."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: tuple[int, CallClassifier] | None = None
        self._seen: tuple[int, int, dict[str, Any] | None] | None = None

    @property
    def pointer_path(self) -> Path | None:
        return self.folder / "current.json" if self.folder else None

    def pointer(self) -> dict[str, Any] | None:
        """What ``current.json`` says, when it names a model of the shipped corpus: read once
        per change of the file (its time and size, one ``stat`` a call). Safe from several
        threads at once without a lock: what was read is kept as one tuple, replaced whole."""
        if self.folder is None:
            return {"version": self._memory[0]} if self._memory else None
        path = self.folder / "current.json"
        try:
            status = path.stat()
            seen = self._seen
            if seen and seen[:2] == (status.st_mtime_ns, status.st_size):
                return seen[2]
            data = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("corpus") != corpus_fingerprint():
            data = None
        self._seen = (status.st_mtime_ns, status.st_size, data)
        return data

    def load(self, pointer: dict[str, Any]) -> CallClassifier:
        if self.folder is None:
            assert self._memory is not None
            return self._memory[1]
        with (self.folder / pointer["file"]).open("rb") as handle:
            # Our own file, written by ``publish`` in the station's data folder.
            classifier = pickle.load(handle)
        if not isinstance(classifier, CallClassifier):
            raise TypeError(f"{pointer['file']} does not hold a call classifier")
        return classifier

    def publish(
        self,
        classifier: CallClassifier,
        *,
        reason: str,
        figures: dict[str, Any] | None = None,
        only_if_none: bool = False,
    ) -> int | None:
        """Make ``classifier`` the current one; its version number (None: one was there)."""
        if self.folder is None:
            if only_if_none and self._memory is not None:
                return None
            version = (self._memory[0] if self._memory else 0) + 1
            self._memory = (version, classifier)
            return version
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked():
            current = self.pointer()
            if only_if_none and current is not None:
                return None
            version = self._last_version() + 1
            name = f"model-{version}.pickle"
            self._write(name, pickle.dumps(classifier, protocol=pickle.HIGHEST_PROTOCOL))
            pointer = {
                "version": version,
                "file": name,
                "corpus": corpus_fingerprint(),
                "published_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "reason": reason,
                "trained_on": classifier.trained_on,
                "figures": figures or {},
            }
            self._write("current.json", json.dumps(pointer, ensure_ascii=False).encode())
            self.record({"event": "published", **pointer})
            self._prune(version)
            return version

    def record(self, entry: dict[str, Any]) -> None:
        """Append to ``history.jsonl``: every model published or turned down, and why."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **entry},
            ensure_ascii=False,
        )
        with (self.folder / "history.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    def history(self) -> list[dict[str, Any]]:
        if self.folder is None or not (self.folder / "history.jsonl").exists():
            return []
        lines = (self.folder / "history.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    @contextlib.contextmanager
    def training(self) -> Iterator[None]:
        """Held while a process trains the first classifier: the others wait, then load it,
        rather than each training its own (two web workers on two cores took twice as long)."""
        if self.folder is None:
            yield
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ".training").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        assert self.folder is not None
        with (self.folder / ".lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write(self, name: str, data: bytes) -> None:
        assert self.folder is not None
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.folder / name)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    def _versions(self) -> list[int]:
        assert self.folder is not None
        found = []
        for path in self.folder.glob("model-*.pickle"):
            with contextlib.suppress(ValueError):
                found.append(int(path.stem.removeprefix("model-")))
        return sorted(found)

    def _last_version(self) -> int:
        versions = self._versions()
        return versions[-1] if versions else 0

    def _prune(self, current: int) -> None:
        # A reader between the pointer and the file may still want the previous few.
        assert self.folder is not None
        for version in self._versions()[:-KEEP_VERSIONS]:
            if version != current:
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / f"model-{version}.pickle").unlink()


# -- the classifier every part of the application shares ---------------------------------------

_lock = threading.Lock()
_store = ModelStore(None)
_loaded: tuple[int, CallClassifier] | None = None
_corrections_source: Callable[[], Iterable[tuple[str, str]]] | None = None
# Reading a stored model for the callers (``ready_classifier``), in a thread of its own.
_loading: threading.Thread | None = None
# A stored model that could not be read is tried again after RETRY_FIRST, then after twice as
# long each time, up to RETRY_MOST (a file being copied in by hand, a disk full for a while).
RETRY_FIRST = 30.0
RETRY_MOST = 1800.0
_clock = time.monotonic


@dataclass(frozen=True)
class Failed:
    """A stored model that could not be read: how many tries failed, when to try again."""

    version: int
    tries: int
    retry_at: float  # on ``_clock``


_failed: Failed | None = None
# A note classified once by a model just read, so that jieba's dictionary and the compiled
# probabilities are ready before the model answers its first caller.
WARM_NOTE = "家里停电了，电表没有显示"


def use_store(folder: Path | ModelStore | None) -> ModelStore:
    """Keep models in ``folder`` (None: in this process's memory only), or in that store."""
    global _store, _loaded, _failed
    with _lock:
        _store = folder if isinstance(folder, ModelStore) else ModelStore(folder)
        _loaded = None
        _failed = None
        return _store


def current_store() -> ModelStore:
    return _store


def use_corrections_from(source: Callable[[], Iterable[tuple[str, str]]] | None) -> None:
    """Where a first classifier finds staff corrections when there is none stored yet."""
    global _corrections_source
    _corrections_source = source


def default_classifier() -> CallClassifier:
    """The current classifier: the stored one (newer ones picked up as they are published), or
    one trained on the shipped corpus and staff corrections when none is stored yet."""
    global _loaded
    with _lock:
        pointer = _store.pointer()
        if pointer is None:
            with contextlib.ExitStack() as held:
                with contextlib.suppress(OSError):  # a folder that cannot be written: no lock
                    held.enter_context(_store.training())
                pointer = _store.pointer()  # another process may have trained it meanwhile
                if pointer is None:
                    corrections = list(_corrections_source()) if _corrections_source else []
                    trained = train_on_corpus(corrections)
                    with contextlib.suppress(OSError):
                        _store.publish(trained, reason="first use", only_if_none=True)
                    # Another process may have published first: use theirs, so all agree.
                    pointer = _store.pointer()
                    if pointer is None:  # the folder cannot be written: keep what was trained
                        _loaded = (0, trained)
                        return trained
        if _loaded is None or _loaded[0] != pointer["version"]:
            try:
                _loaded = (int(pointer["version"]), _store.load(pointer))
            except FileNotFoundError:
                # Pruned between reading the pointer and the file: a newer one is current.
                pointer = _store.pointer() or pointer
                _loaded = (int(pointer["version"]), _store.load(pointer))
        return _loaded[1]


def ready_classifier() -> CallClassifier | None:
    """The classifier for a caller who is waiting (the intake page, the API, the public page):
    the one this process has read, never one trained or read from disk while they wait.

    A model stored and not yet read here (the first one the task worker trained, or a retrained
    one) is read in a thread of its own (``classifier_loading``) while the one read before goes
    on answering. None until a first model is read: calls are then taken without a suggested
    category (the clerk chooses it) and the rules alone say what is urgent. Training is the task
    worker's (``retrain_classifier``), never a web process's.

    A store without a folder (the tests, a command on its own) is this process's alone, and
    no other process can train for it: as ``default_classifier``.
    """
    if _store.folder is None:
        return default_classifier()
    loaded = _loaded  # one name read: no lock, so that callers never queue here
    classifier_loading()
    return loaded[1] if loaded else None


def classifier_loading() -> threading.Thread | None:
    """The thread reading the stored model into this process, started when a model is stored
    that is not the one read here (None when there is nothing to read: none stored, or the one
    stored is read already)."""
    global _loading
    source = _store
    if source.folder is None:
        return None
    pointer = source.pointer()  # outside the lock: a stat, and a read only when it changed
    if pointer is None:
        return None
    version = int(pointer["version"])
    with _lock:
        if source is not _store:  # another store was chosen meanwhile
            return None
        failed = _failed
        waiting = failed is not None and failed.version == version and _clock() < failed.retry_at
        if (_loaded is not None and _loaded[0] == version) or waiting:
            return _loading if _loading is not None and _loading.is_alive() else None
        if _loading is None or not _loading.is_alive():
            _loading = threading.Thread(
                target=_load_stored, args=(source,), name="classifier-load", daemon=True
            )
            _loading.start()
        return _loading


def _load_stored(source: ModelStore) -> None:
    """Read the stored model and make it this process's, once it has classified a note."""
    global _loaded, _failed
    pointer = source.pointer()
    if pointer is None:
        return
    version = int(pointer["version"])
    try:
        try:
            classifier = source.load(pointer)
        except FileNotFoundError:
            # Pruned between reading the pointer and the file: a newer one is current.
            pointer = source.pointer() or pointer
            version = int(pointer["version"])
            classifier = source.load(pointer)
        classifier.suggest_one(WARM_NOTE)
    except Exception:  # a broken file: the callers go on with what they have, until a retry
        with _lock:
            before = _failed if _failed is not None and _failed.version == version else None
            tries = before.tries + 1 if before is not None else 1
            wait = min(RETRY_FIRST * 2 ** (tries - 1), RETRY_MOST)
            if _store is source:
                _failed = Failed(version=version, tries=tries, retry_at=_clock() + wait)
        said = "the stored call classifier (version %s) could not be read; tried again in %d s"
        logger.exception(said, version, wait)
        return
    with _lock:
        if _store is source:
            if _failed is not None and _failed.version <= version:
                _failed = None
            if _loaded is None or _loaded[0] < version:
                _loaded = (version, classifier)
