"""What ``train_on_corpus`` hands to the fits, without running them: the notes, their groups,
weights and hands, as the classifier's ``train`` receives them. The learned detector's fit is
left out too (about a minute on this corpus, and nothing these tests look at), and so is the
learned veto of the rules' urgent (``training.calm_veto``: the rules read every hand's note and
five folds are fitted, a minute or more in each test that asked; its fit is tested on notes of
its own in ``test_calm_veto.py``, and the shared model of the session is trained with it).

The detector's labels of the notes (``need_label``: the urgency rules read each of the corpus's
thirty thousand notes, some fifteen seconds) are still worked out, once a session: each test that
asks what training gets reads the same notes, and the rules do not change within a session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from powerdesk.servicedesk.understanding import training
from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.detector import UrgencyDetector

_NO_NEED = object()  # a row without a "need" (not the same as an empty one)
_labels: dict[tuple[Any, ...], tuple[bool, bool]] = {}
_need_label = training.need_label


def _remembered_need_label(row: dict[str, Any]) -> tuple[bool, bool]:
    """``need_label`` of a row, worked out once a session for each row of the same content."""
    key = (row["text"], row["category"], row.get("need", _NO_NEED), str(row.get("template", "")))
    if key not in _labels:
        _labels[key] = _need_label(row)
    return _labels[key]


@contextmanager
def what_training_gets() -> Iterator[mock.MagicMock]:
    with (
        mock.patch.object(CallClassifier, "train") as train,
        mock.patch.object(UrgencyDetector, "train"),
        mock.patch.object(training, "calm_veto"),
        mock.patch.object(training, "need_label", _remembered_need_label),
    ):
        yield train
