"""The classifier's size does not grow with the hands: one SVM is kept, its weights in float32,
and the temperature is fitted on the margins of at most ``CALIBRATION_FOLDS`` SVMs fitted with a
few hands left out (data card, "Model size"). Tiny corpora of our own, quick to train."""

from __future__ import annotations

import pickle
from collections import Counter
from typing import Any
from unittest import mock

import numpy as np
from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.calibration import (
    CALIBRATION_FOLDS,
    TemperatureSVM,
    hand_folds,
    held_out_by_hand,
)
from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.fast import compile_predictor
from powerdesk.servicedesk.understanding.notes import HANDS

WORDS = {
    "fault_repair": ("停电了", "没电了", "跳闸了"),
    "billing": ("电费多少", "交电费", "欠费了"),
    "praise": ("谢谢师傅", "师傅辛苦", "服务好"),
    "hazard": ("电线掉了", "在打火", "冒烟了"),
}


def notes_of(hands: int) -> tuple[list[tuple[str, str]], list[str]]:
    """Two notes of each category by each of ``hands`` writers, and some of no one."""
    notes, writers = [], []
    for number in range(hands):
        for category, words in WORDS.items():
            for word in words[:2]:
                notes.append((f"{word}{number}号", category))
                writers.append(f"hand{number}")
    for category, words in WORDS.items():
        notes += [(word, category) for word in words]
        writers += [""] * len(words)
    return notes, writers


class ModelSizeTests(SimpleTestCase):
    def test_one_svm_is_kept_whatever_the_number_of_hands(self) -> None:
        sizes = []
        for hands in (4, 16):
            with self.subTest(hands=hands):
                notes, writers = notes_of(hands)
                trained = CallClassifier.train(notes, hands=writers)
                model = trained.pipeline.named_steps["model"]
                self.assertIsInstance(model, TemperatureSVM)
                self.assertEqual(trained.svms(), 1)
                self.assertEqual(model.coef_.dtype, np.float32)
                self.assertEqual(model.coef_.shape[0], len(WORDS))
                sizes.append(len(pickle.dumps(model.coef_)))
                self.assertEqual(trained.suggest_one("家里停电了").category, "fault_repair")
        # Four times the hands: more words, not four times the weights.
        self.assertLess(sizes[1], 2 * sizes[0])

    def test_the_temperature_is_fitted_on_at_most_calibration_folds_svms(self) -> None:
        notes, writers = notes_of(16)
        fits: list[int] = []
        original = TemperatureSVM._svm

        def counted(self: TemperatureSVM, X: Any, y: Any, w: Any, rows: Any) -> Any:
            fits.append(len(rows))
            return original(self, X, y, w, rows)

        with mock.patch.object(TemperatureSVM, "_svm", counted):
            CallClassifier.train(notes, hands=writers)
        # One fit on every note, and one for each fold of hands left out.
        self.assertEqual(len(fits), CALIBRATION_FOLDS + 1)
        self.assertEqual(fits[0], len(notes))
        self.assertTrue(all(rows < len(notes) for rows in fits[1:]))

    def test_the_compiled_predictor_reads_the_float32_weights(self) -> None:
        notes, writers = notes_of(5)
        trained = CallClassifier.train(notes, hands=writers)
        probes = ["停电了", "电线掉了在打火", "谢谢师傅", "", "电费"]
        compiled = compile_predictor(trained.pipeline, probes)
        assert compiled is not None
        expected = trained.pipeline.predict_proba(probes)
        np.testing.assert_allclose(compiled(probes), expected, rtol=0, atol=1e-12)
        np.testing.assert_allclose(expected.sum(axis=1), 1.0)

    def test_the_shipped_hands_are_dealt_into_balanced_folds_by_name(self) -> None:
        names = [hand.name for hand in HANDS]
        folds = hand_folds(names)
        self.assertEqual(set(folds), set(names))
        self.assertEqual(set(folds.values()), set(range(CALIBRATION_FOLDS)))
        sizes = Counter(folds.values()).values()
        self.assertLessEqual(max(sizes) - min(sizes), 1)
        self.assertEqual(hand_folds(list(reversed(names))), folds)  # by name, not by order
        # Every note of a hand is held out in the same fold, and only there; no one's notes
        # (generated, staff corrections) are always fitted on.
        writers = ["", *names, *names, ""]
        split = held_out_by_hand(writers)
        self.assertEqual(len(split), CALIBRATION_FOLDS)
        held = sorted(i for _, out in split for i in out)
        self.assertEqual(held, list(range(1, len(writers) - 1)))
        for fitted, out in split:
            self.assertEqual(sorted(fitted + out), list(range(len(writers))))
            self.assertTrue({0, len(writers) - 1} <= set(fitted))

    def test_fewer_hands_than_folds_one_fold_a_hand(self) -> None:
        self.assertEqual(len(held_out_by_hand(["a", "b", "c", "", "a"])), 3)
