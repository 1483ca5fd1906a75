"""Intake's "Known now" (目前已知) lists every open order of the caller, of whatever category,
each with its number, category and state, those joined to an outage first (walk68, L1: a
repeat caller's fault order was listed, their open billing order was not). The order rung about
again is listed too, said to be the order above, its link and title given once (walkthrough
34, 8)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.own_orders_known import OWN_SHOWN
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job

NUMBER = "13812345678"  # the cast customer's number


class KnownOrdersTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        # The fault order of a call 25 minutes ago, joined to the outage above the household.
        self.outage, self.fault = outage_job(self)

    def order(self, category: str, summary: str, *, rung_ago: int | None = None) -> WorkOrder:
        call = None
        if rung_ago is not None:
            call = Call.objects.create(
                station=self.station_a,
                received_at=timezone.now() - dt.timedelta(minutes=rung_ago),
                customer=self.customer,
                caller_number=NUMBER,
                text=summary,
            )
        return work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=category,
            summary=summary,
            customer=self.customer,
            call=call,
        )

    def known(self, text: str = "上个月停电了，电费怎么这么多") -> list[str]:
        """The lines of "Known now" that are the caller's own orders, in the page's order."""
        self.login(self.clerk)
        with translation.override("zh-hans"):
            html = self.client.post(
                reverse("servicedesk:caller"), {"caller_number": NUMBER, "text": text}
            ).content.decode()
        self.html = html
        lines = []
        start = html.find('data-testid="own-open-order"')
        while start != -1:
            lines.append(html[start : html.index("</li>", start)])
            start = html.find('data-testid="own-open-order"', start + 1)
        return lines

    def test_the_repeat_caller_s_billing_order_is_known_beside_the_fault_order(self) -> None:
        # The call of ten minutes ago opened a billing order: the order this caller rang about last.
        billing = self.order("billing", "电费怎么这么多", rung_ago=10)
        lines = self.known()
        self.assertIn('data-testid="repeat-order"', self.html)  # said above, as before
        self.assertEqual(len(lines), 2, lines)
        fault_line, billing_line = lines  # the one joined to the outage first
        self.assertIn(self.fault.number, fault_line)
        self.assertIn("故障报修", fault_line)
        self.assertIn(billing.number, billing_line)
        self.assertIn("电费查询", billing_line)
        self.assertIn("已受理", billing_line)  # its state
        self.assertIn('data-testid="own-open-order-above"', billing_line)
        # Its link and title once, in the lines above (walkthrough 34, 8).
        self.assertEqual(self.html.count(f'href="{billing.get_absolute_url()}"'), 1)
        self.assertNotIn("电费怎么这么多", billing_line)

    def test_the_orders_joined_to_an_outage_come_first_then_the_newest(self) -> None:
        older = self.order("business", "电表移位")
        newer = self.order("consultation", "问下峰谷电价")
        WorkOrder.objects.filter(pk=older.pk).update(
            created_at=timezone.now() - dt.timedelta(days=3)
        )
        numbers = [
            next(o.number for o in (self.fault, older, newer) if o.number in line)
            for line in self.known(text="")
        ]
        self.assertEqual(numbers, [self.fault.number, newer.number, older.number])

    def test_every_open_order_is_counted_past_those_listed(self) -> None:
        for i in range(OWN_SHOWN + 2):
            self.order("business", f"业务 {i}")
        lines = self.known(text="")
        self.assertEqual(len(lines), OWN_SHOWN)
        self.assertIn(self.fault.number, lines[0])
        start = self.html.index('data-testid="own-open-orders-more"')
        more = self.html[start : self.html.index("</li>", start)]
        self.assertIn("3", more)  # 13 open, 10 listed
        self.assertIn(self.customer.get_absolute_url(), more)
