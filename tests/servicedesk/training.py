"""What ``train_on_corpus`` hands to the fits, without running them: the notes, their groups,
weights and hands, as the classifier's ``train`` receives them. The learned detector's fit is
left out too (about a minute on this corpus, and nothing these tests look at)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.detector import UrgencyDetector


@contextmanager
def what_training_gets() -> Iterator[mock.MagicMock]:
    with (
        mock.patch.object(CallClassifier, "train") as train,
        mock.patch.object(UrgencyDetector, "train"),
    ):
        yield train
