"""A work order's page fits its category: a complaint's deadlines are the contact and the answer,
and it offers no crew, device or photos; a fault offers them (walkthrough F8)."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase


class OrderKindTests(BaseTestCase):
    def page(self, category: str) -> tuple[WorkOrder, str, Any]:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=category,
            summary="你们那个抄表员态度很差",
            customer=self.customer,
        )
        self.login(self.chief)
        response = self.client.get(order.get_absolute_url())
        return order, response.content.decode(), response.context

    def test_a_complaint_names_its_contact_and_answer_deadlines_and_sends_no_crew(self) -> None:
        order, page, context = self.page("complaint")
        self.assertIsNotNone(order.arrive_due_at)
        with translation.override("en"):
            self.assertEqual(str(context["deadline_names"].arrive), "Contact the customer by")
            self.assertEqual(str(context["deadline_names"].resolve), "Answer by")
        self.assertNotIn("到达时限", page)
        self.assertNotIn('value="dispatch"', page)
        self.assertNotIn('name="photos"', page)
        self.assertNotIn('name="device"', page)
        self.assertIn('name="note"', page)  # resolved with what was done

    def test_a_fault_names_arrival_and_offers_crew_device_and_photos(self) -> None:
        _order, page, context = self.page("fault_repair")
        self.assertIn("到达时限", page)
        self.assertIn('value="dispatch"', page)
        with translation.override("en"):
            self.assertEqual(str(context["deadline_names"].resolve), "Restore power by")

    def test_a_complaint_resolved_from_the_office_asks_only_what_was_done(self) -> None:
        _order, page, _ = self.page("complaint")
        self.assertIn('value="resolved"', page)
        self.assertNotIn('name="cause"', page)
