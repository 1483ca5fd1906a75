"""The case page says why a household must not be disconnected instead of showing a dead
approve button (walkthrough F2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from powerdesk.arrears.services import case_open, household_record, liaison_contact, notice_record
from tests.base import BaseTestCase


class CasePageTests(BaseTestCase):
    def prepared(self, *, medical: bool) -> str:
        self.customer.medical_need = medical
        self.customer.elderly_alone = False
        self.customer.save()
        case = case_open(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            amount=Decimal("410.20"),
            owed_since=dt.date(2026, 8, 1),
        )
        notice_record(case=case, user=self.clerk, method="in_person")
        liaison_contact(case=case, user=self.clerk, outcome="村小组长已转告")
        household_record(case=case, user=self.clerk, situation="家中有人长期吸氧")
        self.login(self.chief)
        return self.client.get(case.get_absolute_url()).content.decode()

    def test_a_medical_need_household_shows_the_reason_and_no_approve_button(self) -> None:
        page = self.prepared(medical=True)
        self.assertNotIn('value="approve"', page)
        self.assertNotIn("批准停电（所长）", page)
        self.assertIn('class="blocked-reason"', page)
        self.assertIn("不得停电", page)

    def test_a_household_without_care_flags_can_be_approved(self) -> None:
        page = self.prepared(medical=False)
        self.assertIn('value="approve"', page)
        self.assertIn("批准停电（所长）", page)
        self.assertNotIn("disabled", page.split('value="approve"')[1].split("</form>")[0])
