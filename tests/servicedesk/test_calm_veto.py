"""The model side of urgency (twenty-second round). The learned veto of the rules' urgent
(``calm_veto``): a calm look-alike the model is very sure of is calm and asked about; a danger or
a medical need told as here and now is never lowered, however sure the model; the clerk's
unticked box stands for a note the veto calmed. The detector, very sure, is heard over the rules'
reading of a danger as only asked about (``detector.HEARD_OVER_CONTEXT``), never over thanks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from unittest import mock

import numpy as np
from django.test import SimpleTestCase

from powerdesk.servicedesk.calls import call_log
from powerdesk.servicedesk.understanding import calm_veto
from powerdesk.servicedesk.understanding.calibration import hashed_folds
from powerdesk.servicedesk.understanding.calm_veto import FOLDS, MARGIN, CalmVeto, has_context
from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.detector import HEARD_OVER_CONTEXT
from powerdesk.servicedesk.understanding.features import for_model
from powerdesk.servicedesk.understanding.urgency import findings
from tests.base import BaseTestCase
from tests.servicedesk.test_classifier_learning import small_classifier

# A question about a line in general, which the rules hear as a line within reach now.
LOOK_ALIKE = "想问问钓鱼竿碰到高压线会怎么样"
# Dangers and a need told as here and now, with no word of context.
PLAIN = ["电线断了掉在地上，还在冒火花", "变压器着火了，快来", "家里老人用制氧机，停电了"]


class _Sure(CalmVeto):
    """A veto sure of every note it is asked about (or of none)."""

    def __init__(self, calm: bool = True) -> None:
        super().__init__(None, None, 0.9, {})
        self.calm = calm
        self.asked: list[str] = []

    def lowers(self, texts: Sequence[str]) -> list[bool]:
        self.asked += list(texts)
        return [self.calm for _ in texts]


_classifier: CallClassifier | None = None


def classifier_with(veto: CalmVeto | None) -> CallClassifier:
    global _classifier
    if _classifier is None:
        _classifier = small_classifier()
    _classifier.calm_veto = veto
    return _classifier


class VetoInSuggestionTests(SimpleTestCase):
    def test_the_rules_hear_the_look_alike_as_a_danger(self) -> None:
        self.assertTrue(findings(LOOK_ALIKE).urgent)
        self.assertTrue(has_context(findings(LOOK_ALIKE), for_model(LOOK_ALIKE)))

    def test_a_calm_look_alike_the_veto_is_sure_of_is_calm_and_the_clerk_asked(self) -> None:
        suggestion = classifier_with(_Sure()).suggest_one(LOOK_ALIKE)
        self.assertFalse(suggestion.urgent)
        self.assertTrue(suggestion.calmed)
        self.assertFalse(suggestion.by_rule)
        # The clerk is asked to check with the caller.
        self.assertTrue(suggestion.as_dict()["check_safety"])

    def test_a_veto_not_sure_leaves_the_rules_urgent(self) -> None:
        suggestion = classifier_with(_Sure(calm=False)).suggest_one(LOOK_ALIKE)
        self.assertTrue(suggestion.urgent)
        self.assertTrue(suggestion.by_rule)
        self.assertFalse(suggestion.calmed)

    def test_a_danger_or_need_told_as_here_and_now_is_never_lowered(self) -> None:
        veto = _Sure()
        for text in PLAIN:
            with self.subTest(text):
                self.assertFalse(has_context(findings(text), for_model(text)))
                suggestion = classifier_with(veto).suggest_one(text)
                self.assertTrue(suggestion.urgent)
                self.assertTrue(suggestion.by_rule)
                self.assertFalse(suggestion.calmed)
        # …not even asked about.
        self.assertEqual(veto.asked, [])

    def test_a_model_without_a_veto_reads_as_before(self) -> None:
        suggestion = classifier_with(None).suggest_one(LOOK_ALIKE)
        self.assertTrue(suggestion.urgent)
        self.assertFalse(suggestion.calmed)


class FitTests(SimpleTestCase):
    def test_the_threshold_is_above_every_urgent_note_left_out(self) -> None:
        calm = [f"谢谢你们上次{i}号那根断线处理得快" for i in range(20)]
        urgent = [f"{i}组电线断了掉在路上，怎么办" for i in range(20)]
        texts = calm + urgent
        hands = [f"hand{i % 6}" for i in range(len(texts))]
        veto = CalmVeto.fit(texts, [True] * 20 + [False] * 20, hands, [True] * 40)
        assert veto is not None
        self.assertGreaterEqual(veto.threshold, 0.5)
        probabilities = veto.probabilities(urgent)
        # Fitted on them all, it is surer of the urgent ones than out of fold: none lowered.
        self.assertTrue(all(p < veto.threshold for p in probabilities))
        self.assertEqual(veto.cross_validation["urgent"], 20)
        self.assertGreater(MARGIN, 0)

    def test_the_folds_hold_out_each_hand_where_its_name_puts_it_whatever_the_others(self) -> None:
        # A change of the rules moves notes in and out of the veto's training, never which hands
        # are held out together (dealt by size, 15 calm notes fewer of 7,152 gave all 67 hands
        # other fold-mates and moved the threshold; thirty-eighth round); nor does a hand added
        # (dealt by name in turn, hand69 moved hand7-hand9 and "third"; forty-sixth round).
        def held_out_together(counts: dict[str, int]) -> list[set[str]]:
            hands = [hand for hand, n in counts.items() for _ in range(n)]
            texts = [f"{hand}那根电线{i}号断了" for i, hand in enumerate(hands)]
            calm = [i % 3 == 0 for i in range(len(hands))]
            seen: list[set[str]] = []
            real = calm_veto._fit

            def fit(fitted: list[str], y: Any, w: Any) -> Any:
                fitted_hands = {text[: text.index("那")] for text in fitted}
                seen.append(set(counts) - fitted_hands)
                return real(fitted, y, w)

            with mock.patch.object(calm_veto, "_fit", side_effect=fit):
                CalmVeto.fit(texts, calm, hands, [True] * len(hands))
            return seen[:-1]  # (the last fit is on every note)

        names = [f"hand{i}" for i in range(12)]
        before = held_out_together({name: 6 + 3 * i for i, name in enumerate(names)})
        after = held_out_together(
            {name: 6 + 3 * i - (5 if i == 7 else 0) for i, name in enumerate(names)}
        )
        self.assertEqual(before, after)
        by_name = hashed_folds(names, folds=FOLDS)
        self.assertEqual(
            before,
            [{n for n in names if by_name[n] == k} for k in sorted(set(by_name.values()))],
        )
        # A hand added (sorted among the others: "hand10", "hand11" after "hand1") is held out
        # in its own fold and every other hand with the fold-mates it had.
        added = held_out_together({**{name: 9 for name in names}, "hand1a": 9})
        self.assertEqual([fold - {"hand1a"} for fold in added if fold != {"hand1a"}], before)
        self.assertEqual(sum("hand1a" in fold for fold in added), 1)

    def test_a_hands_fold_is_its_names_alone(self) -> None:
        names = ["hand1", "hand7", "hand8", "hand9", "third", "hand64", "apart"]
        before = hashed_folds(names, folds=FOLDS)
        after = hashed_folds(["hand69", *reversed(names), "hand70"], folds=FOLDS)
        self.assertEqual({name: after[name] for name in names}, before)
        self.assertLessEqual(set(after.values()), set(range(FOLDS)))

    def test_too_few_hands_or_one_label_learn_nothing(self) -> None:
        texts = ["电线断了"] * 10
        self.assertIsNone(CalmVeto.fit(texts, [True, False] * 5, ["a", "b"] * 5, [True] * 10))
        hands = [f"h{i}" for i in range(10)]
        self.assertIsNone(CalmVeto.fit(texts, [True] * 10, hands, [True] * 10))


class CallLoggedTests(BaseTestCase):
    def _log(self, text: str, veto: CalmVeto, urgent: bool | None) -> Any:
        classifier = classifier_with(veto)
        with mock.patch(
            "powerdesk.servicedesk.calls.suggestion_for", side_effect=classifier.suggest_one
        ):
            return call_log(
                station=self.station_a, user=self.clerk, text=text, category="", urgent=urgent
            )

    def test_the_clerks_unticked_box_stands_for_a_note_the_veto_calmed(self) -> None:
        call = self._log(LOOK_ALIKE, _Sure(), urgent=False)
        self.assertFalse(call.urgent)

    def test_a_danger_told_as_here_and_now_stays_urgent_whatever_the_box(self) -> None:
        call = self._log(PLAIN[0], _Sure(), urgent=False)
        self.assertTrue(call.urgent)

    def test_the_rules_urgent_stands_when_the_veto_is_not_sure(self) -> None:
        call = self._log(LOOK_ALIKE, _Sure(calm=False), urgent=False)
        self.assertTrue(call.urgent)


class _Detector:
    """A detector as sure as told of every note."""

    threshold = 0.3

    def __init__(self, probability: float) -> None:
        self.probability = probability

    def probabilities(self, texts: Sequence[str]) -> Any:
        return np.full(len(texts), self.probability)


# A danger asked about: the rules read it as only a question.
ASKED = "牛拴在电线杆的拉线上一直叫，往后退，是不是带电了"
THANKS = "谢谢你们，上次那根断线处理得快"


class DetectorOverContextTests(SimpleTestCase):
    def setUp(self) -> None:
        self.classifier = classifier_with(None)
        self.addCleanup(setattr, self.classifier, "detector", self.classifier.detector)

    def suggest(self, text: str, probability: float) -> Any:
        self.classifier.detector = _Detector(probability)  # type: ignore[assignment]
        return self.classifier.suggest_one(text)

    def test_the_rules_read_the_danger_as_only_asked_about(self) -> None:
        self.assertFalse(findings(ASKED).urgent)
        self.assertTrue(findings(ASKED).spoken_of)

    def test_a_very_sure_detector_is_heard_over_that_reading(self) -> None:
        suggestion = self.suggest(ASKED, HEARD_OVER_CONTEXT)
        self.assertTrue(suggestion.urgent)
        self.assertTrue(suggestion.learned)

    def test_a_detector_less_sure_is_not(self) -> None:
        suggestion = self.suggest(ASKED, 0.9)
        self.assertFalse(suggestion.urgent)
        self.assertFalse(suggestion.learned)

    def test_never_over_thanks(self) -> None:
        suggestion = self.suggest(THANKS, 0.999)
        self.assertFalse(suggestion.urgent)
        self.assertFalse(suggestion.learned)

    def test_never_over_the_learned_vetos_calm_reading(self) -> None:
        self.classifier.calm_veto = _Sure()
        self.addCleanup(setattr, self.classifier, "calm_veto", None)
        suggestion = self.suggest(LOOK_ALIKE, 0.999)
        self.assertFalse(suggestion.urgent)
        self.assertTrue(suggestion.calmed)
