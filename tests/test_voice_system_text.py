"""The voice of the customer counts the callers' words, not the line the system writes into a
note: a report from the public outage page begins "公开停电信息页报告：…", which is the page's,
and "停电信息" or "报告" are no topic of the villagers (walkthrough 33, item 3)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.core.cache import cache

from powerdesk.reports.voice import month_voice
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


class SystemTextTests(BaseTestCase):
    def test_the_public_page_s_line_is_not_counted_as_the_customers_words(self) -> None:
        cache.clear()
        for day in range(1, 9):
            Call.objects.create(
                station=self.station_a,
                received_at=dt.datetime(2026, 10, day, 9, tzinfo=TZ),
                text="公开停电信息页报告：其他用电问题\n电表箱门坏了，关不上",
                category="business",
            )
        for day in range(10, 14):
            Call.objects.create(
                station=self.station_a,
                received_at=dt.datetime(2026, 10, day, 9, tzinfo=TZ),
                text="公开停电信息页报告：没电",
                category="fault_repair",
            )
        voice = month_voice(self.station_a, 2026, 10)
        words = [k.word for k in voice.keywords]
        self.assertTrue([w for w in words if "表箱" in w], words)
        for system_word in ("停电信息", "报告", "信息", "公开", "用电问题"):
            self.assertFalse([w for w in words if system_word in w], (system_word, words))
        # What the villager chose, with nothing written, is theirs: "没电" is said as "停电".
        counted = {k.word: k.trend.count for k in voice.keywords}
        self.assertEqual(counted.get("停电"), 4, counted)
