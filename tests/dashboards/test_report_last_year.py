"""The monthly report's "same period last year" is the reliability page's last year (walkthrough
31, finding 8): December's report compared with nothing — its end, 1 January of the next year,
moved back a year is 1 January of the report's year, not of last year — and said SAIDI 0.0 and
RS-1 100.0000 % on the page, the PDF and the workbook."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from powerdesk.outages.models import Outage
from powerdesk.reliability.selectors import Variant, reliability_by_area
from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.monthly_reliability import a_year_before
from powerdesk.reports.pdf import report_html
from powerdesk.reports.workbook import report_workbook
from tests.base import BaseTestCase

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 28, 10, 0, tzinfo=TZ)


class LastYearOfTheReportTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # One household below the fuse: an outage's minutes are the station's SAIDI.
        for year, minutes in ((2024, 90), (2025, 30)):
            start = dt.datetime(year, 3, 1, 9, tzinfo=TZ)
            Outage.objects.create(
                station=cls.station_a,
                device=cls.fuse,
                kind="unplanned",
                status="restored",
                starts_at=start,
                restored_at=start + dt.timedelta(minutes=minutes),
                customers=1,
            )

    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def last_year_saidi_of_the_reliability_page(self) -> float:
        figures = reliability_by_area(self.station_a, 2024)[("station", self.station_a.pk)]
        return float(figures.year(Variant.ALL).saidi)

    def test_a_year_before_the_end_of_december_is_the_start_of_the_report_s_year(self) -> None:
        end = dt.datetime(2026, 1, 1, tzinfo=TZ)
        self.assertEqual(a_year_before(end), dt.datetime(2025, 1, 1, tzinfo=TZ))
        leap = dt.datetime(2024, 2, 29, 12, tzinfo=TZ)
        self.assertEqual(a_year_before(leap), dt.datetime(2023, 2, 28, 12, tzinfo=TZ))

    def test_december_s_last_year_is_the_reliability_page_s_last_year(self) -> None:
        expected = self.last_year_saidi_of_the_reliability_page()
        self.assertAlmostEqual(expected, 90.0, places=3)
        for month in (12, 6):
            row = monthly_figures(self.station_a, 2025, month, now=NOW).station_row
            assert row is not None
            self.assertAlmostEqual(
                row.shown["last_year"]["saidi"] or 0, expected, places=3, msg=month
            )
            self.assertAlmostEqual(row.shown["year"]["saidi"] or 0, 30.0, places=3, msg=month)

    def test_the_page_the_pdf_and_the_workbook_say_last_year_s_figures(self) -> None:
        self.login(self.chief)
        page = self.client.get(reverse("reports:monthly"), {"month": "2025-12"})
        self.assertContains(page, "90.0")
        figures = monthly_figures(self.station_a, 2025, 12, now=NOW)
        self.assertIn("90.0", report_html(figures))
        book = load_workbook(io.BytesIO(report_workbook(figures)), data_only=True)
        # Its summary gives last year's RS-1: 90 minutes of 2024's 366 days.
        rs1 = 100 * (1 - 90 / (366 * 1440))
        values = [v for row in book.worksheets[0].iter_rows(values_only=True) for v in row]
        self.assertTrue(any(isinstance(v, float) and abs(v - rs1) < 1e-6 for v in values), values)
