"""The learned detector of danger and medical need: its threshold chosen out of fold, the rules'
vetoes, its place beside the rules in a suggestion, and its keeping with the classifier."""

from __future__ import annotations

import dataclasses
import pickle
import tempfile
from pathlib import Path
from unittest import mock

import numpy as np
from django.test import SimpleTestCase, TestCase

from powerdesk.servicedesk.understanding import classifier as classifier_module
from powerdesk.servicedesk.understanding import store
from powerdesk.servicedesk.understanding.detector import (
    FALSE_URGENT_BUDGET,
    UrgencyDetector,
    choose_threshold,
    vetoed,
)
from powerdesk.servicedesk.understanding.notes import CORPUS, read_rows
from powerdesk.servicedesk.understanding.training import need_label
from powerdesk.servicedesk.understanding.urgency import Findings, findings
from tests.servicedesk.test_classifier_learning import small_classifier

# A danger the rules have no words for (a transformer losing its oil), said many ways: what the
# detector is for. Our own notes.
OIL = [
    "台区变压器在漏油，滴了一地",
    "变压器漏油漏得厉害，油都流到路上了",
    "配变往下滴油，底下黑了一大片",
    "那台变压器的油一直在往外渗，地上全是油",
    "变压器外壳裂了，油在往下淌",
    "杆上的变压器漏油，油滴到下面的草堆上",
    "变压器下面一摊油，还在滴",
    "油从变压器的缝里冒出来，一直流",
    "变压器漏油了，闻到好大的油味",
    "公路边那台变压器在滴油",
    "变压器的油漏光了，响得很",
    "村口变压器漏油，娃娃在旁边玩",
]


def oil_detector() -> tuple[UrgencyDetector, list[str]]:
    calm = [row["text"] for row in read_rows(CORPUS)[::40]]
    texts = OIL + calm
    needs = [True] * len(OIL) + [False] * len(calm)
    groups = [f"g{i % 7}" for i in range(len(texts))]
    return UrgencyDetector.train(texts, needs, groups), calm


class ThresholdTests(SimpleTestCase):
    def test_the_lowest_threshold_within_the_budget_of_false_alarms_is_chosen(self) -> None:
        calm = np.array([0.05] * 97 + [0.32, 0.42, 0.52])
        needs = np.array([0.33, 0.45, 0.7, 0.9])
        probabilities = np.concatenate([needs, calm])
        is_need = np.array([True] * 4 + [False] * 100)
        threshold, figures = choose_threshold(probabilities, is_need, ~is_need)
        # 0.35 raises 2 calm notes in 100, within 2 %; 0.3 would raise 3.
        self.assertEqual(FALSE_URGENT_BUDGET, 0.02)
        self.assertEqual(threshold, 0.35)
        self.assertEqual(figures["need_recall"], 0.75)
        self.assertEqual(figures["false_urgent"], 0.02)

    def test_the_threshold_is_chosen_on_notes_left_out_of_the_fit(self) -> None:
        detector, _ = oil_detector()
        self.assertIn(detector.threshold, [round(0.05 * i, 2) for i in range(2, 19)])
        self.assertLessEqual(detector.cross_validation["false_urgent"], FALSE_URGENT_BUDGET)
        self.assertEqual(detector.cross_validation["needs"], len(OIL))

    def test_notes_of_one_kind_only_are_refused(self) -> None:
        with self.assertRaises(ValueError):
            UrgencyDetector.train(["停电了"] * 10, [False] * 10, [str(i) for i in range(10)])


class VetoTests(SimpleTestCase):
    def test_the_rules_reading_of_context_vetoes_the_detector(self) -> None:
        self.assertTrue(vetoed(Findings(junk=True)))
        self.assertTrue(vetoed(Findings(in_thanks=True)))
        self.assertTrue(vetoed(Findings(spoken_of=("smoke",))))
        self.assertTrue(vetoed(findings("没看到打火，也没冒烟"), "fault_repair"))
        self.assertTrue(vetoed(findings("变压器漏油"), "praise"))
        self.assertTrue(vetoed(findings("变压器漏油"), "suggestion"))
        self.assertFalse(vetoed(findings("变压器漏油"), "fault_repair"))
        self.assertFalse(vetoed(Findings(dangers=("smoke",), spoken_of=("fire",))))


class SuggestionTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.detector, cls.calm = oil_detector()
        cls.classifier = small_classifier()

    def with_threshold(self, threshold: float) -> None:
        self.classifier.detector = dataclasses.replace(self.detector, threshold=threshold)

    def test_the_detector_raises_a_danger_the_rules_do_not_know(self) -> None:
        # (The rules know a transformer leaking oil; a pole-mounted "配变" said so they do not.)
        note = "我们组那台配变漏油，地上一大摊"
        self.assertEqual(findings(note).dangers, ())
        self.classifier.detector = None
        self.assertFalse(self.classifier.suggest_one(note).urgent)
        # Between the notes it was taught as calm and the danger.
        calm = float(self.detector.probabilities(self.calm).max())
        need = float(self.detector.probabilities([note])[0])
        self.assertGreater(need, calm)
        self.with_threshold((need + calm) / 2)
        suggestion = self.classifier.suggest_one(note)
        if suggestion.category in ("praise", "suggestion"):
            self.skipTest("the small model took the note for thanks or an idea")
        # A guess: the clerk is asked to check with the caller; not urgent by itself unless the
        # detector is very sure.
        with mock.patch.object(classifier_module, "URGENT_AT", need + 0.01):
            suggestion = self.classifier.suggest_one(note)
        self.assertTrue(suggestion.learned)
        self.assertFalse(suggestion.urgent)
        self.assertFalse(suggestion.by_rule)
        self.assertTrue(suggestion.as_dict()["check_safety"])
        # Very sure: urgent meanwhile, still to be asked about, and the clerk may clear it.
        with mock.patch.object(classifier_module, "URGENT_AT", need - 0.001):
            sure = self.classifier.suggest_one(note)
        self.assertTrue(sure.urgent)
        self.assertTrue(sure.learned)
        self.assertFalse(sure.by_rule)
        self.assertTrue(sure.as_dict()["check_safety"])

    def test_a_need_it_is_fairly_sure_of_is_urgent(self) -> None:
        # Out of fold, 0.6 made 8 more dangers and needs of 2,597 urgent than 0.8 did, for 20
        # more calm notes of 10,864 (DATA_CARD.md, "Twenty-fifth round"): a call it puts at 0.65
        # is urgent meanwhile, and still to be asked about.
        note = "我们组那台配变漏油，地上一大摊"
        self.with_threshold(0.3)
        with mock.patch.object(UrgencyDetector, "probabilities", return_value=[0.65]):
            suggestion = self.classifier.suggest_one(note)
        if suggestion.category in ("praise", "suggestion"):
            self.skipTest("the small model took the note for thanks or an idea")
        self.assertTrue(suggestion.learned)
        self.assertTrue(suggestion.urgent)
        self.assertFalse(suggestion.by_rule)
        with mock.patch.object(UrgencyDetector, "probabilities", return_value=[0.55]):
            self.assertFalse(self.classifier.suggest_one(note).urgent)

    def test_thanks_and_denial_veto_it(self) -> None:
        self.with_threshold(0.0)  # the detector would raise every note, and make it urgent
        self.enterContext(mock.patch.object(classifier_module, "URGENT_AT", 0.0))
        for note in (
            "上次变压器漏油，你们第二天就换了新的，谢谢",
            "变压器没有漏油，也没打火，就是停电了",
            "测试号码",
        ):
            with self.subTest(note):
                suggestion = self.classifier.suggest_one(note)
                self.assertFalse(suggestion.urgent)
                self.assertFalse(suggestion.learned)

    def test_it_does_not_lower_what_the_rules_raise(self) -> None:
        self.with_threshold(1.01)  # the detector would raise no note
        suggestion = self.classifier.suggest_one("电线断了掉在路上")
        self.assertTrue(suggestion.urgent)
        self.assertFalse(suggestion.learned)


class TrainingLabelTests(SimpleTestCase):
    def test_a_writers_need_decides_else_the_category_and_the_rules(self) -> None:
        self.assertEqual(need_label({"text": "停电了", "category": "fault_repair"}), (False, False))
        self.assertEqual(
            need_label({"text": "家里停电了", "category": "fault_repair", "need": "medical"}),
            (True, False),
        )
        self.assertTrue(need_label({"text": "电线掉在地上", "category": "complaint"})[0])
        self.assertTrue(need_label({"text": "变压器漏油", "category": "hazard"})[0])
        # Thanks for a danger dealt with is no need, and the rules veto it.
        self.assertEqual(
            need_label({"text": "上次电杆倒了，你们来修好了，谢谢", "category": "praise"}),
            (False, True),
        )


class KeptWithTheClassifierTests(TestCase):
    def test_the_shipped_classifier_has_a_detector_chosen_out_of_fold(self) -> None:
        detector = store.default_classifier().detector
        assert detector is not None
        self.assertLessEqual(detector.cross_validation["false_urgent"], FALSE_URGENT_BUDGET)
        self.assertGreaterEqual(detector.cross_validation["need_recall"], 0.9)

    def test_a_published_model_is_loaded_with_its_detector(self) -> None:
        classifier = small_classifier()
        classifier.detector, _ = oil_detector()
        with tempfile.TemporaryDirectory() as folder:
            kept = store.ModelStore(Path(folder))
            kept.publish(classifier, reason="test")
            pointer = kept.pointer()
            assert pointer is not None
            loaded = kept.load(pointer)
        assert loaded.detector is not None
        self.assertEqual(loaded.detector.threshold, classifier.detector.threshold)
        np.testing.assert_allclose(
            loaded.detector.probabilities(OIL), classifier.detector.probabilities(OIL)
        )
        self.assertEqual(
            pickle.loads(pickle.dumps(loaded)).detector.threshold, loaded.detector.threshold
        )


class CompiledDetectorTests(SimpleTestCase):
    def test_the_compiled_probabilities_are_scikit_learns(self) -> None:
        detector, calm = oil_detector()
        texts = OIL + calm + ["", "x", "停电" * 300]
        np.testing.assert_allclose(
            detector.probabilities(texts), detector._sklearn(texts), rtol=0, atol=1e-12
        )
        self.assertIsNotNone(detector.__dict__.get("_fast"))
        # The compiled form is not pickled; it is made again where the detector is loaded.
        self.assertNotIn("_fast", pickle.loads(pickle.dumps(detector)).__dict__)
