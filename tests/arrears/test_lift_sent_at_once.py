"""The station chief's visit finding sent twice at the same moment (a double click, two tabs)
stores one finding and one line of the case's history: each thread in its own connection, on
SQLite and on PostgreSQL (``DATABASE_URL``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.test import TransactionTestCase
from django.utils import timezone

from powerdesk.arrears.models import ArrearsEvent
from powerdesk.arrears.services import case_open, household_record, liaison_contact, notice_record
from tests.base import Cast, build_cast
from tests.racing import sent_at_once


class LiftAtOnceTests(Cast, TransactionTestCase):
    def setUp(self) -> None:
        build_cast(self)

    def test_the_finding_sent_twice_at_once_is_stored_once(self) -> None:
        self.customer.elderly_alone = False
        self.customer.save()
        case = case_open(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            amount=Decimal("88.00"),
            owed_since=dt.date(2025, 12, 1),
        )
        notice_record(case=case, user=self.clerk, method="door")
        liaison_contact(case=case, user=self.clerk, outcome="村小组长已转告")
        case = household_record(case=case, user=self.clerk, situation="家里有人用制氧机")
        self.assertEqual(case.check_result, "block")
        visited = timezone.localtime() - dt.timedelta(minutes=5)
        body = {
            "step": "lift",
            "visited_by": "杨所长",
            "visited_at": f"{visited:%Y-%m-%dT%H:%M}",
            "found": "制氧机是邻居借放的，家中无人使用，户主身体健康",
            "no_life_support": "1",
        }
        answers = sent_at_once(self.chief, lambda c: c.post(case.get_absolute_url(), body), 2)
        self.assertEqual([getattr(a, "status_code", a) for a in answers], [302, 302])
        lines = ArrearsEvent.objects.filter(case=case, note_code="arrears_block_lifted")
        self.assertEqual(lines.count(), 1)
        case.refresh_from_db()
        self.assertEqual((case.lifted_by, case.check_result), (self.chief, "escalate"))
