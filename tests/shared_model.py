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

A kept model is read back with ``pickle``, which runs whatever code a file names: it is kept in
a folder of this user's only (``tests/private_folder.py``: a real folder, owned by this user,
mode 0700; review77's carried-over M). Where that folder is not ours, nothing is read or kept:
the session trains its own. CI's jobs all run as one user, so its trainer started beside the
lint (``.ci/run``) and its suites share the one folder as before.
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
from tests import private_folder

# One folder per user of the machine, only theirs (``tests/private_folder.py``).
FOLDER = Path(tempfile.gettempdir()) / f"powerdesk-test-models-{os.getuid()}"
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
    """Train this machine's base model in a process of its own, unless it is there already (or
    there is no folder of this user's to keep it in)."""
    try:
        private_folder.private(FOLDER)
    except OSError:
        return None
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
    lock = os.open(lock_path(), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(lock)  # the lock goes with it
    return False


def base_classifier(train: Train) -> CallClassifier:
    """The corpus's classifier with no corrections: from this machine's file when one of the
    same key is there, else trained by ``train`` and kept there. Trained and not kept where
    the folder is not this user's own."""
    try:
        private_folder.private(FOLDER)
    except OSError:  # no folder of ours: nothing read from it, nothing kept
        return train(())
    path = model_path()
    # A kept model is read without the lock (it is renamed into place whole): sessions reading
    # it do not wait for each other, only for one training it.
    kept = _read(path)
    if kept is not None:
        return kept
    # The lock of this key's model (``lock_path``).
    with private_folder.locked(FOLDER, path.stem):
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
