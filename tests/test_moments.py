"""A call's time said without its year only within this year: a call of last December read as
one still to come (walk45, 5: "12-10" on 12-06)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.test import SimpleTestCase

from powerdesk.web.templatetags.moments import day_time

SHANGHAI = ZoneInfo("Asia/Shanghai")


class DayTimeTests(SimpleTestCase):
    @time_machine.travel(dt.datetime(2026, 12, 6, 9, 0, tzinfo=SHANGHAI), tick=False)
    def test_this_year_is_month_and_day_another_year_has_its_year(self) -> None:
        self.assertEqual(day_time(dt.datetime(2026, 3, 2, 14, 5, tzinfo=SHANGHAI)), "03-02 14:05")
        self.assertEqual(
            day_time(dt.datetime(2025, 12, 10, 14, 5, tzinfo=SHANGHAI)), "2025-12-10 14:05"
        )
        self.assertEqual(day_time(None), "")

    @time_machine.travel(dt.datetime(2026, 1, 1, 0, 30, tzinfo=SHANGHAI), tick=False)
    def test_the_year_is_the_station_s(self) -> None:
        # 2025-12-31 17:00 UTC is already 2026-01-01 01:00 in Shanghai: this year there.
        at = dt.datetime(2025, 12, 31, 16, 10, tzinfo=dt.UTC)
        self.assertEqual(day_time(at), "01-01 00:10")
