"""walk42, 6: after a wider outage's restore the board counted the households whose own orders
stay open under a smaller outage below, not every caller of those orders: two callers still dark
(the second's call added to the first's order) were said as "1 位来电人". Callers are counted, as
the outage's callback list lists them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext, override

from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase
from tests.outage_cast import caller_joins, declared
from tests.servicedesk.crew_cast import neighbour


class RestoreCallersCountedTests(BaseTestCase):
    def calls_on_one_order(self, other: Customer) -> tuple[Outage, Outage]:
        """The wider outage (the pole) and the smaller (the fuse below it); the cast's household
        (below the fuse) called first, ``other``'s call added to its order."""
        wider = declared(self, self.pole)
        smaller = declared(self, self.fuse)
        first = caller_joins(self, wider)
        second = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=other,
            caller_number="18208450784",
            text="还是没有电，我家老人要用制氧机",
            category="fault_repair",
            join_outage=wider,
        ).work_order
        assert first is not None
        self.assertEqual(second, first)  # her call is on the first household's order
        self.assertEqual(first.customer, self.customer)
        return wider, smaller

    def still_said(self, count: int) -> str:
        return ngettext(
            "%(count)d caller is still dark under the outage on %(device)s: called "
            "back after its restore.",
            "%(count)d callers are still dark under the outage on %(device)s: called "
            "back after its restore.",
            count,
        ) % {"count": count, "device": self.fuse}

    def restore(self, outage: Outage) -> str:
        self.client.force_login(self.chief)
        response = self.client.post(
            reverse("outages:list"),
            {"action": "restore_at", "outage": outage.pk, "cause": "tree", "how": "remote"},
            follow=True,
        )
        outage.refresh_from_db()
        said = " ".join(str(m) for m in response.context["messages"])
        self.assertEqual(outage.status, Outage.Status.RESTORED, said)
        return said

    def test_each_caller_still_dark_is_counted(self) -> None:
        other = neighbour(self)  # below the fuse too
        wider, smaller = self.calls_on_one_order(other)
        with override("zh-hans"):
            said = self.restore(wider)
            self.assertIn(self.still_said(2), said)
        # Both are called back once the smaller is restored: the first on its own order, she on
        # the outage's callback list.
        self.restore(smaller)
        first = self.customer.work_orders.get()
        self.assertIsNotNone(first.callback_due_at)
        self.assertTrue(OutageCallback.objects.filter(outage=smaller, customer=other).exists())

    def test_a_caller_with_power_back_is_not_counted(self) -> None:
        # Her household is below the pole, not the fuse: the wider outage's restore gave her
        # power back, though her call is on an order still open under the fuse's outage.
        transformer = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B01-T9",
            kind=NodeKind.TRANSFORMER,
            parent=self.pole,
            name="哔叭9号台区",
        )
        other = Customer.objects.create(
            station=self.station_a,
            account_number="53250000099",
            name="朱忠琼",
            village=self.village,
            group=self.group,
            transformer=transformer,
        )
        wider, _smaller = self.calls_on_one_order(other)
        with override("zh-hans"):
            said = self.restore(wider)
            self.assertIn(self.still_said(1), said)

    def test_the_callers_below_each_outage_are_read_in_three_queries(self) -> None:
        """Whether each caller is below each outage's device (``_below``) is read as the board's
        separate orders are placed: a walk up the feeder in memory, not the households below
        every outage queried one by one."""
        from powerdesk.outages.still_dark_said import _below

        outside = Customer.objects.create(  # below the pole, not the fuse
            station=self.station_a,
            account_number="53250000099",
            name="朱忠琼",
            village=self.village,
            group=self.group,
            transformer=GridNode.objects.create(
                station=self.station_a,
                feeder=self.feeder,
                code="ZM-B01-T9",
                kind=NodeKind.TRANSFORMER,
                parent=self.pole,
                name="哔叭9号台区",
            ),
        )
        wider, smaller = self.calls_on_one_order(outside)
        callers = {self.customer.pk, outside.pk}
        with self.assertNumQueries(3):
            below = _below({wider.pk, smaller.pk}, callers)
        self.assertEqual(below, {wider.pk: callers, smaller.pk: {self.customer.pk}})
        with self.assertNumQueries(0):
            self.assertEqual(_below(set(), callers), {})
