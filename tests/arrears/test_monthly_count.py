"""The monthly report counts an arrears case as it was handled: opened in one month, disconnected
and paid in the next, over several days (walkthrough F1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine

from powerdesk.arrears.services import (
    case_open,
    disconnection_approve,
    disconnection_carry_out,
    household_record,
    liaison_contact,
    notice_record,
    payment_record,
)
from powerdesk.demo.seasons import TZ
from powerdesk.reports.monthly import monthly_figures
from tests.base import BaseTestCase


def at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=TZ)


class MonthlyArrearsTests(BaseTestCase):
    def test_a_case_opened_in_one_month_and_settled_in_the_next(self) -> None:
        with time_machine.travel(at(10, 27), tick=False):
            case = case_open(
                station=self.station_a,
                user=self.clerk,
                customer=self.customer,
                amount=Decimal("236.50"),
                owed_since=dt.date(2026, 8, 1),
            )
        with time_machine.travel(at(10, 28), tick=False):
            notice_record(case=case, user=self.clerk, method="in_person")
        with time_machine.travel(at(10, 30), tick=False):
            liaison_contact(case=case, user=self.clerk, outcome="村小组长已转告")
        with time_machine.travel(at(10, 31, 16), tick=False):
            household_record(case=case, user=self.clerk, situation="户主在家，答应缴费")
            # Living alone escalates: the chief writes why.
            disconnection_approve(case=case, user=self.chief, reason="多次上门未缴，子女已同意")
        with time_machine.travel(at(11, 5), tick=False):
            disconnection_carry_out(case=case, user=self.chief)
        with time_machine.travel(at(11, 6), tick=False):
            payment_record(case=case, user=self.clerk)

        october = monthly_figures(self.station_a, 2026, 10, now=at(12, 1)).arrears
        self.assertEqual((october.opened, october.opened_amount), (1, Decimal("236.50")))
        self.assertEqual((october.paid, october.disconnected), (0, 0))
        self.assertEqual((october.outstanding, october.outstanding_amount), (1, Decimal("236.50")))

        november = monthly_figures(self.station_a, 2026, 11, now=at(12, 1)).arrears
        self.assertEqual((november.opened, november.disconnected), (0, 1))
        self.assertEqual((november.paid, november.paid_amount), (1, Decimal("236.50")))
        self.assertEqual((november.outstanding, november.outstanding_amount), (0, Decimal(0)))
