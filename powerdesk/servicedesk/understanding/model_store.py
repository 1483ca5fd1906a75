"""The folder the trained classifiers are kept in (``ModelStore``), so that every process uses
the same one.

A folder (``POWERDESK_DATA_DIR/classifier``) holds numbered models and ``current.json``, which
names the one in use. Publishing writes the model and then the pointer, each to a temporary
file renamed into place, under a file lock: a reader sees the old model or the new one, never
half of one, and two retrainers never take the same number. A process checks the pointer each
time it classifies (one ``stat``, outside any lock; the file is read again only when its time
or size changed).

A model trained on another corpus than the one shipped, or by other code (after an upgrade), is
not used: the pointer records the fingerprint of both (``corpus_fingerprint``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.notes import CORPUS, HAND_FILES, RELABELS

__all__ = ["KEEP_VERSIONS", "MODEL_FORMAT", "ModelStore", "corpus_fingerprint"]

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
        only_over: int | None = None,
    ) -> int | None:
        """Make ``classifier`` the current one; its version number (None: one was there, with
        ``only_if_none``; with ``only_over``, the current one is not that version)."""
        if self.folder is None:
            if only_if_none and self._memory is not None:
                return None
            if only_over is not None and (self._memory or (None,))[0] != only_over:
                return None
            version = (self._memory[0] if self._memory else 0) + 1
            self._memory = (version, classifier)
            return version
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked():
            current = self.pointer()
            if only_if_none and current is not None:
                return None
            if only_over is not None and (current or {}).get("version") != only_over:
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
