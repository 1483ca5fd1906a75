"""A case's liaison step took "x" as what the village liaison said (walk67, L5): what was said
and what was seen at the household say something (two letters at least, Chinese characters
one each; punctuation, digits and spaces aside), refused at the field otherwise, by the
service (the page and the API alike)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import translation

from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import (
    ArrearsError,
    case_open,
    household_record,
    liaison_contact,
    notice_record,
)
from tests.base import BaseTestCase, zh

THIN = ("x", "。", "x。", "1 2", "…", "?!")


class StepSaysSomething(BaseTestCase):
    def setUp(self) -> None:
        self.case = case_open(
            station=self.station_a,
            user=self.chief,
            customer=self.customer,
            amount=Decimal("120.00"),
            owed_since=dt.date(2026, 9, 1),
        )
        notice_record(case=self.case, user=self.clerk, method="door")

    def test_the_liaison_outcome_and_the_situation_say_something(self) -> None:
        for thin in THIN:
            with self.subTest(outcome=thin), self.assertRaises(ArrearsError) as caught:
                liaison_contact(case=self.case, user=self.clerk, outcome=thin)
            self.assertEqual(caught.exception.field, "outcome")
        self.case.refresh_from_db()
        self.assertIsNone(self.case.liaison_contacted_at)
        liaison_contact(case=self.case, user=self.clerk, outcome="已转告")
        for thin in THIN:
            with self.subTest(situation=thin), self.assertRaises(ArrearsError) as caught:
                household_record(case=self.case, user=self.clerk, situation=thin)
            self.assertEqual(caught.exception.field, "situation")
        household_record(case=self.case, user=self.clerk, situation="在家")
        self.case.refresh_from_db()
        self.assertEqual(
            (self.case.liaison_outcome, self.case.situation, self.case.stage),
            ("已转告", "在家", ArrearsCase.Stage.CHECKED),
        )

    def test_the_page_says_it_at_the_field(self) -> None:
        self.login(self.clerk)
        with translation.override("zh-hans"):
            page = self.client.post(
                self.case.get_absolute_url(), {"step": "liaison", "outcome": "x"}, follow=True
            )
        html = page.content.decode()
        said = zh("%(label)s says nothing yet: write in a few words what was said or seen.") % {
            "label": zh("What the village liaison said")
        }
        self.assertIn(said, html)
        self.case.refresh_from_db()
        self.assertEqual(self.case.liaison_outcome, "")
