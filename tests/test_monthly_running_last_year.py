"""A month still running is set beside the same days of last year's (walkthrough 32, finding 12:
on 4 December the workbook set 4 days of December's calls beside all of last December's, while
its reliability block was cut at the same day)."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.utils import translation
from openpyxl import load_workbook

from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import report_html
from powerdesk.reports.workbook import report_workbook
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase

TZ = ZoneInfo("Asia/Shanghai")
RUNNING = dt.datetime(2026, 12, 4, 10, 0, tzinfo=TZ)


class RunningMonthLastYearTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for day in (
            dt.datetime(2025, 12, 2, 9, tzinfo=TZ),
            dt.datetime(2025, 12, 20, 9, tzinfo=TZ),
        ):
            Call.objects.create(
                station=cls.station_a, received_at=day, category="fault_repair", text="停电"
            )

    def fault_row(self, now: dt.datetime):  # type: ignore[no-untyped-def]
        figures = monthly_figures(self.station_a, 2026, 12, now=now)
        return figures, next(r for r in figures.categories if r.code == "fault_repair")

    def test_a_running_month_counts_last_year_s_same_days(self) -> None:
        figures, row = self.fault_row(RUNNING)
        self.assertTrue(figures.running)
        self.assertEqual(row.calls_last_year, 1)  # 2 December, not 20 December

    def test_a_month_ended_counts_all_of_last_year_s(self) -> None:
        figures, row = self.fault_row(dt.datetime(2027, 1, 2, 9, tzinfo=TZ))
        self.assertFalse(figures.running)
        self.assertEqual(row.calls_last_year, 2)

    def test_the_workbook_says_which_period_it_set_beside(self) -> None:
        figures, _row = self.fault_row(RUNNING)
        book = load_workbook(io.BytesIO(report_workbook(figures)))
        texts = {
            str(cell.value)
            for sheet in book.worksheets
            for line in sheet.iter_rows()
            for cell in line
            if cell.value is not None
        }
        # (last year's column dated: test_monthly_last_year_dated)
        self.assertTrue(
            any("2025-12-01" in t and ("去年" in t or "last year" in t) for t in texts), texts
        )
        self.assertIn("本年累计（1月1日至2026-12-04 10:00）", texts)
        self.assertNotIn("本年累计（1月1日至月末）", texts)

    def test_the_pdf_names_last_year_s_series_by_the_same_days(self) -> None:
        """Review 32, finding 10: the PDF's calls chart named last year's few days "2025-12"."""
        figures, _row = self.fault_row(RUNNING)
        with translation.override("en"):  # the words are new: their Chinese comes with the merge
            chart = report_html(figures)
        self.assertIn("2025-12-01 to 12-04 10:00", chart)
        self.assertIn("2026-12-01 to 12-04 10:00", chart)
        self.assertNotIn(">2025-12<", chart)
        ended, _row = self.fault_row(dt.datetime(2027, 1, 2, 9, tzinfo=TZ))
        self.assertIn(">2025-12<", report_html(ended))
