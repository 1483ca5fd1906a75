"""A caller whose own order was joined to an outage (as it was recorded) rings again: the call
joins their order, and intake offers it by its number; no order is opened in their name for
the outage, so one household is called back once (walkthrough 36, 1)."""

from __future__ import annotations

from powerdesk.outages.models import OutageLink
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.selectors import outage_to_join
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, neighbour, outage_job


class RepeatCallerUnderOutageTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.outage, self.order = outage_job(self)  # joined as the outage was recorded

    def ring(self, customer: object) -> WorkOrder:
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=customer,  # type: ignore[arg-type]
            caller_number="13812345678",
            text="又打来问，你们的人什么时候到？",
            category="fault_repair",
            join_outage=self.outage,
        ).work_order
        assert order is not None
        return order

    def test_the_caller_s_call_joins_their_own_order(self) -> None:
        offered = outage_to_join(self.customer)
        self.assertEqual(offered["outage_order"], self.order)  # intake names their order
        before = WorkOrder.objects.count()
        joined = self.ring(self.customer)
        self.assertEqual(joined, self.order)
        self.assertEqual(WorkOrder.objects.count(), before)
        self.assertEqual(self.order.calls.count(), 2)
        self.assertIsNone(OutageLink.objects.get(outage=self.outage).order)

    def test_a_neighbour_s_call_still_opens_the_outage_s_order(self) -> None:
        other = neighbour(self)
        self.assertIsNone(outage_to_join(other)["outage_order"])
        order = self.ring(other)
        self.assertNotEqual(order, self.order)
        self.assertEqual(OutageLink.objects.get(outage=self.outage).order, order)
        self.assertEqual(order.customer, other)
