"""The call classifier's model: one linear SVM fitted on every note, its margins turned into
probabilities by one temperature fitted on margins of notes held out of the fit.

The held-out margins come from ``CALIBRATION_FOLDS`` SVMs, each fitted without the notes of a
few hands (``hand_folds``: the writers' names sorted and dealt round in turn, so that the folds
differ by one hand at most and the same names always give the same folds). They serve only to
fit the temperature and are not kept: the model keeps one SVM, its weights in float32, whatever
the number of hands. Until December 2026 it kept one SVM for each hand left out (32 hands: 32
SVMs, a 435 MB file, three to four minutes of training) and averaged their probabilities;
``bench/model_size.py`` measures both; the data card's "Model size" has the figures, and those
of ``bench/notes_cv.py`` that chose this way.

scikit-learn is imported with this module; ``classifier`` imports it only when it trains, and
unpickling a model imports it when the model is loaded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

__all__ = [
    "CALIBRATION_FOLDS",
    "TemperatureSVM",
    "hand_folds",
    "hashed_folds",
    "held_out_by_hand",
]

# How many SVMs are fitted, each without the notes of about one hand in six, for the margins the
# temperature is fitted on (not kept). Six folds and the whole fit are seven fits, four rounds of
# the two threads (``classifier.FIT_JOBS``).
CALIBRATION_FOLDS = 6
# The SVMs' regularisation (as before: ``LinearSVC(C=0.5)``).
SVM_C = 0.5

Folds = Sequence[tuple[Sequence[int], Sequence[int]]]


def hand_folds(writers: Sequence[str], folds: int = CALIBRATION_FOLDS) -> dict[str, int]:
    """Each writer's calibration fold: the names sorted and dealt round in turn.

    >>> hand_folds(["hand2", "third", "hand1", "", "hand10", "hand2"], folds=2)
    {'hand1': 0, 'hand10': 1, 'hand2': 0, 'third': 1}
    """
    names = sorted({name for name in writers if name})
    return {name: number % folds for number, name in enumerate(names)}


def hashed_folds(writers: Sequence[str], folds: int = CALIBRATION_FOLDS) -> dict[str, int]:
    """Each writer's fold from a stable hash of the name alone (SHA-256, not Python's salted
    ``hash``): a writer added or taken away leaves every other writer, and so every other note,
    in the fold it was in. The folds are as even as chance makes them (the learned veto's:
    ``calm_veto``; the calibration keeps ``hand_folds``, whose folds differ by one hand at most).

    >>> hashed_folds(["hand2", "third", "hand1", "", "hand10", "hand2"], folds=2)
    {'hand1': 1, 'hand10': 0, 'hand2': 0, 'third': 1}
    """
    names = sorted({name for name in writers if name})
    return {name: int(hashlib.sha256(name.encode()).hexdigest(), 16) % folds for name in names}


def held_out_by_hand(
    hands: Sequence[str],
    folds: int = CALIBRATION_FOLDS,
    *,
    dealt: Callable[[Sequence[str], int], dict[str, int]] = hand_folds,
) -> list[tuple[list[int], list[int]]]:
    """(fitted on, held out) note numbers for each fold of ``dealt`` (``hand_folds``, or
    ``hashed_folds``): a fold holds out the notes of its hands; notes of no hand ("": generated
    notes, staff corrections) are always fitted on. As many folds as hands when there are fewer
    hands than ``folds``; a fold ``hashed_folds`` gives no hand is left out.

    >>> held_out_by_hand(["a", "", "b", "c", "a"], folds=2)
    [([1, 2], [0, 3, 4]), ([0, 1, 3, 4], [2])]
    """
    fold_of = dealt(hands, folds)
    every = range(len(hands))
    return [
        (
            [i for i in every if fold_of.get(hands[i]) != number],
            [i for i in every if fold_of.get(hands[i]) == number],
        )
        for number in sorted(set(fold_of.values()))
    ]


class TemperatureSVM(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """A linear SVM whose margins, times ``beta_`` (one inverse temperature for every class),
    give probabilities by a softmax. One temperature keeps the categories' order and does not
    flatten (per-class isotonic curves, averaged and renormalised, showed 0.5 for notes right
    eight times in ten)."""

    def __init__(self, C: float = SVM_C, jobs: int = 1) -> None:
        self.C = C
        self.jobs = jobs

    def fit(
        self,
        X: Any,
        y: Sequence[str],
        sample_weight: Sequence[float] | None = None,
        *,
        folds: Folds,
    ) -> TemperatureSVM:
        """Fit the SVM on every note, and the temperature on the margins each note of a fold's
        held-out part gets from an SVM fitted on that fold's other part (weighted as the notes).
        The folds' SVMs and the whole one fit side by side in ``jobs`` threads (liblinear lets go
        of the interpreter while it fits)."""
        labels = np.asarray(y)
        weights = np.ones(len(labels)) if sample_weight is None else np.asarray(sample_weight)
        self.classes_ = np.unique(labels)
        everything = np.arange(len(labels))
        jobs = [everything] + [np.asarray(fit, dtype=np.intp) for fit, _ in folds]
        with ThreadPoolExecutor(max_workers=max(1, self.jobs)) as pool:
            fitted = list(pool.map(lambda rows: self._svm(X, labels, weights, rows), jobs))
        whole, held_svms = fitted[0], fitted[1:]
        self.beta_ = fit_temperature(held_svms, folds, X, labels, weights, self.classes_)
        # float32 weights: half the memory, for a rounding in the seventh significant digit.
        self.coef_ = np.ascontiguousarray(whole.coef_, dtype=np.float32)
        self.intercept_ = np.asarray(whole.intercept_, dtype=np.float64)
        self.held_out_ = int(sum(len(held) for _, held in folds))
        return self

    def _svm(self, X: Any, labels: np.ndarray, weights: np.ndarray, rows: np.ndarray) -> Any:
        from sklearn.svm import LinearSVC

        svm = LinearSVC(C=self.C)
        svm.fit(X[rows], labels[rows], sample_weight=weights[rows])
        if list(svm.classes_) != list(self.classes_):
            raise ValueError("a fold lacks a category: every fold must see all of them")
        return svm

    def decision_function(self, X: Any) -> np.ndarray:
        """The margins, a column per category (two categories: the one margin and its opposite,
        as scikit-learn's temperature scaling reads it)."""
        margins = np.asarray(X @ self.coef_.T, dtype=np.float64) + self.intercept_
        return _columns(margins)

    def predict_proba(self, X: Any) -> np.ndarray:
        return softmax(self.beta_ * self.decision_function(X))

    def predict(self, X: Any) -> np.ndarray:
        return np.asarray(self.classes_[self.decision_function(X).argmax(axis=1)])


def fit_temperature(
    svms: Sequence[Any],
    folds: Folds,
    X: Any,
    labels: np.ndarray,
    weights: np.ndarray,
    classes: np.ndarray,
) -> float:
    """The inverse temperature that best turns the margins each fold's SVM gives the notes it
    was not fitted on into probabilities (scikit-learn's temperature scaling: the weighted log
    loss of the softmax)."""
    from sklearn.calibration import _TemperatureScaling

    margins, truth, held_weights = [], [], []
    for svm, (_, held) in zip(svms, folds, strict=True):
        rows = np.asarray(held, dtype=np.intp)
        if len(rows):
            margins.append(_columns(svm.decision_function(X[rows])))
            truth.append(np.searchsorted(classes, labels[rows]))
            held_weights.append(weights[rows])
    if not margins:
        raise ValueError("no note is held out to fit the temperature on")
    scaling = _TemperatureScaling().fit(
        np.concatenate(margins), np.concatenate(truth), np.concatenate(held_weights)
    )
    return float(scaling.beta_)


def _columns(margins: np.ndarray) -> np.ndarray:
    if margins.ndim == 1 or margins.shape[1] == 1:
        margins = margins.reshape(-1, 1)
        return np.hstack([-margins, margins])
    return margins


def softmax(scaled: np.ndarray) -> np.ndarray:
    """Rows of ``scaled`` margins to probabilities (the row's largest taken off before exp)."""
    exp = np.exp(scaled - scaled.max(axis=1, keepdims=True))
    proba: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
    return proba
