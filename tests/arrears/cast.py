"""What the arrears tests share: a household with nothing against disconnecting it, and a case of
its arrears opened at the counter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import (
    case_open,
    household_record,
    liaison_contact,
    notice_record,
)
from powerdesk.customers.models import Customer
from tests.base import BaseTestCase

# A Monday, 17:00 in the station's time (Asia/Shanghai): in the daytime.
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class ArrearsCast(BaseTestCase):
    """``household``: a customer of the station with nothing against disconnecting them."""

    def setUp(self) -> None:
        self.household = Customer.objects.create(
            station=self.station_a,
            account_number="53250000777",
            name="起文明",
            village=self.village,
            group=self.group,
            transformer=self.transformer,
        )

    def open_case(self, customer: Customer | None = None) -> ArrearsCase:
        """A case of 236.50 owed since 1 December, opened by the clerk (for ``household``
        unless another customer is given)."""
        return case_open(
            station=self.station_a,
            user=self.clerk,
            customer=customer or self.household,
            amount=Decimal("236.50"),
            owed_since=dt.date(2025, 12, 1),
        )


def seen_case(test: Any, situation: str, *, medical: bool = False) -> ArrearsCase:
    """A case of the cast's ``customer`` (not living alone; its medical-need flag ``medical``):
    ¥410.20 owed since 1 August 2026, the notice handed over, the liaison's word, and the
    household seen with ``situation``, each by the clerk (the case page's tests, the lift sent
    twice at once)."""
    test.customer.medical_need = medical
    test.customer.elderly_alone = False
    test.customer.save()
    case = case_open(
        station=test.station_a,
        user=test.clerk,
        customer=test.customer,
        amount=Decimal("410.20"),
        owed_since=dt.date(2026, 8, 1),
    )
    notice_record(case=case, user=test.clerk, method="in_person")
    liaison_contact(case=case, user=test.clerk, outcome="村小组长已转告")
    return household_record(case=case, user=test.clerk, situation=situation)
