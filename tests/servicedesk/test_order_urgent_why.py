"""The "urgent" badge in a work order's heading says why (walkthrough 38, 5): the reasons its
urgent calls name, visible on a phone too (no hover there) and as the badge's title; a hazard
order with no reason named is urgent for its category; nothing said when nothing is known."""

from __future__ import annotations

from django.utils.translation import gettext, override, pgettext

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.services import work_order_create
from powerdesk.servicedesk.urgent_why import order_urgent_why
from tests.base import BaseTestCase


class OrderUrgentWhyTests(BaseTestCase):
    def take(self, text: str, **extra: object) -> object:
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            caller_number="13812345678",
            text=text,
            category="fault_repair",
            urgent=True,
            **extra,  # type: ignore[arg-type]
        ).work_order
        assert order is not None
        return order

    def heading(self, order: object) -> str:
        self.login(self.clerk)
        html = self.client.get(order.get_absolute_url()).content.decode()  # type: ignore[attr-defined]
        return html.split("<h1>", 1)[1].split("</h1>", 1)[0]

    def test_the_heading_s_badge_says_the_medical_need(self) -> None:
        order = self.take("家里停电了，老人在用制氧机")
        with override("zh-hans"):
            why = gettext("a medical need at home")
            said = gettext("urgent") + pgettext("label separator", ": ") + why
            self.assertEqual(order_urgent_why(order), why)  # type: ignore[arg-type]
        heading = self.heading(order)
        self.assertIn('data-testid="order-urgent"', heading)
        self.assertIn(f'title="{said}"', heading)
        self.assertIn(f">{said}</span>", heading)  # visible, not only on hover

    def test_a_hazard_order_with_no_reason_named_says_its_category(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="hazard", summary="有险情"
        )
        with override("zh-hans"):
            self.assertEqual(order_urgent_why(order), str(order.get_category_display()))

    def test_nothing_known_nothing_said(self) -> None:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="停电",
            urgent=True,
        )
        self.assertEqual(order_urgent_why(order), "")
        heading = self.heading(order)
        self.assertIn('data-testid="order-urgent"', heading)
        self.assertNotIn("title=", heading)
        routine = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="停电"
        )
        self.assertEqual(order_urgent_why(routine), "")
        self.assertNotIn('data-testid="order-urgent"', self.heading(routine))
