"""walk42, 10: an outage's order kept open by the wider outage's restore moves to the smaller
outage still keeping its household dark; its page went on naming the wider outage in its
heading, and its badge counted the wider outage's households again once both were restored
(58 → 11 → 58). The page names the outage it is on now, and counts that one's households."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.translation import ngettext, override

from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage
from powerdesk.outages.selectors import outage_now_on
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, zh


class OrderPageOutageNowOnTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        # A household below the pole and not the fuse: the wider outage has two, the smaller one.
        transformer = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B01-T9",
            kind=NodeKind.TRANSFORMER,
            parent=self.pole,
            name="哔叭9号台区",
        )
        Customer.objects.create(
            station=self.station_a,
            account_number="53250000099",
            name="朱忠琼",
            village=self.village,
            group=self.group,
            transformer=transformer,
        )
        # The smaller recorded first: its id is below the wider's.
        self.smaller = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        self.wider = outage_declare(
            station=self.station_a, user=self.chief, device=self.pole, kind=Outage.Kind.UNPLANNED
        )
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,  # below the fuse
            caller_number="13812345678",
            text="我家没电了",
            category="fault_repair",
            join_outage=self.wider,
        ).work_order
        assert order is not None
        self.order = order

    def restore(self, outage: Outage) -> None:
        self.client.force_login(self.chief)
        self.client.post(
            reverse("outages:list"),
            {"action": "restore_at", "outage": outage.pk, "cause": "tree", "how": "remote"},
        )
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.RESTORED)

    def heading(self) -> tuple[str, str]:
        """The order page's title and the rest of its heading (its urgent badge), as drawn in
        Chinese."""
        self.client.force_login(self.clerk)
        page = self.client.get(self.order.get_absolute_url()).content.decode()
        found = re.search(r"<h1>(.*?)</h1>", page, flags=re.DOTALL)
        assert found is not None
        number, title, rest = re.sub(r"<[^>]+>", "", found.group(1)).split(maxsplit=2)
        self.assertEqual(number, self.order.number)
        return title, rest

    def said(self, device: GridNode, households: int) -> tuple[str, str]:
        with override("zh-hans"):
            return zh("Outage: %(device)s") % {"device": device.name}, ngettext(
                "power off (%(n)s household)", "power off (%(n)s households)", households
            ) % {"n": households}

    def test_the_page_names_the_outage_it_is_on_now(self) -> None:
        wider = self.said(self.pole, 2)
        smaller = self.said(self.fuse, 1)
        title, badge = self.heading()
        self.assertEqual(title, wider[0])
        self.assertIn(wider[1], badge)

        self.restore(self.wider)  # the order stays open, on the smaller outage
        self.order = WorkOrder.objects.get(pk=self.order.pk)
        self.assertTrue(self.order.is_open)
        title, badge = self.heading()
        self.assertEqual(title, smaller[0])
        self.assertIn(smaller[1], badge)

        self.restore(self.smaller)  # resolved: it was on the smaller outage last
        self.order = WorkOrder.objects.get(pk=self.order.pk)
        self.assertFalse(self.order.is_open)
        title, badge = self.heading()
        self.assertEqual(title, smaller[0])
        self.assertIn(smaller[1], badge)
        self.assertNotIn(wider[1], badge)

    def test_the_outage_now_on_is_found_in_one_query(self) -> None:
        """``outage_now_on`` is asked on every order page and urgent-why: the last outage the
        order was joined to, with its device, in one query; none for an order on no outage."""
        with self.assertNumQueries(1):
            now_on = outage_now_on(self.order)
        assert now_on is not None
        self.assertEqual(now_on, self.wider)
        with self.assertNumQueries(0):
            self.assertEqual(now_on.device, self.pole)  # drawn in the heading

        self.restore(self.wider)  # joined to the smaller last, though its id is below
        self.assertLess(self.smaller.pk, self.wider.pk)
        with self.assertNumQueries(1):
            self.assertEqual(outage_now_on(self.order), self.smaller)

        alone = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="灯不亮"
        )
        with self.assertNumQueries(1):
            self.assertIsNone(outage_now_on(alone))
