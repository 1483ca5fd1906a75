"""A repeat caller's open order is shown once on the intake page, with its link and title, under
"this caller already has open order N" (walkthrough 34, finding 8); "Known now", which lists every
open order of the caller (walk68, L1), names it as the order above. A repeat call's badge in an
order's calls comes after the caller's separator, with no space before it."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase

NUMBER = "13812345678"  # the cast customer's number


class RepeatOrderOnceTests(BaseTestCase):
    def test_the_repeat_order_is_listed_once(self) -> None:
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="家里停电了",
            category="fault_repair",
        ).work_order
        assert order is not None
        self.login(self.clerk)
        html = self.client.post(
            reverse("servicedesk:caller"), {"caller_number": NUMBER, "text": "还是没电"}
        ).content.decode()
        self.assertIn('data-testid="repeat-order"', html)
        self.assertEqual(html.count(f'href="{order.get_absolute_url()}"'), 1, html)
        self.assertEqual(html.count('data-testid="own-open-order-above"'), 1, html)

    def test_the_repeat_badge_follows_the_separator(self) -> None:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="家里停电了",
            category="fault_repair",
        )
        call = taken.call
        call.is_repeat = True
        self.assertTrue(call.number_shown)  # the caller's number: the separator follows it
        html = render_to_string("servicedesk/_order_call.html", {"c": call})
        self.assertNotIn("</span> ：", html)
        self.assertNotIn("</span>：", html)
        self.assertIn('：<span class="badge warn">', html)
