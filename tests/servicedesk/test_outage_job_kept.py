"""An outage's own job stays its own when a smaller outage inside it is recorded (walk43, 1): the
caller's order the pole's outage took as its job was joined to the fuse's outage recorded after
it, so that the crew sent to the pole was texted the pole's name with the fuse's households, and
its phone showed only the fuse's card. Callers' orders that are no outage's job still go to the
nearest outage recorded."""

from __future__ import annotations

import datetime as dt

from powerdesk.network.models import GridNode
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Category, WorkOrder
from tests.base import BaseTestCase
from tests.outage_cast import declared

NUMBER = "0878-1234567"  # 普光荣's, below the fuse


class OutageJobKeptTests(BaseTestCase):
    def declare(self, device: GridNode, *, began: int) -> Outage:
        """Recorded on the board: the callers' open orders below it join it."""
        outage = declared(self, device, began=began, back_in=dt.timedelta(hours=3))
        outage_join_open_orders(outage=outage, user=self.chief)
        return outage

    def call(self, outage: Outage) -> WorkOrder:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            text="家里停电了",
            caller_number=NUMBER,
            category=Category.FAULT_REPAIR,
            join_outage=outage,
        )
        order = taken.call.work_order
        assert order is not None
        return order

    def test_the_wider_outages_job_is_not_taken_by_the_fuse_recorded_inside_it(self) -> None:
        wider = self.declare(self.pole, began=30)
        job = self.call(wider)
        self.assertEqual(OutageLink.objects.get(outage=wider).order, job)

        inner = self.declare(self.fuse, began=20)

        self.assertEqual(list(job.outage_links.values_list("outage", flat=True)), [wider.pk])
        self.assertFalse(WorkOrder.objects.filter(outage_links__outage=inner).exists())
        self.assertEqual(OutageLink.objects.get(outage=wider).order, job)

    def test_a_callers_own_order_still_goes_to_the_outage_recorded_below(self) -> None:
        # Opened as a new matter before any outage was recorded: no outage's job.
        own = call_take(
            station=self.station_a,
            user=self.clerk,
            text="家里停电了",
            caller_number=NUMBER,
            category=Category.FAULT_REPAIR,
        ).call.work_order
        assert own is not None
        inner = self.declare(self.fuse, began=20)
        self.assertIn(own, WorkOrder.objects.filter(outage_links__outage=inner))
