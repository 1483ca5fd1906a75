"""A household with a medical need that called about a pole's outage, still dark under the
fuse's below when the pole's was restored, is listed on the fuse's callbacks as one who called
(``OutageCallback.called``: asked by text whether power is back). Rows kept before the field
was added said it only of callers of the row's own outage; migration 0018 marks the moved
ones, and only them."""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Category
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews

NUMBER = "0878-1234567"  # 普光荣's, below the fuse


class MovedCallersCalledTests(BaseTestCase):
    def declare(self, device: object, began: int) -> Outage:
        return outage_declare(
            station=self.station_a,
            user=self.chief,
            device=device,  # type: ignore[arg-type]
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=began),
        )

    def test_old_rows_of_moved_callers_are_marked_called(self) -> None:
        Customer.objects.filter(pk=self.customer.pk).update(medical_need=True)
        add_crews(self)
        pole = self.declare(self.pole, began=40)
        outage_dispatch(outage=pole, crew=self.crew, user=self.chief)
        fuse = self.declare(self.fuse, began=30)
        call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,  # below the fuse
            caller_number=NUMBER,
            text="家里停电了，老人要用制氧机",
            category=Category.FAULT_REPAIR,
            join_outage=pole,  # the crew's job on the pole's outage
        )
        # The pole's outage restored, the fuse's still keeps them dark: moved onto it.
        outage_restore(outage=pole, user=self.chief, cause="tree", how="remote")
        moved = OutageCallback.objects.get(outage=fuse, customer=self.customer)
        self.assertEqual(moved.reason, OutageCallback.Reason.MEDICAL)
        self.assertTrue(moved.called)  # listed so now
        # As kept before the field: no household said to have called.
        OutageCallback.objects.update(called=False)
        other = Customer.objects.create(
            station=self.station_a,
            account_number="53250000099",
            name="李医",
            village=self.village,
            transformer=self.transformer,
            medical_need=True,
        )
        quiet = OutageCallback.objects.create(
            outage=fuse,
            customer=other,
            reason=OutageCallback.Reason.MEDICAL,
            due_at=timezone.now(),
        )
        migration = importlib.import_module(
            "powerdesk.outages.migrations.0018_moved_callers_called"
        )
        migration.moved_callers_marked(apps, None)
        moved.refresh_from_db()
        quiet.refresh_from_db()
        self.assertTrue(moved.called)
        self.assertFalse(quiet.called)  # never called
