"""The classifier learns from the desk: kept with a version, picked up by every process, and
replaced by a retrained one only when that is no worse on both evaluation sets."""

from __future__ import annotations

import tempfile
import threading
import time
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

from powerdesk.servicedesk.calls import call_log
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.understanding import model_store, store
from powerdesk.servicedesk.understanding.classifier import CallClassifier, Suggestion
from powerdesk.servicedesk.understanding.evaluation import EVALUATION_SETS
from powerdesk.servicedesk.understanding.notes import CORPUS, read_rows
from powerdesk.servicedesk.understanding.retrain import retrain
from powerdesk.servicedesk.understanding.training import corrections_digest
from tests.base import BaseTestCase, post_intake
from tests.servicedesk.model_reports import reports_of


def small_classifier(per_category: int = 8, *, scrambled: bool = False) -> CallClassifier:
    """A classifier of a few corpus notes: quick to train; ``scrambled`` learns wrong labels."""
    rows: dict[str, list[dict[str, str]]] = {}
    for row in read_rows(CORPUS):
        rows.setdefault(row["category"], []).append(row)
    chosen = [row for notes in rows.values() for row in notes[:per_category]]
    labels = [row["category"] for row in chosen]
    if scrambled:
        labels = labels[per_category:] + labels[:per_category]
    notes = [(row["text"], label) for row, label in zip(chosen, labels, strict=True)]
    return CallClassifier.train(notes, [row["template"] for row in chosen])


class StoreTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)
        self.addCleanup(store.use_store, store.current_store())

    def test_a_model_published_by_another_process_is_used_without_a_restart(self) -> None:
        store.use_store(self.folder)
        worker = store.ModelStore(self.folder)  # the task worker, as another process sees it
        worker.publish(small_classifier(), reason="first")
        first = store.default_classifier()
        self.assertIs(store.default_classifier(), first)  # loaded once, not on every use
        worker.publish(small_classifier(per_category=12), reason="retrained")
        second = store.default_classifier()
        self.assertIsNot(second, first)
        self.assertEqual(second.trained_on, 9 * 12)
        self.assertEqual([e["version"] for e in worker.history()], [1, 2])

    def test_a_first_start_waits_for_the_process_training_rather_than_training_again(
        self,
    ) -> None:
        store.use_store(self.folder)
        other = store.ModelStore(self.folder)  # another web worker, training the first model
        model = small_classifier()
        training = threading.Event()

        def train_elsewhere() -> None:
            with other.training():
                training.set()
                time.sleep(0.5)
                other.publish(model, reason="first use")

        thread = threading.Thread(target=train_elsewhere)
        thread.start()
        self.assertTrue(training.wait(10))
        with (
            mock.patch.object(store, "train_on_corpus", side_effect=AssertionError("twice")),
            mock.patch.object(
                store, "train_on_corpus_in_stages", side_effect=AssertionError("twice")
            ),
        ):
            loaded = store.default_classifier()
        thread.join()
        self.assertEqual(loaded.trained_on, model.trained_on)
        self.assertEqual([e["version"] for e in other.history()], [1])

    def test_a_model_of_another_corpus_is_not_used(self) -> None:
        worker = store.ModelStore(self.folder)
        worker.publish(small_classifier(), reason="first")
        with mock.patch.object(model_store, "corpus_fingerprint", return_value="another corpus"):
            self.assertIsNone(store.ModelStore(self.folder).pointer())

    def test_versions_are_kept_few_and_numbered_on(self) -> None:
        worker = store.ModelStore(self.folder)
        model = small_classifier()
        versions = [worker.publish(model, reason=str(i)) for i in range(5)]
        self.assertEqual(versions, [1, 2, 3, 4, 5])
        self.assertEqual(len(list(self.folder.glob("model-*.pickle"))), model_store.KEEP_VERSIONS)
        self.assertEqual(worker.pointer()["version"], 5)  # type: ignore[index]


class RetrainTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.store = store.ModelStore(Path(folder.name))
        self.current = store.default_classifier()
        # The session's model is measured on every evaluation set once, not twice in each test.
        measured = mock.patch(
            "powerdesk.servicedesk.understanding.retrain.evaluate_all", side_effect=reports_of
        )
        measured.start()
        self.addCleanup(measured.stop)

    # retrain() with corrections given, models kept in a folder: no query.
    @pytest.mark.database_free
    def test_a_worse_model_does_not_replace_the_current_one(self) -> None:
        outcome = retrain(
            [("家里停电了", "complaint")],
            current=self.current,
            store=self.store,
            train=lambda _: small_classifier(scrambled=True),
        )
        self.assertFalse(outcome.replaced)
        self.assertIsNone(self.store.pointer())
        self.assertEqual(self.store.history()[-1]["event"], "kept the current model")

    # retrain() with corrections given, models kept in a folder: no query.
    @pytest.mark.database_free
    def test_a_model_no_worse_on_both_sets_replaces_it(self) -> None:
        outcome = retrain(
            [("家里停电了", "fault_repair")],
            current=self.current,
            store=self.store,
            train=lambda _: self.current,
        )
        self.assertTrue(outcome.replaced)
        self.assertFalse(outcome.nothing_new)
        # Every evaluation set there is; the sets retired into training are not among them.
        self.assertEqual(
            set(outcome.after),
            {name for name, path in EVALUATION_SETS.items() if path.exists()},
        )
        self.assertTrue({"held-out (project)", "a fifth hand (apart)"} <= set(outcome.after))
        self.assertFalse({"written apart", "another hand (apart)"} & set(outcome.after))
        self.assertEqual(self.store.pointer()["version"], outcome.version)  # type: ignore[index]

    def test_the_command_learns_staff_corrections(self) -> None:
        call_log(station=self.station_a, user=self.clerk, text="家里停电了", category="complaint")
        out = StringIO()
        with mock.patch(
            "powerdesk.servicedesk.understanding.retrain.train_on_corpus",
            return_value=self.current,
        ) as train:
            call_command("retrain_classifier", stdout=out)
        self.assertEqual(train.call_args.args[0], [("家里停电了", "complaint")])
        self.assertIn("corrections learnt: 1", out.getvalue())
        self.assertIn("held-out (project): accuracy", out.getvalue())


UNSURE = Suggestion(
    "complaint", False, 0.45, alternative="fault_repair", alternative_confidence=0.4
)


class UnsureClassifier:
    """Stands in for a classifier torn between a complaint and a fault."""

    def suggest(self, texts: list[str]) -> list[Suggestion]:
        return [UNSURE for _ in texts]

    def suggest_one(self, text: str) -> Suggestion:
        return UNSURE


class AskingTests(BaseTestCase):
    """When the classifier is unsure, intake shows its two categories and the clerk chooses."""

    def setUp(self) -> None:
        super().setUp()
        self.login(self.clerk)
        self.addCleanup(store.use_store, store.current_store())
        store.use_store(None).publish(UnsureClassifier(), reason="unsure")  # type: ignore[arg-type]

    def test_the_suggestion_offers_both_categories(self) -> None:
        response = self.client.post(reverse("servicedesk:suggest"), {"text": "停了三天了"})
        self.assertContains(response, 'data-testid="ask-category"')
        self.assertContains(response, 'class="choose-category" data-category="complaint"')
        self.assertContains(response, 'class="choose-category" data-category="fault_repair"')

    def test_saving_as_suggested_when_unsure_asks_for_a_category(self) -> None:
        response = post_intake(self.client, {"text": "停了三天了"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-testid="category-errors"')
        self.assertContains(response, 'data-category="fault_repair"')
        self.assertFalse(Call.objects.exists())

    def test_the_clerks_choice_is_saved(self) -> None:
        post_intake(
            self.client,
            {"text": "停了三天了", "category": "fault_repair", "village": str(self.village.pk)},
        )
        call = Call.objects.get()
        self.assertEqual((call.category, call.suggested_category), ("fault_repair", "complaint"))
        self.assertEqual(WorkOrder.objects.get().category, "fault_repair")


class SureTests(BaseTestCase):
    def test_a_sure_suggestion_is_saved_as_suggested(self) -> None:
        self.login(self.clerk)
        post_intake(
            self.client, {"text": "家里停电了，邻居家也没电", "village": str(self.village.pk)}
        )
        self.assertEqual(Call.objects.get().category, "fault_repair")


class JunkAtIntakeTests(BaseTestCase):
    def test_a_test_call_is_logged_without_a_category_or_an_order(self) -> None:
        self.login(self.clerk)
        self.assertContains(
            self.client.post(reverse("servicedesk:suggest"), {"text": "测试号码"}),
            'data-category="other"',
        )
        post_intake(self.client, {"text": "测试号码"})
        call = Call.objects.get()
        self.assertEqual(
            (call.category, call.suggested_category, call.urgent), ("", "other", False)
        )
        self.assertFalse(WorkOrder.objects.exists())


class NothingNewTests(BaseTestCase):
    """The worker's first scheduled retraining comes right after the first start trained a model
    on the same corrections: it trains nothing."""

    def setUp(self) -> None:
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.store = store.ModelStore(Path(folder.name))
        self.current = store.default_classifier()

    def test_a_model_trained_on_these_corrections_is_not_trained_again(self) -> None:
        trained: list[object] = []
        learnt = [("家里停电了", "fault_repair"), ("电费多扣了", "billing")]
        current = mock.Mock(learnt_from=corrections_digest(list(reversed(learnt))), partial=False)
        outcome = retrain(
            learnt, current=current, store=self.store, train=lambda c: trained.append(c)
        )
        self.assertTrue(outcome.nothing_new)
        self.assertFalse(outcome.replaced)
        self.assertEqual(trained, [])
        self.assertIsNone(self.store.pointer())

    def test_the_shipped_model_knows_it_learnt_no_correction(self) -> None:
        self.assertEqual(self.current.learnt_from, corrections_digest([]))
        out = StringIO()
        with mock.patch(
            "powerdesk.servicedesk.learning.default_classifier", return_value=self.current
        ):
            call_command("retrain_classifier", stdout=out)
        self.assertIn("nothing new", out.getvalue())
