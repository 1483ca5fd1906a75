"""/outreach/coverage/ sums the households each visit reached: a sum of household visits (累计户次),
not households, which passed the village's households (walk74 finding 11: 左门 1213 of 682).
The page shows the village's households beside it and a share at most 100%."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.outreach.selectors import visit_coverage
from powerdesk.outreach.services import visit_plan_once, visit_record
from tests.base import BaseTestCase


class HouseholdVisitsTests(BaseTestCase):
    def visit(self, reached: int, title: str) -> None:
        visit = visit_plan_once(
            station=self.station_a,
            user=self.clerk,
            date=timezone.localdate(),
            title=title,
            villages=[self.village],
            groups=[],
            staff=[self.clerk],
            topics=["safe_use"],
        )[0]
        visit_record(visit=visit, user=self.clerk, households_reached=reached)

    def test_two_visits_to_a_one_household_village_are_two_household_visits_of_one(self) -> None:
        self.visit(1, "第一次入户")
        self.visit(1, "第二次入户")
        row = next(r for r in visit_coverage(self.station_a, timezone.localdate().year))
        self.assertEqual((row.households_reached, row.households), (2, 1))
        self.assertEqual(row.reach_share, 1.0)
        self.login(self.chief)
        html = self.client.get(reverse("outreach:coverage")).content.decode()
        table = html.split('data-testid="visit-coverage"', 1)[1].split("</table>", 1)[0]
        self.assertIn('data-reached="2"', table)
        self.assertIn('data-households="1"', table)
        share = re.search(r'data-share="([^"]*)">([^<]*)<', table)
        assert share
        self.assertEqual(share.group(2).strip(), "100.0%")
        self.assertIn('data-testid="visit-coverage-note"', html)
