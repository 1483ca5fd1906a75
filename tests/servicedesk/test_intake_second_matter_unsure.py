"""A note that tells the power off beside another errand, when the classifier cannot tell the two
apart (walk64, M4: "电费扣多了，灯也不亮", fault repair 61 %, billing 38 %): the page offers, before
saving, to keep the errand with a fault repair order too, as it does when the errand is sure."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.understanding import store
from powerdesk.servicedesk.understanding.classifier import Suggestion
from tests.base import BaseTestCase, post_intake
from tests.servicedesk.test_intake_second_matter import MIXED, NUMBER

UNSURE = Suggestion(
    "fault_repair", False, 0.61, alternative="billing", alternative_confidence=0.381
)


class UnsureClassifier:
    """The walk's model: fault repair or billing, unsure."""

    def suggest(self, texts: list[str]) -> list[Suggestion]:
        return [UNSURE for _ in texts]

    def suggest_one(self, text: str) -> Suggestion:
        return UNSURE


class UnsureSecondMatterTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(store.use_store, store.current_store())
        store.use_store(None).publish(UnsureClassifier(), reason="unsure")  # type: ignore[arg-type]
        self.login(self.clerk)

    def suggest(self, text: str) -> str:
        response = self.client.post(
            reverse("servicedesk:suggest"), {"text": text, "caller_number": NUMBER}
        )
        return str(response.content.decode())

    def test_both_matters_are_offered_before_saving(self) -> None:
        html = self.suggest(MIXED)
        self.assertIn('data-testid="ask-category"', html)  # the two to choose from, still
        block = html.split('data-testid="power-off-too"')[1]
        self.assertIn('data-category="fault_repair" data-testid="take-as-fault"', block)
        keep = block.split('data-testid="keep-and-fault"')[0].rsplit("<button", 1)[1]
        self.assertIn('data-category="billing"', keep)  # the errand kept is named
        self.assertIn("电费", block.split('data-testid="keep-and-fault"')[1][:200])

    def test_an_errand_with_no_power_off_offers_nothing_more(self) -> None:
        self.assertNotIn('data-testid="power-off-too"', self.suggest("电费扣多了，查一下"))

    def test_the_click_keeps_the_errand_and_opens_the_fault_order_too(self) -> None:
        # What the button sends: the errand it names, and the fault order too.
        sent = {"caller_number": NUMBER, "text": MIXED, "category": "billing", "fault_too": "1"}
        self.assertEqual(post_intake(self.client, sent).status_code, 302)
        call = Call.objects.get()
        self.assertEqual(call.category, "billing")
        assert call.work_order is not None and call.fault_order is not None
        self.assertEqual(call.fault_order.category, "fault_repair")
        self.assertEqual(WorkOrder.objects.count(), 2)

    def test_saved_unchosen_the_error_names_the_errand_not_fault_repair_twice(self) -> None:
        response = post_intake(self.client, {"caller_number": NUMBER, "text": MIXED})
        errors = response.content.decode().split('data-testid="category-errors"')[1][:600]
        self.assertIn("电费", errors)
        self.assertFalse(Call.objects.exists())
