"""The monthly report's promise counts are all on one basis, the month a promise was due, so
they add up (walkthrough F9: "made 17, kept 16, broken 2")."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from powerdesk.demo.seasons import TZ
from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.workbook import report_workbook
from powerdesk.servicedesk.models import Promise
from tests.base import BaseTestCase


def at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=TZ)


class MonthlyPromiseTests(BaseTestCase):
    def promise(self, made: dt.datetime, due: dt.datetime, state: str) -> None:
        Promise.objects.create(
            station=self.station_a,
            text="明天上午复电",
            made_at=made,
            due_at=due,
            made_by=self.clerk,
            state=state,
        )

    def test_promises_due_add_up_to_kept_broken_and_open(self) -> None:
        self.promise(at(10, 31, 20), at(11, 1), "kept")  # made in October, due in November
        self.promise(at(10, 30), at(11, 2), "broken")
        self.promise(at(11, 3), at(11, 4), "kept")
        self.promise(at(11, 10), at(11, 11), "open")  # past its time, not settled
        self.promise(at(11, 20), at(11, 29), "open")  # due later this month
        self.promise(at(11, 30, 20), at(12, 1), "open")  # made in November, due in December
        november = monthly_figures(self.station_a, 2026, 11, now=at(11, 25)).promises
        self.assertEqual(november.due, 5)
        self.assertEqual((november.kept, november.broken), (2, 1))
        self.assertEqual((november.open_overdue, november.open_not_yet_due), (1, 1))
        self.assertEqual(
            november.due,
            november.kept + november.broken + november.open_overdue + november.open_not_yet_due,
        )
        book = load_workbook(
            io.BytesIO(report_workbook(monthly_figures(self.station_a, 2026, 11, now=at(11, 25))))
        )
        cells = [str(c) for row in book["承诺"].iter_rows(values_only=True) for c in row if c]
        self.assertNotIn("作出的承诺", cells)  # counted by the month made: not on the same basis
