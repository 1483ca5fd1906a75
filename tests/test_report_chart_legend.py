"""The monthly PDF's calls chart names both its series whole (walkthrough 33, finding 1: in a
running month the legend's second name, last year's days, ran off the chart and was cut to
"202…")."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.utils import translation

from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import report_html
from powerdesk.reports.svg import bars, text_width
from tests.base import BaseTestCase

TZ = ZoneInfo("Asia/Shanghai")
TEXT = re.compile(r'<text x="([\d.]+)" y="([\d.]+)" font-size="(\d+)"[^>]*>([^<]*)</text>')


def legend_ends(svg: str, names: list[str]) -> dict[str, float]:
    """Where each legend name's text ends, by the same width estimate the chart uses."""
    found = {}
    for x, _y, size, text in TEXT.findall(svg):
        if text in names:
            found[text] = float(x) + text_width(text, int(size))
    return found


class ChartLegendTests(BaseTestCase):
    def test_long_names_are_drawn_whole_inside_the_chart(self) -> None:
        names = ["2026-12-01至12-04 22:30", "2025-12-01至12-04 22:30"]
        svg = str(bars(["故障报修"], [(n, [1], "#000") for n in names], width=640))
        ends = legend_ends(svg, names)
        self.assertEqual(set(ends), set(names))
        for end in ends.values():
            self.assertLessEqual(end, 640)

    def test_short_names_share_one_row(self) -> None:
        svg = str(bars(["一月"], [("2026", [1], "#000"), ("2025", [2], "#111")], width=640))
        rows = {y for _x, y, _s, text in TEXT.findall(svg) if text in ("2026", "2025")}
        self.assertEqual(len(rows), 1)
        self.assertLessEqual(max(legend_ends(svg, ["2026", "2025"]).values()), 640)

    def test_the_report_s_calls_chart_both_years_whole(self) -> None:
        for now in (
            dt.datetime(2026, 12, 4, 22, 30, tzinfo=TZ),  # running
            dt.datetime(2027, 1, 2, 9, tzinfo=TZ),  # ended
        ):
            figures = monthly_figures(self.station_a, 2026, 12, now=now)
            with translation.override("zh-hans"):
                html = report_html(figures)
            names = (
                ["2026-12-01至12-04 22:30", "2025-12-01至12-04 22:30"]
                if figures.running
                else ["2026-12", "2025-12"]
            )
            chart = next(s for s in re.findall(r"<svg.*?</svg>", html, re.S) if names[1] in s)
            ends = legend_ends(chart, names)
            self.assertEqual(set(ends), set(names), now)
            width = float(re.search(r'width="(\d+)"', chart).group(1))  # type: ignore[union-attr]
            for end in ends.values():
                self.assertLessEqual(end, width)
