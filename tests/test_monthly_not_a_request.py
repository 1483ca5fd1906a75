"""The monthly report's table of calls by category adds up to the month's calls on the page, the
PDF and the workbook (walkthrough 31, finding 10): the PDF said 353 calls over a table of 338,
leaving out the 15 calls that were no request, which only the workbook listed."""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import report_html
from powerdesk.reports.workbook import report_workbook
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 28, 10, 0, tzinfo=TZ)


def table_row(html: str, label: str) -> list[str]:
    row = next(r for r in html.split("<tr") if f"<td>{label}</td>" in r)
    return re.findall(r'<td class="num">([^<]*)</td>', row)


class NotARequestRowTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        calls = [("fault_repair", 10, 3), ("consultation", 10, 2), ("", 10, 4), ("", 3, 1)]
        for category, month, n in calls:
            for k in range(n):
                Call.objects.create(
                    station=cls.station_a,
                    received_at=dt.datetime(2026, month, 5 + k, 9, tzinfo=TZ),
                    text="测试",
                    category=category,
                )

    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def test_the_categories_add_up_to_the_month_s_calls(self) -> None:
        figures = monthly_figures(self.station_a, 2026, 10, now=NOW)
        self.assertEqual(sum(c.calls for c in figures.categories), figures.voice.calls)
        self.assertEqual(figures.voice.calls, 9)
        other = figures.categories[-1]
        self.assertEqual((other.code, other.calls, other.calls_year), ("", 4, 5))

    def test_the_page_the_pdf_and_the_workbook_list_the_row(self) -> None:
        self.login(self.chief)
        page = self.client.get(reverse("reports:monthly"), {"month": "2026-10"}).content.decode()
        self.assertEqual(table_row(page, "不是业务来电")[:2], ["4", "5"])
        figures = monthly_figures(self.station_a, 2026, 10, now=NOW)
        self.assertEqual(table_row(report_html(figures), "不是业务来电")[:2], ["4", "5"])
        book = load_workbook(io.BytesIO(report_workbook(figures)), data_only=True)
        rows = [r for s in book.worksheets for r in s.iter_rows(values_only=True)]
        others = [r for r in rows if r and r[0] == "不是业务来电"]
        self.assertEqual(len(others), 1, others)
        self.assertEqual(others[0][1:3], (4, 5))


class GlanceCountsEveryCallTests(BaseTestCase):
    """The glance's call count is the table's: a test call the classifier sorted as no request
    is counted in both and said beside the glance's count (walk72, 4: 来电 88, the table 89)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for k, (category, suggested) in enumerate(
            [("fault_repair", ""), ("fault_repair", ""), ("consultation", ""), ("", "other")]
        ):
            Call.objects.create(
                station=cls.station_a,
                received_at=dt.datetime(2026, 10, 5 + k, 9, tzinfo=TZ),
                text="测试" if not category else "停电了",
                category=category,
                suggested_category=suggested,
            )

    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def test_the_page_and_the_pdf_count_it_and_say_it(self) -> None:
        figures = monthly_figures(self.station_a, 2026, 10, now=NOW)
        self.assertEqual((figures.calls, figures.calls_no_request), (4, 1))
        self.login(self.chief)
        page = self.client.get(reverse("reports:monthly"), {"month": "2026-10"}).content.decode()
        self.assertIn('data-figure="calls">4<', page)
        for html in (page, report_html(figures)):
            said = html.split('data-testid="calls-no-request">', 1)[1].split("</span>", 1)[0]
            self.assertIn("1", said)
        self.assertIn("<b>4</b>", report_html(figures))
