"""The first call classifier is stored in two stages (fix56d): its categories as soon as they are
learnt, then the whole model with its learned detector and veto, in place of that first one
only. A retrained model still replaces the current one only if no worse on every evaluation set,
and a first model stored without its detector is never taken for one that has learnt it all."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding import store, training
from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.detector import UrgencyDetector
from powerdesk.servicedesk.understanding.retrain import retrain
from powerdesk.servicedesk.understanding.training import corrections_digest
from tests.servicedesk.model_store import store_in
from tests.servicedesk.test_classifier_learning import small_classifier


def _partial() -> CallClassifier:
    model = small_classifier()
    model.partial = True
    model.learnt_from = corrections_digest([])
    return model


class StagesTests(SimpleTestCase):
    """``train_on_corpus_in_stages`` with the fits stood in for (their order is what is tested)."""

    def test_the_categories_come_before_the_detector_and_the_veto_read_the_same_notes(
        self,
    ) -> None:
        with (
            mock.patch.object(CallClassifier, "train") as train,
            mock.patch.object(UrgencyDetector, "train") as detector,
            mock.patch.object(training, "calm_veto") as veto,
            mock.patch.object(training, "need_label", return_value=(False, False)),
            mock.patch.object(training, "for_model", side_effect=lambda text: "读" + text),
        ):
            stages = training.train_on_corpus_in_stages([("一条更正", "billing")])
            first = next(stages)
            self.assertIs(first, train.return_value)
            self.assertTrue(first.partial)
            self.assertEqual(first.learnt_from, corrections_digest([("一条更正", "billing")]))
            detector.assert_not_called()
            veto.assert_not_called()
            complete = next(stages)
        self.assertIs(complete, first)
        self.assertFalse(complete.partial)
        self.assertIs(complete.detector, detector.return_value)
        self.assertIs(complete.calm_veto, veto.return_value)
        # Every note read once, and the same reading for the model, the detector and the veto.
        read = train.call_args.kwargs["read"]
        self.assertEqual(read, ["读" + text for text, _ in train.call_args.args[0]])
        self.assertEqual(detector.call_args.args[0], read)
        hand_rows, hand_read = veto.call_args.args
        self.assertTrue(hand_rows)
        self.assertEqual(hand_read, ["读" + row["text"] for row in hand_rows])


class FirstStartTests(SimpleTestCase):
    def setUp(self) -> None:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name) / "classifier"
        self.enterContext(store_in(self.folder))
        self.enterContext(mock.patch.object(store, "_corrections_source", None))  # no database
        self.seen: list[Any] = []

    def stages(self, between: Any = None) -> Any:
        def stages(_corrections: Any) -> Iterator[CallClassifier]:
            yield _partial()
            # The categories are stored, for every process, before the rest is trained.
            pointer = store.ModelStore(self.folder).pointer()
            assert pointer is not None
            self.seen.append(store.ModelStore(self.folder).load(pointer))
            if between:
                between()
            complete = small_classifier()
            complete.learnt_from = corrections_digest([])
            yield complete

        return mock.patch.object(store, "train_on_corpus_in_stages", stages)

    def test_the_categories_are_stored_first_then_the_whole_model(self) -> None:
        with self.stages():
            model = store.default_classifier()
        [first] = self.seen
        self.assertTrue(first.partial)
        self.assertIsNone(first.detector)
        self.assertFalse(model.partial)
        published = [e for e in store.current_store().history() if e["event"] == "published"]
        self.assertEqual([e["version"] for e in published], [1, 2])
        self.assertEqual(store.current_store().pointer()["version"], 2)  # type: ignore[index]

    def test_a_model_published_meanwhile_is_not_replaced_by_the_first_one_s_rest(self) -> None:
        retrained = small_classifier(per_category=9)

        def publish_elsewhere() -> None:
            store.ModelStore(self.folder).publish(retrained, reason="retrained meanwhile")

        with self.stages(publish_elsewhere):
            model = store.default_classifier()
        self.assertEqual(store.current_store().pointer()["version"], 2)  # type: ignore[index]
        self.assertEqual(model.trained_on, retrained.trained_on)
        published = [e for e in store.current_store().history() if e["event"] == "published"]
        self.assertEqual([e["reason"] for e in published][-1], "retrained meanwhile")


class _Report:
    """Stands in for an evaluation set's figures (``evaluation.Report``): one score."""

    def __init__(self, score: float) -> None:
        self.score = score

    def no_worse_than(self, other: _Report) -> bool:
        return self.score >= other.score

    def headline(self) -> dict[str, float]:
        return {"accuracy": self.score}


class RetrainAfterPartialTests(SimpleTestCase):
    """The gate itself is measured on every set in ``test_classifier_learning``; here the sets
    are stood in for (three evaluations of every set took 15 minutes on a loaded machine)."""

    def retrained(self, current: CallClassifier, candidate: CallClassifier) -> Any:
        scores = {id(current): 0.9, id(candidate): 0.9 if candidate.trained_on else 0.5}

        def evaluate_all(model: CallClassifier) -> dict[str, _Report]:
            return {"a set": _Report(scores[id(model)])}

        with mock.patch("powerdesk.servicedesk.understanding.retrain.evaluate_all", evaluate_all):
            return retrain(
                [], current=current, store=store.ModelStore(None), train=lambda _: candidate
            )

    def test_a_partial_model_is_retrained_and_still_gated(self) -> None:
        # The worker stopped between the stages: the next retraining, with the same corrections,
        # is not "nothing new" — and its model replaces the partial one only if no worse.
        outcome = self.retrained(_partial(), small_classifier())
        self.assertFalse(outcome.nothing_new)
        self.assertTrue(outcome.replaced)
        worse = small_classifier()
        worse.trained_on = 0  # scored worse by the stand-in
        outcome = self.retrained(_partial(), worse)
        self.assertFalse(outcome.nothing_new)
        self.assertFalse(outcome.replaced)

    def test_a_whole_model_with_the_same_corrections_is_nothing_new(self) -> None:
        current = small_classifier()
        current.learnt_from = corrections_digest([])
        outcome = retrain([], current=current, store=store.ModelStore(None))
        self.assertTrue(outcome.nothing_new)
