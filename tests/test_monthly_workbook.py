"""The monthly workbook's cells as a previewer or pandas reads them: each formula saved with its
value, no total that sums itself in a month with nothing to sum, and a title that begins with
"=" kept as the text it is (walkthrough: the workbook showed blank cells)."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from openpyxl import load_workbook

from powerdesk.demo.seasons import TZ
from powerdesk.outreach.models import OutreachVisit
from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.workbook import report_workbook
from powerdesk.training.models import TrainingSession
from tests.base import BaseTestCase

NOW = dt.datetime(2026, 11, 25, 10, tzinfo=TZ)


class MonthlyWorkbookTests(BaseTestCase):
    def workbook(self) -> bytes:
        return report_workbook(monthly_figures(self.station_a, 2026, 11, now=NOW))

    def test_an_empty_month_has_no_total_summing_itself(self) -> None:
        book = load_workbook(io.BytesIO(self.workbook()))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type != "f":
                        continue
                    for first, last in re.findall(r"([A-Z]+\d+):([A-Z]+\d+)", str(cell.value)):
                        inside = sheet[f"{first}:{last}"]
                        cells = {c.coordinate for r in inside for c in r}
                        self.assertNotIn(cell.coordinate, cells, (sheet.title, cell.value))
        values = load_workbook(io.BytesIO(self.workbook()), data_only=True)
        outreach = [r for r in values["用电宣传"].iter_rows(values_only=True) if r[0] == "合计"]
        self.assertEqual(outreach[0][3], 0)

    def test_text_beginning_with_equals_is_text_and_sums_are_cached(self) -> None:
        title = '=HYPERLINK("http://example.com","点这里")'
        visit = OutreachVisit.objects.create(
            station=self.station_a,
            date=dt.date(2026, 11, 3),
            title=title,
            status=OutreachVisit.Status.DONE,
            households_reached=12,
        )
        visit.villages.add(self.village)
        session = TrainingSession.objects.create(
            station=self.station_a,
            date=dt.date(2026, 11, 4),
            topic="=1+1",
            trainer="杨所长",
            hours=Decimal("2.5"),
        )
        session.attendees.add(self.chief, self.clerk)
        data = self.workbook()
        book = load_workbook(io.BytesIO(data))
        cell = next(c for c in book["用电宣传"]["B"] if c.value == title)
        self.assertEqual(cell.data_type, "s")
        topic = next(c for c in book["培训"]["B"] if c.value == "=1+1")
        self.assertEqual(topic.data_type, "s")
        values = load_workbook(io.BytesIO(data), data_only=True)
        training = values["培训"]
        self.assertEqual(training[f"F{topic.row}"].value, 5.0)  # 2.5 hours × 2 attendees
        total = next(r for r in training.iter_rows(values_only=True) if r[0] == "合计")
        self.assertEqual(total[3:6], (2.5, 2, 5.0))
        outreach = next(r for r in values["用电宣传"].iter_rows(values_only=True) if r[0] == "合计")
        self.assertEqual(outreach[3], 12)

    def test_a_title_with_control_characters_is_written_without_them_not_a_crash(self) -> None:
        # A title pasted from a terminal or another program ("\x1b[1m", a bell): Excel's XML
        # cannot hold these, and openpyxl refuses the whole workbook for one of them.
        OutreachVisit.objects.create(
            station=self.station_a,
            date=dt.date(2026, 11, 3),
            title="\x1b[1m用电宣传\x07进村",
            status=OutreachVisit.Status.DONE,
            households_reached=3,
        ).villages.add(self.village)
        book = load_workbook(io.BytesIO(self.workbook()))
        self.assertTrue(any(c.value == "[1m用电宣传进村" for c in book["用电宣传"]["B"]))

    def test_each_sheet_is_frozen_under_its_own_header_and_headers_use_full_width_brackets(
        self,
    ) -> None:
        # Walkthrough 46, finding 12: the summary froze row 1 with its header on row 4, the
        # other sheets froze nothing, and one header read "RS-1 (%)" among "SAIDI（分钟）".
        book = load_workbook(io.BytesIO(self.workbook()))
        summary = book.worksheets[0]
        self.assertEqual([summary["A4"].value, summary["B4"].value], ["指标", "数值"])
        for sheet in book.worksheets:
            headers = [
                row[0].row
                for row in sheet.iter_rows()
                if any(c.fill.fgColor.rgb == "00DDE7F0" for c in row)
            ]
            with self.subTest(sheet.title):
                self.assertTrue(headers)
                self.assertEqual(sheet.freeze_panes, f"A{headers[0] + 1}")
                for row in headers:
                    for cell in sheet[row]:
                        text = str(cell.value or "")
                        self.assertNotRegex(text, r"[()]", cell.coordinate)
        reliability = book["供电可靠性"]
        header = int(str(reliability.freeze_panes)[1:]) - 1
        self.assertIn("RS-1（%）", [c.value for c in reliability[header]])

    def test_no_sheet_says_the_same_label_twice_above_its_table(self) -> None:
        # walk73, L9: the hard problems sheet read "月末未解决" as a figure and again as the
        # title of the table below it.
        book = load_workbook(io.BytesIO(self.workbook()))
        for sheet in book.worksheets:
            first = int(str(sheet.freeze_panes)[1:]) - 1
            said = [str(c.value) for c in sheet["A"][: first - 1] if c.value not in (None, "")]
            with self.subTest(sheet.title):
                self.assertEqual(len(said), len(set(said)), said)
