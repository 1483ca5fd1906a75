"""An outage's own order is urgent for the households it holds, but its crew is due on site at
the fault's commitment (rural 90 minutes), not the hazard's: the hazard's time is for a danger
or a medical need (walk25 saw every outage order due at 45 minutes)."""

from __future__ import annotations

import datetime as dt

from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import OutageLink
from powerdesk.servicedesk.deadlines import policy_for
from tests.base import BaseTestCase
from tests.crew_choice_cast import outage_at


class OutageOrderDeadlineTests(BaseTestCase):
    def test_an_outage_order_is_due_on_site_at_the_fault_s_time(self) -> None:
        outage = outage_at(self)
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        order = OutageLink.objects.get(outage=outage).order
        assert order is not None and order.arrive_due_at is not None
        self.assertTrue(order.urgent)
        policy = policy_for(self.station_a.pk)
        remote = bool(order.village and order.village.no_road_access)
        minutes = policy.arrive_remote_minutes if remote else policy.arrive_rural_minutes
        self.assertEqual(order.arrive_due_at - order.created_at, dt.timedelta(minutes=minutes))
        self.assertGreater(minutes, policy.hazard_arrive_minutes)
