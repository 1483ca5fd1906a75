"""A line the system wrote into an order's description as it was opened ("地点未问明；来电人住在
左门·哔叭") is shown in the reader's language; the caller's words stay as said, and a row stored
before reads the same (walk37, 19)."""

from __future__ import annotations

from django.utils import translation

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase, zh

WORDS = "我家门口的电线断了掉在地上，还在打火"


class DescriptionShownTests(BaseTestCase):
    def order(self) -> WorkOrder:
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            caller_number="13812345678",
            text=WORDS,
            category="hazard",
            urgent=True,
        ).work_order
        assert order is not None
        return order

    def test_the_system_s_line_is_in_the_reader_s_language(self) -> None:
        order = self.order()
        home = self.customer.group or self.customer.village
        stored = zh("Where: not asked; the caller's home is %(home)s") % {"home": home}
        self.assertIn(stored, order.description)  # stored in the station's language
        english = f"Where: not asked; the caller's home is {home}"
        self.client.force_login(self.clerk)
        self.client.cookies["django_language"] = "en"
        with translation.override("en"):
            page = self.client.get(order.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
        text = page.content.decode()
        self.assertIn(english.replace("'", "&#x27;"), text)
        self.assertIn(WORDS, text)  # the caller's words as said
        if stored != english:
            self.assertNotIn(stored, text)
        with translation.override("zh-hans"):
            self.assertEqual(order.description_shown, order.description)
