"""Every list page exports what it lists, with its filters, to CSV and Excel.

The walk below takes every registered export (``lib/exports.py``), opens its list page with
some filters, and checks that the file has the very rows the page lists, cell for cell. Then: no
cell a spreadsheet would run, Chinese headers, who may export, another station's rows never, a
workbook that opens with typed cells, and the trail of exports.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from unittest import mock

import openpyxl
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.models import ExportLog, Membership, Role
from powerdesk.customers.models import Customer
from powerdesk.lib import exports as lib_exports
from powerdesk.lib.exports import _csv_cell, exports
from tests.base import BaseTestCase, make_user

# How to read the rows a page lists from its template context, for each export.
Rows = Callable[[dict[str, Any]], list[Any]]


def _page(ctx: dict[str, Any]) -> list[Any]:
    return list(ctx["page"].paginator.object_list)


def _in_month(ctx: dict[str, Any]) -> list[Any]:
    return [v for week in ctx["weeks"] for day in week if day.in_month for v in day.visits]


class ExportCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from powerdesk.arrears.services import case_open
        from powerdesk.community.liaison import contact_record, liaison_add
        from powerdesk.outages.models import Outage, OutageCallback
        from powerdesk.outages.services import outage_declare
        from powerdesk.outreach.services import visit_plan_once
        from powerdesk.servicedesk.calls import call_log
        from powerdesk.servicedesk.followup import hard_problem_open
        from powerdesk.servicedesk.models import Feedback, WorkOrderStatus
        from powerdesk.servicedesk.promises import promise_make
        from powerdesk.servicedesk.services import work_order_create
        from powerdesk.training.services import session_record

        a, now = cls.station_a, timezone.now()
        cls.dispatcher = make_user("dispatcher", a, Role.DISPATCHER, full_name="赵调度")
        cls.crew_member = make_user("crewman", a, Role.CREW)
        cls.liaison_user = make_user("liaison", a, Role.LIAISON)
        cls.admin = make_user("admin", a, Role.ADMIN)
        Membership.objects.filter(user=cls.liaison_user).update(village=cls.village)

        call_log(station=a, user=None, caller_number="0878-1234567", status="missed")
        cls.order = work_order_create(
            station=a, user=None, category="fault_repair", summary="哔叭停电", customer=cls.customer
        )
        resolved = work_order_create(
            station=a, user=None, category="fault_repair", summary="哔叭灯暗", customer=cls.customer
        )
        type(resolved).objects.filter(pk=resolved.pk).update(
            status=WorkOrderStatus.RESOLVED, resolved_at=now, callback_due_at=now
        )
        hard_problem_open(station=a, user=None, title="哔叭组电压低", village=cls.village)
        promise_make(
            station=a,
            user=None,
            work_order=cls.order,
            text="明早来电",
            due_at=now + dt.timedelta(hours=8),
        )
        Feedback.objects.create(station=a, kind="suggestion", text="多装变压器", received_at=now)
        Feedback.objects.create(station=a, kind="praise", text="来得快", received_at=now)
        case_open(
            station=a,
            user=None,
            customer=cls.customer,
            amount=Decimal("120.50"),
            owed_since=dt.date(2026, 1, 1),
        )
        visit_plan_once(
            station=a,
            user=None,
            date=timezone.localdate(),
            title="左门用电宣传",
            villages=[cls.village],
            staff=[cls.clerk],
            topics=["safe_use"],
        )
        outage = outage_declare(station=a, user=None, device=cls.fuse, kind="unplanned")
        # Its callbacks listed once it is restored (review39, S1).
        Outage.objects.filter(pk=outage.pk).update(status=Outage.Status.RESTORED, restored_at=now)
        OutageCallback.objects.create(
            outage=outage, customer=cls.customer, reason="elderly_alone", due_at=now
        )
        outage_declare(
            station=a,
            user=None,
            device=cls.transformer,
            kind="planned",
            cause="更换变压器",
            starts_at=now + dt.timedelta(days=9),
            expected_restore_at=now + dt.timedelta(days=9, hours=4),
        )
        liaison = liaison_add(
            village=cls.village, by=None, name="张书记", phone="13987654321", role="secretary"
        )
        contact_record(village=cls.village, by=None, kind="other", note="通知检修", liaison=liaison)
        session_record(
            station=a,
            user=None,
            date=timezone.localdate(),
            topic="安全规程",
            trainer="杨所长",
            hours="2",
            attendees=[cls.clerk],
        )
        # Station B's records, which no export of A may carry.
        b_village = type(cls.village).objects.create(station=cls.station_b, name="栋川秘密村")
        cls.b_customer = Customer.objects.create(
            station=cls.station_b, account_number="B-SECRET-1", name="栋川秘密", village=b_village
        )
        work_order_create(
            station=cls.station_b,
            user=None,
            category="fault_repair",
            summary="栋川秘密停电",
            customer=cls.b_customer,
        )
        cls.b_village = b_village

    def export(self, name: str, fmt: str = "csv", **params: str) -> Any:
        # A search in the address is kept in the session and redirected (lib/search.py).
        return self.client.get(
            reverse("accounts:export", kwargs={"name": name, "fmt": fmt}), params, follow=True
        )

    def csv_rows(self, response: Any) -> list[list[str]]:
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content).decode("utf-8")
        self.assertTrue(body.startswith("\ufeff"), "a byte-order mark for Excel")
        return list(csv.reader(io.StringIO(body[1:])))


class EveryListExportsWhatItShowsTests(ExportCase):
    # list name -> (page, its path ids, the filters tried, the rows the page lists)
    def pages(self) -> dict[str, tuple[str, dict[str, int], dict[str, str], Rows]]:
        village = {"pk": self.village.pk}
        return {
            "work_orders": ("servicedesk:work_orders", {}, {"show": "all", "q": "哔叭"}, _page),
            "calls": ("servicedesk:calls", {}, {"q": "0878"}, _page),
            "missed_calls": ("servicedesk:missed_calls", {}, {}, lambda c: list(c["calls"])),
            "callbacks": ("servicedesk:callbacks", {}, {}, lambda c: list(c["orders"])),
            "outage_callbacks": (
                "servicedesk:callbacks",
                {},
                {},
                lambda c: list(c["outage_callbacks"]),
            ),
            "promises": (
                "servicedesk:promises",
                {},
                {},
                lambda c: [*c["open"], *c["broken"]],
            ),
            "hard_problems": ("servicedesk:hard_problems", {}, {}, lambda c: list(c["problems"])),
            "feedback": (
                "servicedesk:feedback",
                {},
                {"kind": "suggestion"},
                lambda c: list(c["items"]),
            ),
            "customers": ("customers:list", {}, {"flag": "elderly_alone"}, _page),
            "villages": ("community:villages", {}, {}, lambda c: list(c["villages"])),
            "liaisons": (
                "community:village",
                village,
                {"village": str(self.village.pk)},
                lambda c: list(c["liaisons"]),
            ),
            "liaison_activities": (
                "community:village",
                village,
                {"village": str(self.village.pk)},
                lambda c: list(c["activities"]),
            ),
            "feeders": ("network:feeders", {}, {}, lambda c: list(c["feeders"])),
            "transformers": ("network:transformers", {}, {"feeder": str(self.feeder.pk)}, _page),
            "devices": ("network:devices", {}, {"lightning": "1"}, _page),
            "poles": ("network:poles", {}, {"q": "ZM"}, _page),
            "defects": ("network:defects", {}, {"resolved": "1"}, _page),
            "outages": ("outages:list", {}, {}, lambda c: [*c["current"], *c["recent"]]),
            "planned_outages": (
                "outages:planned",
                {},
                {},
                lambda c: [*c["coming"], *c["past"]],
            ),
            "arrears": (
                "arrears:cases",
                {},
                {},
                lambda c: [*c["open_cases"], *c["closed_cases"]],
            ),
            "outreach_visits": (
                "outreach:calendar",
                {},
                {"month": timezone.localdate().strftime("%Y-%m")},
                _in_month,
            ),
            "outreach_coverage": ("outreach:coverage", {}, {}, lambda c: list(c["rows"])),
            "training_sessions": ("training:plan", {}, {}, lambda c: list(c["recent"])),
            "outage_record": ("dashboards:outages", {}, {"kind": "unplanned"}, _page),
        }

    def test_every_registered_export_has_the_rows_its_page_lists_with_its_filters(self) -> None:
        pages = self.pages()
        self.assertEqual(sorted(exports()), sorted(pages), "each export has its page here")
        self.login(self.chief)
        for name, (url_name, ids, params, listed) in pages.items():
            export = exports()[name]
            with self.subTest(export=name):
                self.assertEqual(export.page, url_name)
                # A search in the address is kept server-side and redirected (lib/search.py).
                page = self.client.get(reverse(url_name, kwargs=ids), params, follow=True)
                self.assertEqual(page.status_code, 200)
                shown = listed(page.context)
                self.assertTrue(shown, f"{name}: the test gives the page something to list")
                expected = [[_csv_cell(c.value(row)) for c in export.columns] for row in shown]
                rows = self.csv_rows(self.export(name, **params))
                if export.said is not None:
                    rows = rows[1:]  # its first line says which rows it holds (walk73b 2)
                self.assertEqual(rows[0], export.headers())
                self.assertEqual(sorted(rows[1:]), sorted(expected))

    def test_a_filter_narrows_the_file_as_it_narrows_the_page(self) -> None:
        self.login(self.chief)
        everything = self.csv_rows(self.export("feedback"))
        praise = self.csv_rows(self.export("feedback", kind="praise"))
        self.assertEqual(len(everything), 3)
        self.assertEqual(len(praise), 2)
        self.assertIn("来得快", praise[1])
        none = self.csv_rows(self.export("work_orders", show="all", q="没有这样的工单"))
        self.assertEqual(len(none), 1)  # the header alone


class FormulaTests(ExportCase):
    DANGEROUS = [
        '=HYPERLINK("http://x","y")',
        "+86 1",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        "\rcmd",
        "＝1+1",
        "＋1",
        ";=1+1",  # split where the list separator is ";" (probe73 L12)
        "；1",
    ]

    def setUp(self) -> None:
        for n, text in enumerate(self.DANGEROUS):
            Customer.objects.create(
                station=self.station_a, account_number=f"F{n}", name=text, address=text
            )
        self.login(self.clerk)

    def test_a_csv_cell_that_starts_like_a_formula_gets_an_apostrophe(self) -> None:
        rows = self.csv_rows(self.export("customers", q="F"))
        names = {row[0]: row[1] for row in rows[1:] if row[0].startswith("F")}
        self.assertEqual(
            names, {f"F{n}": "'" + text for n, text in enumerate(self.DANGEROUS)}, names
        )
        # and a text that merely contains one is left alone
        self.assertEqual(_csv_cell("a=b"), "a=b")

    def test_an_excel_cell_that_starts_like_a_formula_is_text_never_a_formula(self) -> None:
        response = self.export("customers", "xlsx", q="F")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None
        found = {}
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                self.assertNotEqual(cell.data_type, "f", cell.coordinate)
            if str(row[0].value).startswith("F"):
                found[row[0].value] = row[1]
        for n, text in enumerate(self.DANGEROUS):
            cell = found[f"F{n}"]
            self.assertEqual(cell.value, text)  # the text itself, as it was typed
            self.assertEqual(cell.data_type, "s")
            self.assertTrue(cell.quotePrefix)


class ControlCharacterTests(ExportCase):
    def test_a_note_with_control_characters_exports_to_excel_without_them(self) -> None:
        # The words of a public report or a pasted note may carry characters (an escape, a
        # bell) that Excel's XML cannot hold: the file is written without them, never a 500,
        # and the CSV keeps the text as it was stored.
        from powerdesk.servicedesk.calls import call_log

        call_log(station=self.station_a, user=None, caller_number="", text="停电\x01了\x1b[31m")
        self.login(self.chief)
        response = self.export("calls", "xlsx")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None
        texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
        self.assertIn("停电了[31m", texts)
        rows = self.csv_rows(self.export("calls"))
        self.assertTrue(any("停电\x01了\x1b[31m" in row for row in rows))


class FileTests(ExportCase):
    def test_headers_are_chinese_and_the_file_is_named_by_station_list_and_date(self) -> None:
        self.login(self.chief)
        with translation.override("zh-hans"):
            response = self.client.get(
                reverse("accounts:export", kwargs={"name": "work_orders", "fmt": "csv"}),
                HTTP_ACCEPT_LANGUAGE="zh-hans",
            )
            rows = self.csv_rows(response)
        self.assertEqual(rows[0][:4], ["编号", "类别", "紧急", "状态"])
        self.assertIn("户号", rows[0])
        for name, export in exports().items():
            with translation.override("zh-hans"), self.subTest(export=name):
                for header in export.headers():
                    self.assertTrue(any("\u4e00" <= ch <= "\u9fff" for ch in header), header)
        today = timezone.localdate().isoformat()
        self.assertEqual(
            response["Content-Disposition"], f'attachment; filename="a-work_orders-{today}.csv"'
        )

    def test_the_workbook_opens_with_a_bold_frozen_header_and_typed_cells(self) -> None:
        self.login(self.chief)
        response = self.export("arrears", "xlsx")
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = book.active
        assert sheet is not None
        self.assertEqual(sheet.title, "欠费")
        self.assertEqual(sheet.freeze_panes, "A2")
        header = [c.value for c in sheet[1]]
        self.assertEqual(header, exports()["arrears"].headers())
        self.assertTrue(all(c.font.bold for c in sheet[1]))
        self.assertGreater(sheet.column_dimensions["A"].width, 10)
        row = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
        self.assertEqual(row["户号"], "53250000001")
        self.assertEqual(row["欠费金额（元）"], 120.5)  # a number, not text
        self.assertEqual(row["欠费起始"], dt.datetime(2026, 1, 1))  # a date cell
        self.assertIsInstance(row["立项"], dt.datetime)
        self.assertEqual(row["电话"], "0878 123 4567、138 1234 5678")

    def test_a_list_past_the_limit_is_cut_and_says_so(self) -> None:
        self.login(self.chief)
        with mock.patch.object(lib_exports, "MAX_ROWS", 1):
            rows = self.csv_rows(self.export("feedback"))
            sheet = openpyxl.load_workbook(
                io.BytesIO(self.export("feedback", "xlsx").content)
            ).active
        self.assertEqual(len(rows), 3)  # the header, one row, the note
        self.assertIn("2", rows[2][0])
        assert sheet is not None
        self.assertEqual(sheet.max_row, 3)
        self.assertTrue(ExportLog.objects.filter(list_name="feedback", cut=True, rows=1).exists())
