"""The monthly service report on the demo station: the workbook's numbers are the selectors' and
its rates are formulas; the PDF shows Chinese text (rendered to PNG by pdftoppm and read back by
pdftotext); the command writes both; the page gives them to the chief of each station only."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
import zoneinfo
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook
from PIL import Image

from powerdesk.accounts.models import Role, Station
from powerdesk.outages.models import OutageLink
from powerdesk.reliability.selectors import Variant, reliability_by_area
from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import report_html, report_pdf
from powerdesk.reports.workbook import report_workbook
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import make_user
from tests.demo_station import TODAY, load_demo

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
YEAR, MONTH = TODAY.year, 10  # October of the demo's year: a month over
START = dt.datetime(YEAR, MONTH, 1, tzinfo=TZ)
END = dt.datetime(YEAR, MONTH + 1, 1, tzinfo=TZ)
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftoppm"), reason="poppler-utils (scripts/install-system-packages.sh)"
)


class MonthlyReportTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY)
        cls.station = Station.objects.get(code="guanglu")
        cls.figures = monthly_figures(cls.station, YEAR, MONTH)
        cls.book = load_workbook(io.BytesIO(report_workbook(cls.figures)))

    def rows(self, sheet: str) -> list[tuple[object, ...]]:
        return [tuple(r) for r in self.book[sheet].iter_rows(values_only=True)]

    def row_named(self, sheet: str, name: str, after: str = "") -> tuple[object, ...]:
        seen = not after
        for row in self.rows(sheet):
            seen = seen or row[0] == after
            if seen and row[0] == name:
                return row
        raise AssertionError(f"no row {name!r} in {sheet}")

    def test_the_workbook_has_a_sheet_per_area(self) -> None:
        self.assertEqual(
            self.book.sheetnames,
            [
                "摘要",
                "供电可靠性",
                "服务台",
                "回访与满意度",
                "承诺",
                "难点问题",
                "用电宣传",
                "培训",
                "欠费",
                "用户之声",
            ],
        )

    def test_reliability_figures_are_the_selector_s_and_the_indices_are_formulas(self) -> None:
        figures = reliability_by_area(self.station, YEAR, now=END)[("station", self.station.pk)]
        month = figures.months[MONTH][Variant.ALL]
        year = figures.year(Variant.ALL)
        station_rows = [r for r in self.rows("供电可靠性") if r[0] == self.station.name]
        this_month, to_date = station_rows[0], station_rows[1]
        self.assertEqual(
            this_month[1:4],
            (
                month.customers_served,
                month.customer_interruptions,
                round(month.customer_minutes, 2),
            ),
        )
        self.assertEqual(to_date[2], year.customer_interruptions)
        self.assertAlmostEqual(to_date[3], year.customer_minutes, places=1)  # type: ignore[arg-type]
        # What the formulas compute from those cells is the engine's SAIDI and RS-1.
        served, minutes, period = to_date[1], to_date[3], to_date[4]
        saidi = minutes / served  # type: ignore[operator]
        self.assertAlmostEqual(saidi, year.saidi, places=3)
        self.assertAlmostEqual((1 - saidi / period) * 100, year.rs1, places=4)  # type: ignore[operator]
        sheet = self.book["供电可靠性"]
        row = next(c.row for c in sheet["A"] if c.value == self.station.name)
        self.assertEqual(sheet[f"H{row}"].value, f"=IF(B{row}=0,0,D{row}/B{row})")
        self.assertEqual(sheet[f"J{row}"].value, f"=IF(E{row}=0,100,(1-H{row}/E{row})*100)")
        # the typhoon of 14 July is this year's major event day
        self.assertIn(f"{YEAR}-07-14", [r[0] for r in self.rows("供电可靠性")])
        # the sheet says how an outage still on is counted (never as momentary)
        self.assertTrue(any("仍未恢复" in str(r[0]) for r in self.rows("供电可靠性")))

    def test_service_desk_counts_are_the_database_s_with_totals_and_rates_as_formulas(self) -> None:
        calls = Call.objects.for_station(self.station).filter(
            received_at__gte=START, received_at__lt=END
        )
        fault = self.row_named("服务台", "故障报修")
        self.assertEqual(fault[1], calls.filter(category="fault_repair").count())
        orders = WorkOrder.objects.for_station(self.station)
        self.assertEqual(
            fault[4],
            orders.filter(
                category="fault_repair", created_at__gte=START, created_at__lt=END
            ).count(),
        )
        # an outage's joined orders count as one: the outage's own order (or its first joined)
        joined: set[int] = set()
        owns: set[int | None] = set()
        for link in OutageLink.objects.prefetch_related("work_orders"):
            ids = {o.pk for o in link.work_orders.all()}
            joined |= ids
            owns.add(link.order_id or (min(ids) if ids else None))
        not_counted = joined - owns
        resolved = [
            o
            for o in orders.filter(
                category="fault_repair", resolved_at__gte=START, resolved_at__lt=END
            )
            if o.pk not in not_counted
        ]
        self.assertEqual(fault[5], len(resolved))
        in_time = [
            o for o in resolved if o.resolve_due_at is None or o.resolved_at <= o.resolve_due_at
        ]  # type: ignore[operator]
        in_time = [
            o
            for o in in_time
            if o.arrive_due_at is None or (o.arrived_at or o.resolved_at) <= o.arrive_due_at  # type: ignore[operator]
        ]
        self.assertEqual(fault[6], len(in_time))
        self.assertTrue(str(fault[7]).startswith("=IF(F"))
        total = self.row_named("服务台", "合计")
        self.assertTrue(str(total[1]).startswith("=SUM(B"))
        # the calls of every category and of none add up to the month's calls
        categorised = [r[1] for r in self.rows("服务台")[2:] if isinstance(r[1], int)]
        self.assertEqual(sum(categorised), calls.count())

    def test_satisfaction_and_promise_rates_are_formulas_over_the_counts(self) -> None:
        scored = self.row_named("回访与满意度", "回访：有评分")
        self.assertEqual(scored[1], self.figures.follow_up.callback_scores.count)
        rate = self.row_named("回访与满意度", "回访：满意率")
        self.assertTrue(str(rate[1]).startswith("=IF("))
        # walk76 L8: the row named as the rate names it (按时兑现 once po.json is compiled).
        kept = self.row_named("承诺", gettext("Kept on time"))
        self.assertEqual(kept[1], self.figures.promises.kept)
        share = self.row_named("承诺", "按时兑现率（按时兑现 ÷ 按时兑现、未兑现与逾期兑现之和）")
        self.assertIn("/", str(share[1]))
        summary = self.rows("摘要")
        self.assertIn("光禄供电所", str(summary[0][0]))
        self.assertTrue(any(str(r[1]).startswith("='供电可靠性'!J") for r in summary))

    def test_every_formula_is_saved_with_the_value_it_gives(self) -> None:
        # A previewer, pandas or openpyxl's data_only read the cached values: none is blank
        # where the formula gives a number, and the figures are the services' own.
        data = report_workbook(self.figures)
        values = load_workbook(io.BytesIO(data), data_only=True)
        formulas = 0
        for sheet in self.book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        formulas += 1
                        cached = values[sheet.title][cell.coordinate].value
                        if cached is None:  # only a share of nothing is left empty
                            self.assertIn('""', cell.value, (sheet.title, cell.coordinate))
        self.assertGreater(formulas, 50)
        station = self.figures.reliability.rows[0]
        summary = {r[0]: r[1] for r in values["摘要"].iter_rows(values_only=True)}
        self.assertAlmostEqual(summary["本月 RS-1（%）"], station.month.rs1, places=4)
        self.assertAlmostEqual(summary["本年累计 RS-1（%）"], station.year.rs1, places=4)
        self.assertAlmostEqual(summary["本年累计 SAIDI（分钟）"], station.year.saidi, places=2)
        self.assertEqual(summary["本月来电"], self.figures.voice.calls)
        self.assertAlmostEqual(
            summary["本月满意率（4分或5分）"], self.figures.follow_up.satisfaction
        )
        promises = self.figures.promises
        self.assertAlmostEqual(
            summary["本月承诺兑现率"], promises.kept / (promises.kept + promises.broken)
        )
        resolved = sum(c.resolved for c in self.figures.categories)
        in_time = sum(c.in_time for c in self.figures.categories)
        self.assertAlmostEqual(summary["本月工单按时办结率"], in_time / resolved)
        reliability = values["供电可靠性"]
        row = next(c.row for c in reliability["A"] if c.value == self.station.name)
        self.assertAlmostEqual(reliability[f"G{row}"].value, station.month.saifi, places=4)
        # pandas reads the summary's figures, not NaN
        frame = pd.read_excel(io.BytesIO(data), sheet_name="摘要", header=None)
        self.assertFalse(frame[1].iloc[4:13].isna().any())

    @needs_poppler
    def test_the_pdf_shows_the_station_s_name_in_chinese(self) -> None:
        pdf = report_pdf(self.figures)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "report.pdf"
            path.write_bytes(pdf)
            text = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
            ).stdout
            self.assertIn("光禄供电所", text)
            self.assertIn("月度服务报告", text)
            self.assertIn("供电可靠性", text)
            # the deadline figure says which orders it counts (not the home's 时限达标率)
            self.assertIn("本月办结工单按时率", text)
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "40",
                    "-png",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    str(path),
                    str(Path(folder) / "page"),
                ],
                check=True,
            )
            image = Image.open(next(Path(folder).glob("page*.png"))).convert("L")
            dark = sum(image.histogram()[:128])
            self.assertGreater(dark / (image.width * image.height), 0.01)  # not a blank page

    def test_the_command_writes_both_files_and_names_a_bad_month(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            xlsx, pdf = Path(folder) / "r.xlsx", Path(folder) / "r.pdf"
            call_command(
                "report",
                station="guanglu",
                month=f"{YEAR}-{MONTH:02d}",
                xlsx=xlsx,
                pdf=pdf,
                stdout=io.StringIO(),
            )
            self.assertEqual(load_workbook(xlsx).sheetnames[0], "摘要")
            self.assertTrue(pdf.read_bytes().startswith(b"%PDF"))
            with self.assertRaisesMessage(CommandError, "--month"):
                call_command("report", station="guanglu", month="2026-13", xlsx=xlsx)
            with self.assertRaisesMessage(CommandError, "--station"):
                call_command("report", station="nowhere", month="2026-10", xlsx=xlsx)

    def test_the_page_shows_the_month_s_figures_of_the_station_only(self) -> None:
        chief = make_user("page_chief", self.station, Role.CHIEF)
        self.client.force_login(chief)
        page = self.client.get(reverse("reports:monthly"), {"month": f"{YEAR}-{MONTH:02d}"})
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()

        def figure(name: str) -> str:
            found = re.search(rf'data-figure="{name}">([^<]*)<', html)
            assert found, name
            return found.group(1).strip()

        f = self.figures
        station = f.reliability.rows[0]
        self.assertEqual(figure("rs1-month"), f"{station.month.rs1:.4f}%")
        self.assertEqual(figure("rs1-year"), f"{station.year.rs1:.4f}%")
        self.assertTrue(figure("saidi-year").startswith(f"{station.year.saidi:.1f}"))
        self.assertEqual(figure("saifi-month"), f"{station.month.saifi:.3f}")
        self.assertEqual(figure("calls"), str(f.voice.calls))
        assert f.in_time_rate is not None and f.follow_up.satisfaction is not None
        self.assertEqual(figure("in-time"), f"{f.in_time_rate * 100:.1f}%")
        self.assertEqual(figure("satisfaction"), f"{f.follow_up.satisfaction * 100:.1f}%")
        self.assertEqual(figure("problems-open"), str(len(f.problems_open)))
        for feeder in f.reliability.rows[1:]:
            self.assertContains(page, feeder.name)
        # Printed from the browser, the page says whose report it is.
        heading = re.search(r'data-testid="report-heading">([^<]*)<', html)
        assert heading
        self.assertIn(self.station.name, heading.group(1))
        # another station's chief sees their own station's figures
        other = Station.objects.exclude(pk=self.station.pk).first()
        assert other is not None
        self.client.force_login(make_user("page_other_chief", other, Role.CHIEF))
        theirs = self.client.get(reverse("reports:monthly"), {"month": f"{YEAR}-{MONTH:02d}"})
        mine = monthly_figures(other, YEAR, MONTH)
        self.assertIn(f'data-figure="calls">{mine.voice.calls}<', theirs.content.decode())
        for row in f.reliability.rows:
            self.assertNotContains(theirs, row.name)
        self.client.force_login(make_user("page_counter", self.station, Role.COUNTER))
        self.assertEqual(self.client.get(reverse("reports:monthly")).status_code, 403)

    def test_the_page_the_pdf_and_the_workbook_write_each_rate_alike(self) -> None:
        # Walkthrough 23: the page said 81.8% / 85.0%, the PDF 82% / 85% for the same figures.
        self.client.force_login(make_user("rates_chief", self.station, Role.CHIEF))
        page = self.client.get(reverse("reports:monthly"), {"month": f"{YEAR}-{MONTH:02d}"})
        pdf = report_html(self.figures)
        f = self.figures
        rates = {
            "in-time": f.in_time_rate,
            "satisfaction": f.follow_up.satisfaction,
            "kept": f.kept_rate,
        }
        for name, rate in rates.items():
            with self.subTest(figure=name):
                assert rate is not None
                said = f"{Decimal(str(rate * 100)).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"
                for html in (page.content.decode(), pdf):
                    found = re.search(rf'data-figure="{name}">([^<]*)<', html)
                    assert found, name
                    self.assertEqual(found.group(1).strip(), said)
        # The workbook's rates are formatted with the same one decimal, and no other way.
        with zipfile.ZipFile(io.BytesIO(report_workbook(self.figures))) as xlsx:
            styles = xlsx.read("xl/styles.xml").decode()
        percents = set(re.findall(r'formatCode="([^"]*%[^"]*)"', styles))
        self.assertEqual(percents, {"0.0%"})
        # A category's share resolved in time too: 81.8%, never 82% in one and 81.8% in another.
        category = next(c for c in f.categories if c.resolved)
        share = Decimal(str(category.in_time / category.resolved * 100))
        written = f"{category.in_time} ({share.quantize(Decimal('0.1'), ROUND_HALF_UP)}%)"
        self.assertContains(page, written)
        self.assertIn(written, pdf)

    def test_the_chief_downloads_the_workbook_of_their_own_station_only(self) -> None:
        chief = make_user("report_chief", self.station, Role.CHIEF)
        counter = make_user("report_counter", self.station, Role.COUNTER)
        other = Station.objects.exclude(pk=self.station.pk).first()
        assert other is not None
        other_chief = make_user("other_chief", other, Role.CHIEF)
        url = reverse("reports:monthly_file", kwargs={"fmt": "xlsx"}) + f"?month={YEAR}-{MONTH:02d}"
        self.client.force_login(counter)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.force_login(chief)
        page = self.client.get(reverse("reports:monthly"), {"month": f"{YEAR}-{MONTH:02d}"})
        self.assertContains(page, "report.xlsx?month=")
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        said = response["Content-Disposition"]
        self.assertIn("attachment", said)
        # A plain name for downloaders that read no RFC 5987 one, then the Chinese name.
        self.assertIn(f'filename="{self.station.code}-{YEAR}-{MONTH:02d}.xlsx"', said)
        self.assertIn("filename*=UTF-8''%E5%85%89", said)  # 光…
        self.assertTrue(said.isascii())
        self.assertIn(
            "光禄供电所", str(load_workbook(io.BytesIO(response.content))["摘要"]["A1"].value)
        )
        self.client.force_login(other_chief)
        theirs = load_workbook(io.BytesIO(self.client.get(url).content))
        self.assertIn(other.name, str(theirs["摘要"]["A1"].value))
        self.assertNotIn("光禄", str(theirs["摘要"]["A1"].value))
        self.assertEqual(self.client.get(url.replace("xlsx", "doc")).status_code, 404)
