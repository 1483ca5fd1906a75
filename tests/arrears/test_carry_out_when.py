"""The disconnection approved is offered ("Carry out") only once it may be carried out: the
written notice's 7 days over, in the daytime. Before, the case's page says from when (walk61,
L2: approved a minute after the notice, the button was offered and said "the notice period runs
until …" only when pressed). The service's own guard stays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine
from django.utils import translation

from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import (
    ArrearsError,
    carry_out_from,
    case_open,
    disconnection_approve,
    disconnection_carry_out,
    household_record,
    liaison_contact,
    notice_record,
)
from powerdesk.customers.models import Customer
from tests.base import BaseTestCase

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The notice handed over at 21:43 station time (as the walk's case 1), approved a minute after.
NOTICE = dt.datetime(2026, 12, 6, 21, 43, tzinfo=SHANGHAI)
BUTTON = 'name="step" value="carry_out"'


class CarryOutWhenTests(BaseTestCase):
    def setUp(self) -> None:
        household = Customer.objects.create(
            station=self.station_a,
            account_number="53250000778",
            name="者云安",
            village=self.village,
            group=self.group,
            transformer=self.transformer,
        )
        with time_machine.travel(NOTICE, tick=False):
            self.case = case_open(
                station=self.station_a,
                user=self.clerk,
                customer=household,
                amount=Decimal("188.00"),
                owed_since=dt.date(2026, 9, 1),
            )
            notice_record(case=self.case, user=self.clerk, method="in_person")
            liaison_contact(case=self.case, user=self.clerk, outcome="村小组长已转告")
            household_record(case=self.case, user=self.clerk, situation="夫妻二人在家")
        with time_machine.travel(NOTICE + dt.timedelta(minutes=1), tick=False):
            disconnection_approve(case=self.case, user=self.chief)

    def page(self) -> str:
        self.login(self.chief)  # at the time travelled to (a session of a week ago has expired)
        with translation.override("en"):
            response = self.client.get(self.case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
        return response.content.decode()

    def case_now(self) -> ArrearsCase:
        return ArrearsCase.objects.get(pk=self.case.pk)

    def test_within_the_notice_period_the_page_says_when_instead_of_the_button(self) -> None:
        with time_machine.travel(NOTICE + dt.timedelta(minutes=2), tick=False):
            page = self.page()
            self.assertNotIn(BUTTON, page)
            said = page.split('data-testid="carry-out-from"', 1)[1].split("</p>", 1)[0]
            self.assertIn("notice period runs until 2026-12-13 21:43", said)
            # 21:43 is night: the first daytime moment after it, 08:00 the next morning.
            self.assertIn("may be carried out from 2026-12-14 08:00", said)
            self.assertIn("(notice period until 2026-12-13 21:43)", page)
            # The guard stays: pressed anyway (a stale page), refused.
            with self.assertRaisesMessage(ArrearsError, "2026-12-13 21:43"):
                disconnection_carry_out(case=self.case_now(), user=self.chief)

    def test_when_it_may_be_carried_out_follows_the_daytime(self) -> None:
        case = self.case_now()
        self.assertEqual(
            carry_out_from(case, now=NOTICE), dt.datetime(2026, 12, 14, 8, 0, tzinfo=SHANGHAI)
        )
        # The period over at night: the next morning; early in the morning: at 08:00 that day.
        night = dt.datetime(2026, 12, 13, 23, 0, tzinfo=SHANGHAI)
        self.assertEqual(
            carry_out_from(case, now=night), dt.datetime(2026, 12, 14, 8, 0, tzinfo=SHANGHAI)
        )
        # In the daytime after it: now.
        day = dt.datetime(2026, 12, 15, 10, 30, tzinfo=SHANGHAI)
        self.assertEqual(carry_out_from(case, now=day), day)

    def test_the_period_over_at_night_the_page_says_the_morning(self) -> None:
        with time_machine.travel(dt.datetime(2026, 12, 13, 22, 0, tzinfo=SHANGHAI), tick=False):
            page = self.page()
            self.assertNotIn(BUTTON, page)
            said = page.split('data-testid="carry-out-from"', 1)[1].split("</p>", 1)[0]
            self.assertIn("daytime only: from 2026-12-14 08:00", said)

    def test_from_then_the_button_is_offered_and_carries_it_out(self) -> None:
        with time_machine.travel(dt.datetime(2026, 12, 14, 8, 0, tzinfo=SHANGHAI), tick=False):
            page = self.page()
            self.assertIn(BUTTON, page)
            self.assertNotIn('data-testid="carry-out-from"', page)
            response = self.client.post(self.case.get_absolute_url(), {"step": "carry_out"})
            self.assertEqual(response.status_code, 302)
            self.assertEqual(self.case_now().stage, ArrearsCase.Stage.DISCONNECTED)
            self.assertIsNone(carry_out_from(self.case_now()))
