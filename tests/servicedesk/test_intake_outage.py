"""Intake under an open outage: a fault call joins it by default, one click from a new matter;
a call of another category is never joined to it; an unsure classifier is told why a fault is
likely."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from powerdesk.outages.models import Outage, OutageLink
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.services import work_order_create
from powerdesk.servicedesk.understanding import store
from powerdesk.servicedesk.understanding.classifier import Suggestion
from tests.base import BaseTestCase
from tests.outage_cast import declared, fault_declare
from tests.servicedesk.intake_page import checked_actions as checked_action

NUMBER = "0878-1234567"  # 普光荣's, below the fuse


class IntakeUnderOutageTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage = declared(self, self.fuse, began=30)
        # An order of the village's, about something else: listed, never chosen for the clerk.
        self.other = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="business",
            summary="过户",
            customer=self.customer,
        )
        self.login(self.clerk)

    def page(self) -> tuple[str, dict[str, Any]]:
        """The intake page as the telephone opens it, and the form it would send as it is."""
        response = self.client.get(reverse("servicedesk:intake"), {"number": NUMBER}, follow=True)
        html = response.content.decode()
        form = response.context["form"]
        data = {
            "caller_number": form["caller_number"].value(),
            "form_token": form["form_token"].value(),
            "cti_call_id": "",
        }
        chosen = checked_action(html)
        data["action"] = chosen[-1] if chosen else ""
        return html, data

    def test_the_join_is_offered_first_and_checked_with_what_to_tell_the_caller(self) -> None:
        html, _data = self.page()
        # Before the note says what the call is about: offered first, nothing chosen.
        self.assertEqual(checked_action(html), [""])
        self.assertIn("并入停电：", html)
        self.assertIn('data-testid="tell-caller"', html)
        self.assertIn('data-testid="new-matter"', html)
        # The caller's other open order is listed below it, not chosen.
        self.assertIn(f'value="join:{self.other.pk}"', html)
        self.assertLess(
            html.index('data-testid="join-outage"'), html.index(f"join:{self.other.pk}")
        )
        # A fault call: the join is chosen (the page asks again as the category becomes known).
        html = self.client.post(
            reverse("servicedesk:caller"), {"caller_number": NUMBER, "text": "我家停电了"}
        ).content.decode()
        self.assertEqual(checked_action(html), [f"outage:{self.outage.pk}"])

    def test_the_outage_s_label_takes_the_page_s_colon(self) -> None:
        html, _data = self.page()
        known = html.split('data-testid="known-outage"')[1].split("</")[0]
        self.assertIn("正在停电：", known)
        self.assertNotIn(":", known.replace("：", ""))

    def test_sending_the_page_as_it_is_joins_the_outage_s_one_order(self) -> None:
        _html, data = self.page()
        self.client.post(reverse("servicedesk:intake"), {**data, "text": "我家停电了"})
        order = self.outage.link.order
        self.assertIsNotNone(order)
        # The next caller's page names that order, and sending it joins the same one.
        html, data = self.page()
        self.assertIn(f"工单 {order.number}", html)  # type: ignore[union-attr]
        self.assertNotIn(f'value="join:{order.pk}"', html)  # type: ignore[union-attr]
        response = self.client.post(reverse("servicedesk:intake"), {**data, "text": "还是没电"})
        self.assertRedirects(response, order.get_absolute_url())  # type: ignore[union-attr]
        self.assertEqual(order.calls.count(), 2)  # type: ignore[union-attr]
        self.assertEqual(WorkOrder.objects.filter(category="fault_repair").count(), 1)

    def test_a_new_matter_opens_an_order_of_its_own(self) -> None:
        _html, data = self.page()
        self.client.post(
            reverse("servicedesk:intake"), {**data, "text": "我家停电了", "action": "new"}
        )
        order = WorkOrder.objects.get(category="fault_repair")
        self.assertFalse(order.outage_links.exists())
        self.assertFalse(
            OutageLink.objects.filter(outage=self.outage, order__isnull=False).exists()
        )

    def test_a_billing_call_left_on_the_join_is_not_joined(self) -> None:
        _html, data = self.page()
        # The join left chosen (a page drawn for a fault note, then the category changed with
        # the page's script not running): the server still takes it as its category says.
        data["action"] = f"outage:{self.outage.pk}"
        response = self.client.post(
            reverse("servicedesk:intake"),
            {**data, "text": "我家停电了，顺便问电费怎么交", "category": "billing"},
            follow=True,
        )
        call = Call.objects.get()
        self.assertEqual(call.category, "billing")
        self.assertIsNone(call.work_order_id)
        self.assertFalse(WorkOrder.objects.filter(outage_links__outage=self.outage).exists())
        self.assertContains(response, "未并入停电")

    def test_a_non_fault_call_cannot_be_joined_to_the_outage_s_order_by_hand(self) -> None:
        _html, data = self.page()
        self.client.post(reverse("servicedesk:intake"), {**data, "text": "我家停电了"})
        order = self.outage.link.order
        assert order is not None
        _html, data = self.page()
        response = self.client.post(
            reverse("servicedesk:intake"),
            {**data, "text": "问电费", "category": "billing", "action": f"join:{order.pk}"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(order.calls.count(), 1)
        self.assertEqual(Call.objects.count(), 1)

    def test_after_the_restore_the_panel_offers_no_join(self) -> None:
        self.outage.status = Outage.Status.RESTORED
        self.outage.save(update_fields=["status"])
        html, _data = self.page()
        self.assertNotIn('data-testid="join-outage"', html)
        self.assertEqual(checked_action(html), [""])


UNSURE = Suggestion(
    "complaint", False, 0.45, alternative="fault_repair", alternative_confidence=0.4
)


class UnsureClassifier:
    def suggest(self, texts: list[str]) -> list[Suggestion]:
        return [UNSURE for _ in texts]

    def suggest_one(self, text: str) -> Suggestion:
        return UNSURE


class UnsureUnderOutageTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(store.use_store, store.current_store())
        store.use_store(None).publish(UnsureClassifier(), reason="unsure")  # type: ignore[arg-type]
        self.login(self.clerk)

    def declare(self) -> Outage:
        return fault_declare(self, self.fuse, began=30)

    def test_the_outage_is_shown_as_why_a_fault_is_likely(self) -> None:
        self.declare()
        response = self.client.post(
            reverse("servicedesk:suggest"), {"text": "停了三天了", "caller_number": NUMBER}
        )
        self.assertContains(response, 'data-testid="ask-category"')
        self.assertContains(response, 'data-testid="outage-hint"')
        self.assertContains(response, "停电范围内")

    def test_the_clerk_still_chooses_and_is_told_why(self) -> None:
        self.declare()
        page = self.client.get(reverse("servicedesk:intake"))
        token = page.context["form"]["form_token"].value()
        response = self.client.post(
            reverse("servicedesk:intake"),
            {"form_token": token, "caller_number": NUMBER, "text": "停了三天了"},
        )
        self.assertContains(response, 'data-testid="category-errors"')
        self.assertContains(response, "停电范围内")
        self.assertFalse(Call.objects.exists())

    def test_no_hint_without_an_outage(self) -> None:
        response = self.client.post(
            reverse("servicedesk:suggest"), {"text": "停了三天了", "caller_number": NUMBER}
        )
        self.assertContains(response, 'data-testid="ask-category"')
        self.assertNotContains(response, 'data-testid="outage-hint"')
