"""Orders joined to an outage follow their outage: only the outage's own order comes due and
escalates, not each caller's order on its own (one restore resolves them all)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.outages.joined import outage_link
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Notification
from powerdesk.servicedesk.selectors import due_soon, overdue
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase

START = dt.datetime(2026, 6, 22, 2, 0, tzinfo=dt.UTC)  # Monday 10:00 in Beijing
HOUR = dt.timedelta(hours=1)


class JoinedOrdersFollowTheirOutageTests(BaseTestCase):
    def setUp(self) -> None:
        with time_machine.travel(START, tick=False):
            self.orders = [
                work_order_create(
                    station=self.station_a,
                    user=self.clerk,
                    category="fault_repair",
                    summary=f"家里没电 {n}",
                    customer=self.customer,
                )
                for n in range(3)
            ]
            self.alone = work_order_create(
                station=self.station_a, user=self.clerk, category="fault_repair", summary="表箱冒烟"
            )
            outage = Outage.objects.create(
                station=self.station_a,
                device=self.fuse,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.ACTIVE,
                starts_at=START,
            )
            link = outage_link(outage)
            link.work_orders.add(*self.orders)
            link.order = self.orders[1]
            link.save(update_fields=["order"])

    def test_only_the_outages_own_order_is_overdue(self) -> None:
        now = START + dt.timedelta(days=3)
        self.assertEqual(set(overdue(self.station_a, now)), {self.orders[1], self.alone})
        self.assertTrue(self.orders[1].is_overdue(now))
        self.assertFalse(self.orders[0].is_overdue(now))

    def test_only_the_outages_own_order_comes_due(self) -> None:
        first = min(o.arrive_due_at or o.resolve_due_at for o in self.orders)
        now = first - dt.timedelta(minutes=30)
        self.assertEqual(set(due_soon(self.station_a, now=now)), {self.orders[1], self.alone})

    def test_the_first_open_order_stands_for_the_outage_once_its_own_order_is_closed(self) -> None:
        from powerdesk.servicedesk.models import WorkOrder

        WorkOrder.objects.filter(pk=self.orders[1].pk).update(status="closed")
        now = START + dt.timedelta(days=3)
        self.assertEqual(set(overdue(self.station_a, now)), {self.orders[0], self.alone})
        self.assertTrue(WorkOrder.objects.get(pk=self.orders[0].pk).is_overdue(now))
        self.assertFalse(self.orders[2].is_overdue(now))
        first = min(o.arrive_due_at or o.resolve_due_at for o in self.orders)
        soon = set(due_soon(self.station_a, now=first - dt.timedelta(minutes=30)))
        self.assertEqual(soon, {self.orders[0], self.alone})

    def test_escalation_tells_of_the_outage_once_not_of_each_caller(self) -> None:
        with time_machine.travel(START + dt.timedelta(days=3), tick=False):
            escalations_scan(station=self.station_a)
        told = set(
            Notification.objects.filter(kind="overdue").values_list("work_order_id", flat=True)
        )
        self.assertEqual(told, {self.orders[1].pk, self.alone.pk})

    def test_the_work_order_list_marks_only_the_outages_own_order_overdue(self) -> None:
        self.login(self.chief)
        with time_machine.travel(START + dt.timedelta(days=3), tick=False):
            page = self.client.get(reverse("servicedesk:work_orders")).content.decode()
        rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
        marked = {
            o.number
            for o in [*self.orders, self.alone]
            for r in rows
            if o.number in r and "badge bad" in r
        }
        self.assertEqual(marked, {self.orders[1].number, self.alone.number})
