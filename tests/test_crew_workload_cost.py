"""The crews' work in hand, read for every drawing of the board, costs the database as much for
a crew with years of outages behind it as for a new one.

In a storm the board took a second or two: the crews' open jobs were counted by asking, for each
open order, whether any link the crew ever had to an outage held it, so the work grew with the
open orders times the crew's whole history. The work is counted here in SQLite's own steps (its
progress handler), which do not depend on the machine or its load.
"""

from __future__ import annotations

import datetime as dt
import unittest

from django.db import connection
from django.utils import timezone

from powerdesk.outages.crew_workload import crew_situations as _situations
from powerdesk.outages.joined import outage_link
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase


@unittest.skipUnless(connection.vendor == "sqlite", "counts SQLite's steps")
class CrewWorkloadCostTests(BaseTestCase):
    def setUp(self) -> None:
        self.now = timezone.now()
        self.made = 0

    def outages(self, n: int, *, status: str) -> list[Outage]:
        made = []
        for _ in range(n):
            self.made += 1
            outage = Outage.objects.create(
                station=self.station_a,
                device=self.fuse,
                kind=Outage.Kind.UNPLANNED,
                status=status,
                starts_at=self.now - dt.timedelta(days=self.made),
                restored_at=self.now if status == Outage.Status.RESTORED else None,
            )
            link = outage_link(outage)
            link.crew = self.crew
            link.save(update_fields=["crew"])
            made.append(outage)
        return made

    def orders(self, n: int) -> list[WorkOrder]:
        return [
            WorkOrder.objects.create(
                station=self.station_a,
                number=f"CW-{self.made}-{i}",
                customer=self.customer,
                category="fault_repair",
                summary="停电",
                status="received",
                created_at=self.now,
                crew=self.crew,
            )
            for i in range(n)
        ]

    def steps(self) -> int:
        counted = [0]

        def step() -> int:
            counted[0] += 1
            return 0

        connection.ensure_connection()
        connection.connection.set_progress_handler(step, 100)
        try:
            situations = _situations(self.station_a, now=self.now)
        finally:
            connection.connection.set_progress_handler(None, 100)
        self.workload = situations[0][2]
        return counted[0]

    def test_the_crews_history_does_not_make_its_open_jobs_cost_more(self) -> None:
        # A storm: 60 open orders, half joined to the outage the crew is sent to.
        active = self.outages(1, status=Outage.Status.ACTIVE)[0]
        orders = self.orders(60)
        outage_link(active).work_orders.add(*orders[:30])
        new_crew = self.steps()
        self.assertEqual((self.workload.open_jobs, self.workload.outages), (30, 1))
        # The same storm for a crew with 300 outages behind it.
        self.outages(300, status=Outage.Status.RESTORED)
        veteran = self.steps()
        self.assertEqual((self.workload.open_jobs, self.workload.outages), (30, 1))
        self.assertLess(veteran, new_crew * 1.5, (new_crew, veteran))
