"""The monthly PDF's reliability table says which measure its last-year and major-event columns
show, and never breaks a station's or a line's name (walkthrough 34, finding 9: "去年同期" and
"不计重大事件日" named no measure; "光禄供电/所", "10kV大坝/线")."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import translation

from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import report_html
from tests.base import BaseTestCase

RUNNING = dt.datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


class PdfTableWordsTests(BaseTestCase):
    def test_the_columns_name_their_measure_and_names_do_not_break(self) -> None:
        figures = monthly_figures(self.station_a, 2026, 12, now=RUNNING)
        with translation.override("en"):
            html = report_html(figures)
        self.assertIn("SAIDI last year, same days<br>", html)
        self.assertIn("RS-1 without major event days (%)</th>", html)
        self.assertIn("td.name { white-space: nowrap; }", html)
        self.assertIn(f'<td class="name">{self.station_a.name}</td>', html)
