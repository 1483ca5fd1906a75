"""Restoring a wider outage while a smaller one below it is still open: the orders of the
households still dark stay open and join the smaller outage (their power is not back), are not
called back after the wider one, and are resolved when the smaller one is restored."""

from __future__ import annotations

from powerdesk.network.models import GridNode
from powerdesk.outages.joined import outage_link
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.models import WorkOrderStatus as S
from tests.outage_cast import DarkCastTestCase, caller_order


class OrdersStillDarkTests(DarkCastTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.order = caller_order(self)  # 普光荣, below the fuse, calls: an order of its own.

    def declare(self, device: GridNode, *, join_separate: bool = True) -> Outage:
        return super().declare(device, join_separate=join_separate)

    def test_the_wider_outage_over_the_order_below_the_fuse_stays_open_and_joins_it(self) -> None:
        wider = self.declare(self.pole)
        smaller = self.declare(self.fuse)
        # The caller's order is joined to the wider outage (and maybe the smaller).
        outage_link(wider).work_orders.add(self.order)
        outage_link(smaller).work_orders.remove(self.order)

        outage_restore(outage=wider, user=self.chief, cause="unknown", how="remote")
        self.order.refresh_from_db()
        self.assertNotEqual(self.order.status, S.RESOLVED)
        self.assertIsNone(self.order.callback_due_at)
        self.assertTrue(outage_link(smaller).work_orders.filter(pk=self.order.pk).exists())
        self.assertFalse(
            OutageCallback.objects.filter(outage=wider, customer=self.order.customer).exists()
        )

        outage_restore(outage=smaller, user=self.chief, cause="unknown", how="remote")
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, S.RESOLVED)
        self.assertIsNotNone(self.order.callback_due_at)

    def test_with_no_other_outage_open_the_order_is_resolved_as_before(self) -> None:
        wider = self.declare(self.pole)
        outage_link(wider).work_orders.add(self.order)
        outage_restore(outage=wider, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(WorkOrder.objects.get(pk=self.order.pk).status, S.RESOLVED)
