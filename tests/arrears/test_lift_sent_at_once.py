"""The station chief's visit finding sent twice at the same moment (a double click, two tabs)
stores one finding and one line of the case's history: each thread in its own connection, on
SQLite and on PostgreSQL (``DATABASE_URL``)."""

from __future__ import annotations

from django.test import TransactionTestCase
from django.utils import timezone

from powerdesk.arrears.models import ArrearsEvent
from tests.arrears.cast import seen_case
from tests.base import Cast, build_cast
from tests.racing import sent_at_once


class LiftAtOnceTests(Cast, TransactionTestCase):
    def setUp(self) -> None:
        build_cast(self)

    def test_the_finding_sent_twice_at_once_is_stored_once(self) -> None:
        case = seen_case(self, "家里有人用制氧机")
        self.assertEqual(case.check_result, "block")
        # Visited after the words were recorded (to the minute, as the page gives it).
        visited = timezone.localtime()
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
