"""Recording a callback says what it did, and the menu shows where the clerk is (walkthrough F11)."""

from __future__ import annotations

import re

from django.urls import reverse

from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase
from tests.servicedesk.callback_cast import resolved_complaint


class CallbackToldTests(BaseTestCase):
    def resolved(self) -> WorkOrder:
        return resolved_complaint(self)

    def record(self, order: WorkOrder, **fields: str) -> str:
        self.login(self.clerk)
        response = self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "callback", "next": reverse("servicedesk:callbacks"), **fields},
            follow=True,
        )
        self.assertEqual(response.redirect_chain[-1][0], reverse("servicedesk:callbacks"))
        return response.content.decode()

    def test_still_not_fixed_says_the_order_is_reopened_and_the_chief_told(self) -> None:
        order = self.resolved()
        page = self.record(order, outcome="reached", satisfaction="2", still_not_fixed="on")
        order.refresh_from_db()
        self.assertEqual(order.status, "received")
        self.assertIn(order.number, page)
        self.assertRegex(page, r"(reopened|重新打开)")

    def test_a_satisfied_customer_is_recorded_with_a_message(self) -> None:
        order = self.resolved()
        page = self.record(order, outcome="reached", satisfaction="5")
        self.assertIn(order.number, page)  # named in the message, gone from the list
        self.assertNotIn(order.get_absolute_url(), page)

    def test_the_menu_marks_callbacks_on_the_callbacks_page(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:callbacks")).content.decode()
        active = re.findall(r'<a href="([^"]+)" class="active"', page)
        self.assertEqual(active, [reverse("servicedesk:callbacks")])

    def test_a_low_score_with_the_problem_solved_says_it_stays_done(self) -> None:
        order = self.resolved()
        page = self.record(order, outcome="reached", satisfaction="2", comment="等了很久")
        order.refresh_from_db()
        self.assertEqual(order.status, "callback_done")
        self.assertIn(order.number, page)
        self.assertNotRegex(page, r"(reopened|重新打开)")
        # The list says beforehand which box reopens the order.
        other = self.resolved()
        listed = self.client.get(reverse("servicedesk:callbacks")).content.decode()
        self.assertIn(f'data-testid="callback-rule-{other.pk}"', listed)
