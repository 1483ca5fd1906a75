"""The classifier of the shipped corpus, trained once per machine for every test session.

Training it takes about two minutes of processor time (three to four minutes on two cores when
it kept an SVM a hand: ``bench/model_size.py``); the suite's first test that classifies a call paid
that in each test session (CI runs the SQLite and the PostgreSQL suites side by side: twice). The
model is kept in a file of the machine's temporary folder named by everything that makes it: the
corpus, the hand notes and the code that reads and fits them (``store.corpus_fingerprint``, as
the product's own model store names a model), and the versions of scikit-learn, NumPy, SciPy and
jieba. A change to any of them trains anew. Sessions that ask at the same time wait for the one
training (a file lock) and then load its model, as the product's web processes do.

Only the first model of a session with no staff corrections comes from here; a model trained
with corrections, or by a test that calls ``train_on_corpus`` itself, is trained as before.

A whole-suite run starts the training in a process of its own as soon as its tests are collected
(``start_training``), so that the model is ready by the time the first test asks for it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.store import corpus_fingerprint

FOLDER = Path(tempfile.gettempdir()) / "powerdesk-test-models"
LIBRARIES = ("scikit-learn", "numpy", "scipy", "jieba")
STALE_AFTER = 24 * 3600  # seconds

Train = Callable[[Iterable[tuple[str, str]]], CallClassifier]


def model_key() -> str:
    digest = hashlib.sha256(corpus_fingerprint().encode())
    for name in LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name} {metadata.version(name)}".encode())
    return digest.hexdigest()[:20]


def model_path() -> Path:
    return FOLDER / f"model-{model_key()}.pickle"


def start_training() -> subprocess.Popen[bytes] | None:
    """Train this machine's base model in a process of its own, unless it is there already."""
    if model_path().exists() or _training_elsewhere():
        return None
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.shared_model"],
        cwd=Path(__file__).resolve().parent.parent,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def lock_path() -> Path:
    """The lock of this key's model: checkouts of the machine training other keys (other notes,
    other code) do not wait for each other."""
    return FOLDER / f".{model_path().stem}.lock"


def _training_elsewhere() -> bool:
    """Whether another process holds the lock (training, or about to)."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    with lock_path().open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
        return False


def base_classifier(train: Train) -> CallClassifier:
    """The corpus's classifier with no corrections: from this machine's file when one of the
    same key is there, else trained by ``train`` and kept there."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    path = model_path()
    # A kept model is read without the lock (it is renamed into place whole): sessions reading
    # it do not wait for each other, only for one training it.
    kept = _read(path)
    if kept is not None:
        return kept
    with lock_path().open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            kept = _read(path)  # trained by another session while this one waited
            if kept is not None:
                return kept
            classifier = train(())
            _write(path, pickle.dumps(classifier, protocol=pickle.HIGHEST_PROTOCOL))
            # Other checkouts of the machine may use another key: only files unused for a day
            # go (each is some tens of megabytes; hundreds before December 2026).
            for stale in FOLDER.glob("model-*.pickle"):
                if stale != path and time.time() - stale.stat().st_atime > STALE_AFTER:
                    stale.unlink(missing_ok=True)
            return classifier
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _read(path: Path) -> CallClassifier | None:
    try:
        with path.open("rb") as handle:
            # Written by ``base_classifier`` in a test session of this machine, for this key.
            classifier = pickle.load(handle)
    except FileNotFoundError:
        return None
    return classifier if isinstance(classifier, CallClassifier) else None


def _write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def sharing(train: Train) -> Train:
    """``train_on_corpus`` that takes the machine's base model when given no corrections."""

    def train_on_corpus(corrections: Iterable[tuple[str, str]] = ()) -> CallClassifier:
        learnt = list(corrections)
        if learnt:
            return train(learnt)
        return base_classifier(train)

    return train_on_corpus


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    from powerdesk.servicedesk.understanding.training import train_on_corpus

    base_classifier(train_on_corpus)
    # The detector's labels of the corpus that the tests of what training gets read.
    from tests.servicedesk.training import keep_need_labels

    keep_need_labels()
