"""The monthly report dates its "same period last year" figures (walkthrough 33, finding 8: the
web overview, the PDF's table and the workbook said "last year" without the days it counts)."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import report_html
from powerdesk.reports.workbook import report_workbook
from tests.base import BaseTestCase

TZ = ZoneInfo("Asia/Shanghai")
RUNNING = dt.datetime(2026, 12, 4, 10, 0, tzinfo=TZ)
ENDED = dt.datetime(2027, 1, 2, 9, 0, tzinfo=TZ)


def workbook_texts(data: bytes) -> set[str]:
    book = load_workbook(io.BytesIO(data))
    return {
        str(cell.value)
        for sheet in book.worksheets
        for line in sheet.iter_rows()
        for cell in line
        if cell.value is not None
    }


class LastYearDatedTests(BaseTestCase):
    def test_a_running_month_names_last_year_s_same_days(self) -> None:
        figures = monthly_figures(self.station_a, 2026, 12, now=RUNNING)
        with translation.override("en"):  # the words are new: their Chinese comes with the merge
            self.assertEqual(figures.last_year_to_date, "2025-01-01 to 12-04 10:00")
            self.assertEqual(figures.last_year_month, "2025-12-01 to 12-04 10:00")
            pdf = report_html(figures)
            texts = workbook_texts(report_workbook(figures))
        self.assertGreaterEqual(pdf.count("last year (2025-01-01 to 12-04 10:00)"), 2)
        self.assertIn("2025-01-01 to 12-04 10:00</span></th>", pdf)  # the reliability table
        self.assertIn("The same period last year (2025-01-01 to 12-04 10:00)", texts)
        self.assertIn("RS-1 same period last year, 2025-01-01 to 12-04 10:00 (%)", texts)
        self.assertIn("Calls in the same days last year (2025-12-01 to 12-04 10:00)", texts)

    def test_a_month_ended_names_last_year_s_whole_month(self) -> None:
        figures = monthly_figures(self.station_a, 2026, 12, now=ENDED)
        with translation.override("en"):
            self.assertEqual(figures.last_year_to_date, "2025-01-01 to 12-31")
            texts = workbook_texts(report_workbook(figures))
        self.assertIn("Calls in the same month last year (2025-12)", texts)
        self.assertIn("The same period last year (2025-01-01 to 12-31)", texts)
        november = monthly_figures(self.station_a, 2026, 11, now=ENDED)
        with translation.override("en"):
            self.assertEqual(november.last_year_to_date, "2025-01-01 to 11-30")

    def test_the_web_overview_dates_last_year(self) -> None:
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        with time_machine.travel(RUNNING, tick=False):
            page = self.client.get(reverse("reports:monthly"), {"month": "2026-12"})
        self.assertContains(page, "last year (2025-01-01 to 12-04 10:00)", count=2)
