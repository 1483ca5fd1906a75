"""The classifier's hot path: the compiled probabilities are scikit-learn's, a note is classified
once, and never while the call's write transaction holds the database."""

from __future__ import annotations

from typing import Any
from unittest import mock

import numpy as np
from django.db import connection
from django.test import SimpleTestCase

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.understanding import store, suggest
from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.evaluation_sets import HELD_OUT
from powerdesk.servicedesk.understanding.fast import compile_predictor
from powerdesk.servicedesk.understanding.notes import APART, read_rows
from tests.base import BaseTestCase
from tests.servicedesk.test_classifier_learning import small_classifier


class CompiledTests(SimpleTestCase):
    def test_the_compiled_probabilities_are_scikit_learns(self) -> None:
        classifier = store.default_classifier()
        texts = [row["text"] for row in read_rows(HELD_OUT) + read_rows(APART)]
        texts += ["", "123456", "停电" * 400, "x"]
        compiled = compile_predictor(classifier.pipeline)
        assert compiled is not None
        expected = classifier.pipeline.predict_proba(texts)
        np.testing.assert_allclose(compiled(texts), expected, rtol=0, atol=1e-12)
        # One note at a time, as intake asks: the path without array calls.
        for text, row in zip(texts[::5], expected[::5], strict=True):
            np.testing.assert_allclose(compiled([text])[0], row, rtol=0, atol=1e-12)

    def test_curves_per_class_and_folds_are_compiled_as_well(self) -> None:
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion, Pipeline
        from sklearn.svm import LinearSVC

        rows = read_rows(HELD_OUT)
        texts, labels = [r["text"] for r in rows], [r["category"] for r in rows]
        probes = [r["text"] for r in read_rows(APART)[:60]] + ["", "停电"]
        for method in ("isotonic", "sigmoid"):
            with self.subTest(method):
                features = FeatureUnion(
                    [
                        ("a", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 2))),
                        ("b", TfidfVectorizer(analyzer="char", sublinear_tf=True, norm=None)),
                    ]
                )
                model = CalibratedClassifierCV(LinearSVC(), method=method, cv=3)
                pipeline = Pipeline([("features", features), ("model", model)])
                pipeline.fit(texts, labels)
                compiled = compile_predictor(pipeline)
                assert compiled is not None
                expected = pipeline.predict_proba(probes)
                np.testing.assert_allclose(compiled(probes), expected, rtol=0, atol=1e-12)
                for text, row in zip(probes[::7], expected[::7], strict=True):
                    np.testing.assert_allclose(compiled([text])[0], row, rtol=0, atol=1e-12)

    def test_a_model_of_another_shape_is_left_to_scikit_learn(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        notes = [("停电了", "fault_repair"), ("电费多少", "billing"), ("谢谢师傅", "praise")] * 4
        pipeline = Pipeline(
            [("features", TfidfVectorizer(analyzer="char")), ("model", LogisticRegression())]
        )
        pipeline.fit([t for t, _ in notes], [c for _, c in notes])
        self.assertIsNone(compile_predictor(pipeline))
        classifier = CallClassifier(pipeline)
        self.assertEqual(classifier.suggest_one("家里停电了").category, "fault_repair")

    def test_a_compiled_form_that_disagrees_is_not_used(self) -> None:
        pipeline = small_classifier().pipeline
        with mock.patch.object(pipeline, "predict_proba", lambda texts: np.zeros((len(texts), 9))):
            self.assertIsNone(compile_predictor(pipeline))


class RememberedTests(SimpleTestCase):
    def setUp(self) -> None:
        self.addCleanup(store.use_store, store.current_store())
        store.use_store(None).publish(small_classifier(), reason="test")

    def test_a_note_is_classified_once_per_model(self) -> None:
        classifier = store.default_classifier()
        with mock.patch.object(
            CallClassifier, "suggest_one", autospec=True, side_effect=CallClassifier.suggest_one
        ) as spy:
            first = suggest.suggestion_for("家里莫得电了")
            self.assertEqual(suggest.suggestion_for("家里莫得电了"), first)
            self.assertEqual(spy.call_count, 1)
            store.current_store().publish(small_classifier(per_category=10), reason="retrained")
            self.assertIsNot(store.default_classifier(), classifier)
            suggest.suggestion_for("家里莫得电了")
            self.assertEqual(spy.call_count, 2)  # a new model answers for itself

    def test_few_notes_are_kept(self) -> None:
        for i in range(suggest.KEPT + 20):
            suggest.suggestion_for(f"停电{i}")
        self.assertLessEqual(len(suggest._kept), suggest.KEPT)


class OutsideTheTransactionTests(BaseTestCase):
    def test_the_call_is_classified_before_its_write_transaction(self) -> None:
        """On SQLite the write transaction holds the one write lock for every process: the
        classifier's milliseconds must not be spent inside it."""
        depth_here = len(connection.atomic_blocks)
        depths: list[int] = []
        original = CallClassifier.suggest_one

        def spy(self: CallClassifier, text: str) -> Any:
            depths.append(len(connection.atomic_blocks))
            return original(self, text)

        with mock.patch.object(CallClassifier, "suggest_one", spy):
            taken = call_take(
                station=self.station_a,
                user=self.clerk,
                caller_number="0878-1234567",
                text="测试事务 哔叭组家里停电了",
            )
        self.assertEqual(taken.call.suggested_category, "fault_repair")
        self.assertEqual(depths, [depth_here])
