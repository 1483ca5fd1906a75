"""The outage-life tests' households below the fuse (李四, and 王五 with a medical need) and
their steps: a fault call, the engine's prediction of the fuse, an outage declared on it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.outages.models import Outage, PredictedOutage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase


class OutageLifeCase(BaseTestCase):
    neighbour: Customer  # 李四, below the fuse
    sick: Customer  # 王五, below the fuse, with a medical need

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.neighbour = Customer.objects.create(
            station=cls.station_a,
            account_number="53250000002",
            name="李四",
            village=cls.village,
            group=cls.group,
            transformer=cls.transformer,
        )
        cls.sick = Customer.objects.create(
            station=cls.station_a,
            account_number="53250000003",
            name="王五",
            village=cls.village,
            transformer=cls.transformer,
            medical_need=True,
        )

    def fault_call(self, customer: Customer, **extra: object) -> WorkOrder | None:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            text="家里停电了",
            category="fault_repair",
            customer=customer,
            **extra,  # type: ignore[arg-type]
        )
        return taken.work_order

    def predicted(self, minutes_ago: int = 20) -> PredictedOutage:
        return PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=3,
            confidence=0.9,
            first_sign_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
            explain={"calls": 2, "meter_off": 0, "reporting_meters": 0},
        )

    def declare(self, minutes_ago: int = 30) -> Outage:
        return outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        )

    def make_crew_member(self):  # type: ignore[no-untyped-def]
        from tests.base import make_user

        return make_user("crewman", self.station_a, "crew")
