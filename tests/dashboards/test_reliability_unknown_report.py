"""The monthly report (page, PDF and workbook) and the reliability page say "—" for a station
with no outage on record, as the home pages do (walkthrough 28, finding 11): they showed SAIDI
0.0 and RS-1 100.0000, a perfect year for a station keeping no outages here."""

from __future__ import annotations

import datetime as dt
import io
import re

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import report_html
from powerdesk.reports.workbook import report_workbook
from tests.base import BaseTestCase


def figure(html: str, name: str) -> str:
    found = re.search(rf'data-figure="{name}">(.*?)</dd>', html)
    assert found, name
    return found.group(1).strip()


def station_cells(html: str, name: str) -> list[str]:
    row = next(r for r in html.split("<tr") if re.search(rf"<td[^>]*>{re.escape(name)}</td>", r))
    return re.findall(r'<td class="num">([^<]*)</td>', row)


class ReportReliabilityUnknownTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.chief)
        now = timezone.localtime()
        self.month = {"month": f"{now.year}-{now.month:02d}"}
        self.figures = lambda: monthly_figures(self.station_a, now.year, now.month, now=now)

    def test_the_report_page_says_a_dash_not_a_perfect_month(self) -> None:
        html = self.client.get(reverse("reports:monthly"), self.month).content.decode()
        for name in ("rs1-month", "rs1-year", "saidi-month", "saidi-year", "saifi-year"):
            self.assertEqual(figure(html, name), "—", name)
        self.assertNotIn("—%", html)
        cells = station_cells(html, self.station_a.name)
        self.assertEqual(cells[1:], ["—"] * 6, cells)

    def test_the_pdf_says_a_dash(self) -> None:
        html = report_html(self.figures())
        self.assertNotIn("100.0000", html)
        self.assertNotIn("—%", html)
        self.assertNotIn("— 分钟", html)
        cells = station_cells(html, self.station_a.name)
        self.assertEqual(cells[1:], ["—"] * 6, cells)

    def test_the_workbook_has_no_100_for_rs1(self) -> None:
        book = load_workbook(io.BytesIO(report_workbook(self.figures())), data_only=True)
        summary = book.worksheets[0]
        rs1 = [r[1] for r in summary.iter_rows(values_only=True) if r[0] and "RS-1" in str(r[0])]
        self.assertEqual(rs1, ["—", "—", "—"])
        reliability = book["供电可靠性"]
        row = next(c.row for c in reliability["A"] if c.value == self.station_a.name)
        self.assertEqual(reliability[f"J{row}"].value, "—")
        self.assertEqual(reliability[f"H{row}"].value, "—")

    def test_the_reliability_page_says_a_dash(self) -> None:
        html = self.client.get(reverse("dashboards:reliability")).content.decode()
        table = html.split('data-testid="year-table"', 1)[1].split("</table>", 1)[0]
        self.assertNotIn("100.0000", table)
        self.assertNotIn("0.0<", table)

    def test_with_an_outage_on_record_the_figures_are_numbers(self) -> None:
        outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(hours=1),
            notify=False,
        )
        html = self.client.get(reverse("reports:monthly"), self.month).content.decode()
        self.assertRegex(figure(html, "rs1-month"), r"^\d{2,3}\.\d{4}%$")
        self.assertRegex(figure(html, "saidi-month"), r"^\d+\.\d .+$")
        book = load_workbook(io.BytesIO(report_workbook(self.figures())), data_only=True)
        summary = book.worksheets[0]
        rs1 = [r[1] for r in summary.iter_rows(values_only=True) if r[0] and "RS-1" in str(r[0])]
        self.assertIsInstance(rs1[0], float)
