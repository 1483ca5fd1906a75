"""clean45's leftover: the households below each of several devices were counted one device at
a time (``customers_below(device).count()``, three queries each: the crew card's "内含 …停电（22
户）" lines one outage after another). They are counted for all at once: the customers of the
devices' feeders by transformer area, the areas' devices above walked in memory
(``network.selectors.devices_above``): two queries however many devices, the same counts."""

from __future__ import annotations

from django.utils import translation

from powerdesk.customers.models import Customer
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.outages.joined import customer_below, customers_below, customers_below_counts
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.crew_jobs import _within_said
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import neighbour


class CustomersBelowCountsTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        neighbour(self)  # a second household below the fuse
        self.beside = self.area(self.feeder, self.pole, "ZM-B01-T9", "53250000099")
        other = Feeder.objects.create(station=self.station_a, code="LZ", name="10kV另一线")
        self.other_breaker = GridNode.objects.create(
            station=self.station_a, feeder=other, code="LZ-CB", kind=NodeKind.SOURCE
        )
        self.other_area = self.area(other, self.other_breaker, "LZ-T1", "53250000098")
        Customer.objects.create(  # no transformer area known: below no device
            station=self.station_a, account_number="53250000097", name="无台区"
        )

    def area(self, feeder: Feeder, parent: GridNode, code: str, account: str) -> GridNode:
        transformer = GridNode.objects.create(
            station=self.station_a, feeder=feeder, code=code, kind=NodeKind.TRANSFORMER,
            parent=parent,
        )  # fmt: skip
        Customer.objects.create(
            station=self.station_a, account_number=account, name=code, transformer=transformer
        )
        return transformer

    def test_each_device_s_count_is_the_one_counted_alone_in_two_queries(self) -> None:
        devices = [
            self.breaker, self.pole, self.fuse, self.transformer, self.beside,
            self.other_breaker, self.other_area,
        ]  # fmt: skip
        alone = {d.pk: customers_below(d).count() for d in devices}
        self.assertEqual(alone[self.breaker.pk], 3)  # the fuse's two and the pole's own area
        with self.assertNumQueries(2):
            self.assertEqual(customers_below_counts(devices), alone)
        with self.assertNumQueries(0):
            self.assertEqual(customers_below_counts([]), {})

    def test_whether_one_customer_is_below_a_device(self) -> None:
        with self.assertNumQueries(2):
            self.assertTrue(customer_below(self.fuse, self.customer.pk))
        self.assertFalse(customer_below(self.other_breaker, self.customer.pk))
        self.assertTrue(customer_below(self.breaker, self.customer.pk))

    def test_the_crew_card_s_within_lines_take_the_same_queries_for_more_outages(self) -> None:
        def own_order(device: GridNode) -> WorkOrder:
            outage = outage_declare(
                station=self.station_a, user=self.chief, device=device,
                kind=Outage.Kind.UNPLANNED,
            )  # fmt: skip
            outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
            order = OutageLink.objects.get(outage=outage).order
            assert order is not None
            return order

        fuse, beside = own_order(self.fuse), own_order(self.beside)
        with translation.override("en"), self.assertNumQueries(3):
            one = _within_said([fuse])  # the links, then the households below all of them
        with translation.override("en"), self.assertNumQueries(3):
            two = _within_said([fuse, beside])
        self.assertEqual(one[fuse.pk], two[fuse.pk])
        self.assertIn("(2 households)", two[fuse.pk])
        self.assertIn("(1 household)", two[beside.pk])
