"""What is due within a day comes in the order of the deadline each order faces next — the
crew's arrival until they are there, a complaint's first contact, then the resolution — not by
the resolution deadline alone, and the home page names which deadline is due with its time."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.servicedesk.deadlines import deadline_names
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.selectors import due_soon
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, zh

NOW = dt.datetime(2026, 6, 22, 2, 0, tzinfo=dt.UTC)  # Monday 10:00 in Beijing
HOUR = dt.timedelta(hours=1)


class DueSoonNextDeadlineTests(BaseTestCase):
    def order(self, category: str, summary: str, **times: object) -> WorkOrder:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category=category, summary=summary
        )
        WorkOrder.objects.filter(pk=order.pk).update(**times)
        order.refresh_from_db()
        return order

    def test_the_next_deadline_orders_the_list_and_is_named(self) -> None:
        with time_machine.travel(NOW, tick=False):
            # On site already: the resolution is what it faces, in 6 hours.
            on_site = self.order(
                "fault_repair",
                "已到现场",
                status="on_site",
                arrive_due_at=NOW - HOUR,
                arrived_at=NOW - 2 * HOUR,
                resolve_due_at=NOW + 6 * HOUR,
            )
            # Nobody there yet: the arrival, in 2 hours (its resolution is 12 hours away).
            not_there = self.order(
                "fault_repair",
                "还没到",
                arrive_due_at=NOW + 2 * HOUR,
                resolve_due_at=NOW + 12 * HOUR,
            )
            # A complaint: the first contact, in 4 hours (its answer days away).
            complaint = self.order(
                "complaint",
                "投诉抄表员",
                arrive_due_at=NOW + 4 * HOUR,
                resolve_due_at=NOW + 72 * HOUR,
            )
            self.assertEqual(
                list(due_soon(self.station_a, now=NOW)), [not_there, complaint, on_site]
            )
            self.login(self.chief)
            page = self.client.get(reverse("web:home")).content.decode()
        panel = page.split('data-slot="deadlines"')[1].split("</section>")[0]
        self.assertLess(panel.index("还没到"), panel.index("投诉抄表员"))
        self.assertLess(panel.index("投诉抄表员"), panel.index("已到现场"))

        def said(order: WorkOrder) -> str:
            start = panel.index(f'data-testid="soon-due-{order.pk}"')
            return panel[start : panel.index("</span>", start)]

        self.assertIn(zh(str(deadline_names("fault_repair").arrive)), said(not_there))
        self.assertIn("06-22 12:00", said(not_there))
        self.assertIn(zh(str(deadline_names("complaint").arrive)), said(complaint))
        self.assertIn(zh(str(deadline_names("fault_repair").resolve)), said(on_site))
        self.assertIn("06-22 16:00", said(on_site))
