"""Column headings that share an English word with other pages read right in Chinese: the audit
trail's person and address (not "exported by" and "start"), and the monthly report's resolved
work orders, the same on the page, in the PDF and in the workbook (办结, not 消缺)."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import report_html
from tests.base import BaseTestCase


def _headings(html: str, testid: str = "") -> list[str]:
    if testid:
        html = html[html.index(f'data-testid="{testid}"') :]
    head = re.search(r"<thead>(.*?)</thead>", html, re.S)
    assert head is not None
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", head[1])]


class ColumnWordTests(BaseTestCase):
    def test_the_audit_trail_s_person_and_address_are_not_the_export_log_s_or_a_start(
        self,
    ) -> None:
        self.login(self.clerk)
        self.client.get("/accounts/export/customers.csv")  # a row on the trail
        self.login(self.chief)
        page = self.client.get(reverse("ops:audit"))
        headings = _headings(page.content.decode())
        self.assertEqual(len(headings), 4, headings)
        self.assertNotIn("导出人", headings)  # "exported by": the export log's column
        self.assertNotIn("开始", headings)  # "start": a planned outage's column
        # The export log keeps its own word.
        self.assertIn(
            "导出人", _headings(self.client.get(reverse("accounts:export_log")).content.decode())
        )

    def test_the_monthly_report_says_resolved_work_orders_as_the_workbook_does(self) -> None:
        self.login(self.chief)
        today = timezone.localdate()
        page = self.client.get(reverse("reports:monthly")).content.decode()
        self.assertIn("办结工单", _headings(page, "report-desk"))
        self.assertNotIn("消缺", _headings(page, "report-desk"))
        with translation.override("zh-hans"):
            pdf = report_html(monthly_figures(self.station_a, today.year, today.month))
        service = pdf[pdf.index("<th>类别</th>") - 300 :]
        self.assertIn("办结工单", _headings(service))
        self.assertNotIn("消缺", _headings(service))
