"""The promise rate is one figure on the chief's home and in the monthly report (walkthrough 31,
finding 6): promises due in the month (the year to the month's end), kept against broken,
whether or not their time has come yet; a promise kept early counts on both."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.utils import translation

from powerdesk.dashboards import summary
from powerdesk.dashboards.reliability import Area, area_reliability
from powerdesk.reports.monthly import monthly_figures
from powerdesk.servicedesk.models import Promise
from tests.base import BaseTestCase

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=TZ)


def nov(day: int) -> dt.datetime:
    return dt.datetime(2026, 11, day, 10, tzinfo=TZ)


class PromiseRateTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for made, due, state in (
            (nov(4), nov(5), "kept"),
            (nov(9), nov(10), "broken"),
            (nov(18), nov(25), "kept"),  # kept early: its time is still to come
            (nov(19), nov(28), "open"),
            (dt.datetime(2026, 3, 1, tzinfo=TZ), dt.datetime(2026, 3, 2, tzinfo=TZ), "kept"),
        ):
            Promise.objects.create(
                station=cls.station_a,
                text="明天上午复电",
                made_at=made,
                due_at=due,
                made_by=cls.clerk,
                state=state,
                settled_at=None if state == "open" else made + dt.timedelta(hours=1),
            )

    def test_the_home_and_the_monthly_report_give_the_same_promise_rate(self) -> None:
        with time_machine.travel(NOW, tick=False):
            station = self.station_a
            figures = area_reliability(station, Area(("station", station.pk), ""), 2026, now=NOW)
            with translation.override("en"):
                rows = summary.chief_rows(station, summary.periods(NOW), figures)
            report = monthly_figures(station, 2026, 11, now=NOW)
        row = next(r for r in rows if r.label.startswith("Promises kept"))
        month, year = report.promises, report.promises_year
        self.assertEqual((month.kept, month.broken), (2, 1))
        self.assertEqual(row.cells[0], f"{100 * month.kept / (month.kept + month.broken):.1f}%")
        self.assertEqual(row.cells[2], f"{100 * year.kept / (year.kept + year.broken):.1f}%")
