"""The month axis of every month-by-month chart: short month names in English ("Jan"…"Dec",
never "month 1"), "1月"…"12月" in Chinese, on the reliability charts and the service desk's."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse
from django.utils import translation

from powerdesk.dashboards import calls, service
from powerdesk.dashboards.reliability import Area, area_reliability, month_charts, month_label
from tests.base import BaseTestCase

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 28, 10, 0, tzinfo=TZ)
ENGLISH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
CHINESE = [f"{n}月" for n in range(1, 13)]


class MonthAxisTests(BaseTestCase):
    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def charts(self) -> list:  # type: ignore[type-arg]
        figures = area_reliability(
            self.station_a, Area(("station", self.station_a.pk), "光禄"), 2026, now=NOW
        )
        return [
            *month_charts(figures),
            service.satisfaction_by_month(self.station_a, 2026),
            calls.complaints_by_month(self.station_a, 2026),
        ]

    def test_english_charts_name_the_months_short(self) -> None:
        with translation.override("en"):
            self.assertEqual([month_label(n) for n in range(1, 13)], ENGLISH)
            for chart in self.charts():
                self.assertEqual(chart.categories, ENGLISH, chart.key)

    def test_chinese_charts_write_the_month_s_number(self) -> None:
        with translation.override("zh-hans"):
            self.assertEqual([month_label(n) for n in range(1, 13)], CHINESE)
            for chart in self.charts():
                self.assertEqual(chart.categories, CHINESE, chart.key)

    def test_the_english_figures_pages_never_say_month_1(self) -> None:
        self.login(self.chief)
        for name in ("dashboards:reliability", "dashboards:service"):
            with translation.override("en"):
                html = self.client.get(reverse(name), {"year": 2026}, HTTP_ACCEPT_LANGUAGE="en")
            self.assertEqual(html.status_code, 200)
            text = html.content.decode()
            self.assertNotIn("month 1", text, name)
            self.assertIn('<th scope="row">Mar</th>', text, name)
