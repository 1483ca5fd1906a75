"""An arrears case's steps: what the liaison said, the household's situation and why
disconnecting is still right carry no ``maxlength``; too long, each is refused at its field
with its limit and the length typed, the page drawn again with what was typed (a refusal
redirected to an empty form), nothing recorded; the services refuse them too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import (
    ArrearsError,
    case_open,
    disconnection_approve,
    household_record,
    liaison_contact,
    notice_record,
)
from tests.base import BaseTestCase
from tests.test_outage_form_errors import field_errors


class CaseTextTooLongTests(BaseTestCase):
    def setUp(self) -> None:
        self.customer.medical_need = False
        self.customer.elderly_alone = True  # escalates: the chief writes a reason
        self.customer.save()
        self.case = case_open(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            amount=Decimal("410.20"),
            owed_since=dt.date(2026, 8, 1),
        )
        notice_record(case=self.case, user=self.clerk, method="in_person")
        self.login(self.chief)

    def post(self, data: dict[str, str]) -> Any:
        return self.client.post(self.case.get_absolute_url(), data)

    def assert_refused(self, response: Any, field: str, limit: int, typed: str) -> str:
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        said = field_errors(html, field)
        self.assertIn(str(limit), said)
        self.assertIn(str(len(typed)), said)
        return html

    def test_each_step_s_text_too_long_is_refused_at_it_and_kept(self) -> None:
        html = self.client.get(self.case.get_absolute_url()).content.decode()
        self.assertIn('name="outcome"', html)
        self.assertNotIn('maxlength="', html)
        typed = "村" * 301
        html = self.assert_refused(
            self.post({"step": "liaison", "outcome": typed}), "outcome", 300, typed
        )
        self.assertIn(f'value="{typed}"', html)
        self.case.refresh_from_db()
        self.assertIsNone(self.case.liaison_contacted_at)

        liaison_contact(case=self.case, user=self.clerk, outcome="村小组长已转告")
        html = self.client.get(self.case.get_absolute_url()).content.decode()
        self.assertIn('name="situation"', html)
        self.assertNotIn('maxlength="', html)
        typed = "家" * 2001
        response = self.post({"step": "household", "situation": typed})
        html = self.assert_refused(response, "situation", 2000, typed)
        self.assertIn(f">{typed}</textarea>", html)
        self.case.refresh_from_db()
        self.assertEqual(self.case.check_result, "")

        household_record(case=self.case, user=self.clerk, situation="老人独居，子女在外")
        html = self.client.get(self.case.get_absolute_url()).content.decode()
        self.assertIn('name="reason"', html)
        self.assertNotIn('maxlength="', html)
        typed = "因" * 301
        html = self.assert_refused(
            self.post({"step": "approve", "reason": typed}), "reason", 300, typed
        )
        self.assertIn(f'value="{typed}"', html)
        self.case.refresh_from_db()
        self.assertIsNone(self.case.approved_at)

    def test_the_services_refuse_texts_too_long(self) -> None:
        with self.assertRaises(ArrearsError) as caught:
            liaison_contact(case=self.case, user=self.clerk, outcome="x" * 301)
        self.assertEqual(caught.exception.field, "outcome")
        liaison_contact(case=self.case, user=self.clerk, outcome="村小组长已转告")
        with self.assertRaises(ArrearsError) as caught:
            household_record(case=self.case, user=self.clerk, situation="x" * 2001)
        self.assertEqual(caught.exception.field, "situation")
        household_record(case=self.case, user=self.clerk, situation="老人独居")
        with self.assertRaises(ArrearsError) as caught:
            disconnection_approve(case=self.case, user=self.chief, reason="x" * 301)
        self.assertEqual(caught.exception.field, "reason")
        self.case.refresh_from_db()
        self.assertIsNone(self.case.approved_at)
        self.assertEqual(self.case.stage, ArrearsCase.objects.get().stage)
