"""The customer's page: their calls, orders, outages, promises, callbacks and arrears."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from powerdesk.arrears.services import case_open
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.models import Call, Callback
from powerdesk.servicedesk.promises import promise_make
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase


class CustomerActivityTests(BaseTestCase):
    def setUp(self) -> None:
        now = timezone.now()
        self.order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="哔叭3号家里没电",
            customer=self.customer,
        )
        Call.objects.create(
            station=self.station_a,
            received_at=now,
            customer=self.customer,
            text="家里没电了",
            work_order=self.order,
        )
        promise_make(
            station=self.station_a,
            user=self.clerk,
            text="明天上午来换表",
            due_at=now + dt.timedelta(days=1),
            work_order=self.order,
        )
        Callback.objects.create(
            work_order=self.order, at=now, outcome="reached", satisfaction=4, comment="修得快"
        )
        self.case = case_open(
            station=self.station_a,
            user=self.chief,
            customer=self.customer,
            amount=Decimal("320.00"),
            owed_since=dt.date(2026, 9, 1),
        )
        # The fuse above the customer's transformer blew; a fuse on another branch did too.
        Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind="unplanned",
            status="restored",
            starts_at=now - dt.timedelta(days=3),
            restored_at=now - dt.timedelta(days=3, hours=-2),
            cause="雷击熔断",
        )
        other_fuse = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-X-F",
            kind=NodeKind.FUSE,
            parent=self.breaker,
            name="小村支线熔断器",
        )
        Outage.objects.create(
            station=self.station_a,
            device=other_fuse,
            kind="unplanned",
            status="restored",
            starts_at=now - dt.timedelta(days=2),
            cause="树枝碰线",
        )
        # A neighbour's order is not this customer's.
        neighbour = Customer.objects.create(
            station=self.station_a, account_number="53250000002", name="李家", village=self.village
        )
        work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="billing",
            summary="邻居的电费问题",
            customer=neighbour,
        )

    def test_the_page_lists_each_record_with_a_link(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("customers:detail", args=[self.customer.pk]))
        order_link = f'<a href="{self.order.get_absolute_url()}">{self.order.number}</a>'
        for section in ("calls", "orders", "promises", "callbacks"):
            with self.subTest(section=section):
                self.assertContains(page, f'data-testid="customer-{section}"')
        self.assertContains(page, order_link, count=4)  # call, order, promise, callback
        self.assertContains(page, "家里没电了")
        self.assertContains(page, "明天上午来换表")
        self.assertContains(page, "修得快")
        self.assertContains(page, self.case.get_absolute_url())
        self.assertContains(page, "¥320.00")
        self.assertContains(page, "雷击熔断")
        self.assertContains(page, self.fuse.get_absolute_url())

    def test_it_leaves_out_other_customers_and_other_branches(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("customers:detail", args=[self.customer.pk]))
        self.assertNotContains(page, "邻居的电费问题")
        self.assertNotContains(page, "树枝碰线")
