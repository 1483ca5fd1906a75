"""A household on both sides of one callback (review68 M3): 李四's own fault order joined to
the fuse's outage, restored, its callback due, and 李四 listed on the outage's callback list too
(as for a call on a neighbour's order); the list's other households (王五, a medical need)
reached already. Shared by the tests of the counts and of the customer's page."""

from __future__ import annotations

from django.utils import timezone

from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.outage_callback_record import outage_callback_record
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.models import WorkOrder
from tests.outage_life_cast import OutageLifeCase


class OwnOrderAndListedCase(OutageLifeCase):
    outage: Outage
    own: WorkOrder
    listed: OutageCallback

    def setUp(self) -> None:
        super().setUp()
        own = self.fault_call(self.neighbour)  # before the outage: an order of their own
        assert own is not None
        self.outage = self.declare(minutes_ago=10)
        self.assertEqual(outage_join_open_orders(outage=self.outage), 1)
        outage_restore(outage=self.outage, user=self.chief, cause="unknown", how="remote")
        own.refresh_from_db()
        self.assertIsNotNone(own.callback_due_at)
        self.own = own
        # The households of its list (a medical need) reached first, counted as they are.
        for callback in OutageCallback.objects.filter(outage=self.outage):
            outage_callback_record(
                callback=callback, user=self.clerk, outcome="reached", satisfaction=5
            )
        # The caller listed too (listed on this outage for a call on a neighbour's order).
        self.listed = OutageCallback.objects.create(
            outage=self.outage, customer=self.neighbour, reason="caller", due_at=timezone.now()
        )
