"""The voice of the customer leaves out calls that were no request (a test call, a wrong number):
"测试" is not what customers talk about (walkthrough F16)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.core.cache import cache

from powerdesk.reports.voice import month_voice
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


class NotARequestTests(BaseTestCase):
    def call(self, day: int, text: str, category: str, suggested: str) -> None:
        Call.objects.create(
            station=self.station_a,
            received_at=dt.datetime(2026, 10, day, 9, tzinfo=TZ),
            text=text,
            category=category,
            suggested_category=suggested,
        )

    def test_test_calls_are_not_counted_as_the_customers_words(self) -> None:
        cache.clear()
        for day in range(1, 9):
            self.call(day, "测试测试，变压器测试", "", "other")
        for day in range(10, 14):
            self.call(day, "电压太低，水泵抽不起水", "fault_repair", "fault_repair")
        # A call staff classed themselves stays, whatever the suggestion said.
        self.call(15, "电表测试要多少钱", "business", "other")
        voice = month_voice(self.station_a, 2026, 10)
        self.assertEqual(voice.notes, 5)
        words = [k.word for k in voice.keywords]
        self.assertFalse(any("测试" in w for w in words if w != "电表测试"), words)
        self.assertNotIn("", [g.key for g in voice.categories])
