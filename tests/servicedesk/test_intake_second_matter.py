"""A note that tells the power off beside another errand (walk58, M3: "电费卡里钱扣多了，灯也不亮",
suggested billing at 92.7 % and saved as billing, the lights out lost): intake says the second
matter, with the outage above the caller, offers fault repair, and does not save it "as
suggested" without the clerk choosing."""

from __future__ import annotations

from django.test import SimpleTestCase
from django.urls import reverse

from powerdesk.outages.models import OutageLink
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.second_matter import power_off_now, power_off_too
from powerdesk.servicedesk.understanding import store
from powerdesk.servicedesk.understanding.classifier import Suggestion
from tests.base import BaseTestCase, post_intake
from tests.outage_cast import fault_declare

NUMBER = "0878-1234567"  # 普光荣's, below the fuse
MIXED = "电费卡里钱扣多了，灯也不亮"


class PowerOffNowTests(SimpleTestCase):
    def test_the_power_or_the_lights_out_now_beside_another_errand(self) -> None:
        for text in (
            MIXED,
            "电费多扣了，灯都灭了",
            "电费扣多了，家里没电了",
            "my bill is wrong and the power is out",
        ):
            with self.subTest(text):
                self.assertTrue(power_off_now(text))
                self.assertTrue(power_off_too(text, "billing"))

    def test_not_asked_past_planned_back_or_a_street_lamp(self) -> None:
        for text in (
            "电费多少",
            "灯不亮吗",
            "昨天灯不亮，电费怎么这么多",
            "上个月停电三天，电费能不能少点",
            "下周停电吗，电费在哪交",
            "电费扣多了，现在有电的",
            "路灯不亮了",
            "灯不怎么亮",
        ):
            with self.subTest(text):
                self.assertFalse(power_off_now(text))

    def test_a_fault_or_a_danger_is_already_about_it(self) -> None:
        for category in ("fault_repair", "hazard", "other", ""):
            with self.subTest(category):
                self.assertFalse(power_off_too(MIXED, category))


SURE_BILLING = Suggestion("billing", False, 0.927, alternative="fault_repair")


class BillingClassifier:
    """The walk's model: billing, sure of it."""

    def suggest(self, texts: list[str]) -> list[Suggestion]:
        return [SURE_BILLING for _ in texts]

    def suggest_one(self, text: str) -> Suggestion:
        return SURE_BILLING


class SecondMatterAtIntakeTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(store.use_store, store.current_store())
        store.use_store(None).publish(BillingClassifier(), reason="billing")  # type: ignore[arg-type]
        self.outage = fault_declare(self, self.fuse, began=30)
        self.login(self.clerk)

    def test_the_power_off_is_said_with_the_outage_and_fault_repair_offered(self) -> None:
        response = self.client.post(
            reverse("servicedesk:suggest"), {"text": MIXED, "caller_number": NUMBER}
        )
        html = response.content.decode()
        self.assertIn('data-testid="power-off-too"', html)
        self.assertIn('data-testid="power-off-too-outage"', html)
        self.assertIn(str(self.fuse), html.split('data-testid="power-off-too-outage"')[1])
        self.assertIn('data-category="fault_repair" data-testid="take-as-fault"', html)
        # The caller panel shows the outage on the caller's branch, whatever the category.
        panel = self.client.post(
            reverse("servicedesk:caller"), {"caller_number": NUMBER, "text": MIXED}
        ).content.decode()
        self.assertIn('data-testid="known-outage"', panel)
        self.assertIn(str(self.fuse), panel.split('data-testid="known-outage"')[1])

    def test_money_alone_says_nothing_more(self) -> None:
        response = self.client.post(
            reverse("servicedesk:suggest"), {"text": "电费卡里钱扣多了", "caller_number": NUMBER}
        )
        self.assertNotContains(response, 'data-testid="power-off-too"')

    def test_saved_as_suggested_the_clerk_is_asked_to_choose(self) -> None:
        response = post_intake(self.client, {"caller_number": NUMBER, "text": MIXED})
        self.assertContains(response, 'data-testid="category-errors"')
        errors = response.content.decode().split('data-testid="category-errors"')[1][:600]
        self.assertIn("故障报修", errors)  # (the fault repair offered, by its label)
        self.assertFalse(Call.objects.exists())

    def test_taken_as_fault_repair_it_joins_the_outage(self) -> None:
        response = post_intake(
            self.client,
            {
                "caller_number": NUMBER,
                "text": MIXED,
                "category": "fault_repair",
                "action": f"outage:{self.outage.pk}",
            },
        )
        self.assertEqual(response.status_code, 302)
        call = Call.objects.get()
        self.assertEqual(call.category, "fault_repair")
        self.assertTrue(WorkOrder.objects.get(pk=call.work_order_id).outage_links.exists())
        self.assertTrue(OutageLink.objects.filter(outage=self.outage, order__isnull=False).exists())

    def test_taken_as_billing_the_fault_order_is_offered_from_the_call(self) -> None:
        response = post_intake(
            self.client,
            {"caller_number": NUMBER, "text": MIXED, "category": "billing"},
            follow=True,
        )
        self.assertEqual(Call.objects.get().category, "billing")
        said = [str(m) for m in response.context["messages"]]
        # The fault order offered by its label (the message's words are the catalogue's).
        self.assertTrue(any("故障报修" in m for m in said), said)
