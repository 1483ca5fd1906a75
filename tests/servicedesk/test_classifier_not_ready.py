"""The first start, before any call classifier is stored: the web process never trains one nor
waits for one. Calls are taken (the clerk chooses the category, the rules say what is urgent)
while the task worker trains it, and the model it publishes is read without a restart."""

from __future__ import annotations

import threading
from typing import Any
from unittest import mock

from django.urls import reverse

from powerdesk.ops import warmup
from powerdesk.servicedesk.models import Call, CategoryCorrection
from powerdesk.servicedesk.understanding import store, suggest
from tests.base import BaseTestCase, post_intake
from tests.servicedesk.model_store import no_model_stored
from tests.servicedesk.test_classifier_learning import small_classifier

NUMBER = "0878-1234567"
HAZARD_NOTE = "村口电线掉在路上了，还在冒火花"


class FirstStartTests(BaseTestCase):
    """A station's data folder with no classifier in it, as on a fresh checkout."""

    def setUp(self) -> None:
        super().setUp()
        self.folder = self.enterContext(no_model_stored())

    def intake(self, **data: str) -> Any:
        return post_intake(self.client, {"caller_number": NUMBER, "action": "", **data})

    def test_a_call_is_taken_with_its_category_chosen_by_hand_and_urgency_by_the_rules(
        self,
    ) -> None:
        self.login(self.clerk)
        shown = self.client.post(
            reverse("servicedesk:suggest"), {"text": HAZARD_NOTE, "caller_number": NUMBER}
        )
        self.assertContains(shown, 'data-testid="no-suggestion"')
        self.assertContains(shown, 'data-testid="urgent-by-rule"')  # the rules heard the line
        # A note the rules make nothing of, saved with no category: the clerk is asked for one.
        response = self.intake(text="想问一下这个月为什么电费多了")
        self.assertContains(response, 'data-testid="category-errors"')
        # "No category is suggested yet" is said once, above the field; the error at the
        # field only asks for the category (walkthrough 28, finding 6).
        self.assertContains(response, "暂无建议类别", count=1)
        self.assertFalse(Call.objects.exists())
        self.intake(text=HAZARD_NOTE, category="hazard")
        call = Call.objects.get()
        self.assertEqual(call.category, "hazard")
        self.assertTrue(call.urgent)
        self.assertEqual(call.suggested_category, "")
        self.assertIsNone(call.suggestion_confidence)
        # Nothing was suggested, so nothing was corrected: no lesson for the next training.
        self.assertFalse(CategoryCorrection.objects.exists())

    def test_the_warm_up_does_not_train_and_reads_a_stored_model(self) -> None:
        with mock.patch.object(warmup, "_load_addresses"):
            warmup.warm_up()
        self.assertIsNone(store.ready_classifier())
        store.ModelStore(self.folder).publish(small_classifier(), reason="the task worker's")
        with mock.patch.object(warmup, "_load_addresses"):
            warmup.warm_up()
        self.assertIsNotNone(store.ready_classifier())  # read before the first request

    def test_a_model_stored_later_is_read_before_anyone_asks_for_a_suggestion(self) -> None:
        # The web process watches the store after its warm-up: the first clerk after the worker
        # has trained is not told the classifier is still being prepared.
        stop = threading.Event()
        watching = threading.Thread(target=warmup.watch_classifier, args=(0.05, stop))
        watching.start()
        self.addCleanup(watching.join, 30)
        self.addCleanup(stop.set)
        self.assertIsNone(store.ready_classifier())
        store.ModelStore(self.folder).publish(small_classifier(), reason="the task worker's")
        for _ in range(600):  # up to 30 s on a loaded machine; no request is made meanwhile
            if store._loaded is not None:
                break
            stop.wait(0.05)
        self.assertIsNotNone(store._loaded)
        self.assertFalse(suggest.suggestion_for("家里停电了").by_hand)

    def test_a_model_the_task_worker_publishes_is_used_without_a_restart(self) -> None:
        self.assertTrue(suggest.suggestion_for("家里停电了").by_hand)
        held = threading.Event()
        load = store.ModelStore.load

        def slow_load(this: store.ModelStore, pointer: dict[str, Any]) -> Any:
            held.wait(30)
            return load(this, pointer)

        store.ModelStore(self.folder).publish(small_classifier(), reason="the task worker's")
        with mock.patch.object(store.ModelStore, "load", slow_load):
            # While the model is being read, callers are answered by the rules, not kept waiting.
            self.assertTrue(suggest.suggestion_for("家里停电了").by_hand)
            loading = store.classifier_loading()
            assert loading is not None
            self.assertTrue(loading.is_alive())
            held.set()
            loading.join(30)
        suggestion = suggest.suggestion_for("家里停电了")
        self.assertFalse(suggestion.by_hand)
        self.assertTrue(suggestion.category)

    def test_the_intake_page_says_suggestions_are_being_prepared_and_picks_the_model_up(
        self,
    ) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:intake"))
        # Before a note is typed, the page says why no category will be suggested, and asks
        # again by itself (every 15 s) rather than waiting for a reload.
        self.assertContains(page, 'data-testid="classifier-preparing"')
        self.assertContains(page, 'hx-trigger="every 15s"')
        asked = {"text": "", "caller_number": NUMBER, "waiting": "1"}
        # Still none read: nothing to redraw (204: htmx swaps nothing, the notice stays).
        self.assertEqual(self.client.post(reverse("servicedesk:suggest"), asked).status_code, 204)
        typed = self.client.post(
            reverse("servicedesk:suggest"),
            {"text": "家里停电了", "caller_number": NUMBER, "waiting": "1"},
        )
        self.assertEqual(typed.status_code, 204)
        shown = self.client.post(
            reverse("servicedesk:suggest"), {"text": "家里停电了", "caller_number": NUMBER}
        )
        self.assertContains(shown, 'data-testid="no-suggestion"')
        self.assertContains(shown, 'hx-trigger="every 15s"')  # the line asks again too
        store.ModelStore(self.folder).publish(small_classifier(), reason="the task worker's")
        loading = store.classifier_loading()
        assert loading is not None
        loading.join(30)
        # The next ask draws the model's suggestion, and the notice is gone: no reload.
        picked = self.client.post(
            reverse("servicedesk:suggest"),
            {"text": "家里停电了", "caller_number": NUMBER, "waiting": "1"},
        )
        self.assertEqual(picked.status_code, 200)
        self.assertNotContains(picked, 'data-testid="no-suggestion"')
        self.assertNotContains(picked, "every 15s")
        self.assertContains(picked, 'data-testid="suggested-confidence"')
        empty = self.client.post(reverse("servicedesk:suggest"), asked)
        self.assertEqual(empty.status_code, 200)
        self.assertNotContains(empty, "classifier-preparing")
        self.assertNotContains(
            self.client.get(reverse("servicedesk:intake")), "classifier-preparing"
        )
