"""What ``train_on_corpus`` hands to the fits, without running them: the notes, their groups,
weights and hands, as the classifier's ``train`` receives them. The learned detector's fit is
left out too (about a minute on this corpus, and nothing these tests look at), and so is the
learned veto of the rules' urgent (``training.calm_veto``: the rules read every hand's note and
five folds are fitted, a minute or more in each test that asked; its fit is tested on notes of
its own in ``test_calm_veto.py``, and the shared model of the session is trained with it).

The detector's labels of the notes (``need_label``: the urgency rules read each of the corpus's
thirty-seven thousand notes, half a minute of processor time) are still worked out, once per
machine and key, as the shared model is (``tests/shared_model.py``): kept in a file of the
machine's temporary folder named by the corpus, the hands' notes and the code of the rules
(``store.corpus_fingerprint``). CI's SQLite and PostgreSQL suites run side by side: the first to
ask works them out under a file lock while the other waits, then reads them; CI's training of
the shared model beside the lint works them out first (``keep_need_labels``)."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from powerdesk.servicedesk.understanding import training
from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.detector import UrgencyDetector
from tests import private_folder, shared_model

_NO_NEED = "\x00no need"  # a row without a "need" (not the same as an empty one)
Key = tuple[str, str, str, str]
_labels: dict[Key, tuple[bool, bool]] = {}
_need_label = training.need_label


def _remembered_need_label(row: dict[str, Any]) -> tuple[bool, bool]:
    """``need_label`` of a row, worked out once for each row of the same content."""
    need = row.get("need", _NO_NEED)
    key = (row["text"], row["category"], str(need), str(row.get("template", "")))
    if key not in _labels:
        _labels[key] = _need_label(row)
    return _labels[key]


def labels_path() -> Path:
    return shared_model.FOLDER / f"need-labels-{shared_model.model_key()}.json"


@contextmanager
def _shared_labels() -> Iterator[None]:
    """The labels this machine worked out for this key, read before training and kept after:
    one process works them out at a time, the others wait for its file."""
    path = labels_path()
    try:
        locked = private_folder.locked(path.parent, path.stem)
        locked.__enter__()
    except OSError:  # no folder of this user's own (``tests/private_folder.py``): none kept
        yield
        return
    try:
        if not _labels and path.exists():
            with contextlib.suppress(ValueError, TypeError):
                for text, category, need, template, label, veto in json.loads(
                    path.read_text(encoding="utf-8")
                ):
                    _labels[(text, category, need, template)] = (bool(label), bool(veto))
        known = len(_labels)
        yield
        if len(_labels) != known:
            rows = [[*key, *labels] for key, labels in _labels.items()]
            shared_model._write(path, json.dumps(rows, ensure_ascii=False).encode())
            for stale in path.parent.glob("need-labels-*.json"):
                if stale != path and time.time() - stale.stat().st_atime > 24 * 3600:
                    stale.unlink(missing_ok=True)
    finally:
        locked.__exit__(None, None, None)


@contextmanager
def what_training_gets() -> Iterator[mock.MagicMock]:
    with (
        _shared_labels(),
        mock.patch.object(CallClassifier, "train") as train,
        mock.patch.object(UrgencyDetector, "train"),
        mock.patch.object(training, "calm_veto"),
        mock.patch.object(training, "need_label", _remembered_need_label),
    ):
        yield train


def keep_need_labels() -> None:
    """Work out the labels of the shipped corpus and the hands, unless this machine keeps them
    already (``python -m tests.shared_model``, run by CI beside the lint, does it after the
    model: the suites then only read them)."""
    with what_training_gets():
        training.train_on_corpus()
