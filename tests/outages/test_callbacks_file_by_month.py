"""The outage callbacks' file takes the period and state a station chief asks for (walk73b 2):
still to call (the default, as the page lists), or a month's callbacks — every one, those
reached, those given up — one line a household with its "Every try" cell, so the tries of a
household reached or given up are in a file too. The file's name and its first line say which;
the CSV and the workbook read back the same."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from powerdesk.accounts.models import Role
from powerdesk.customers.models import Customer
from powerdesk.outages.models import OutageCallback
from powerdesk.outages.outage_callback_record import (
    outage_callback_give_up,
    outage_callback_record,
)
from tests.base import BaseTestCase, make_user
from tests.servicedesk.test_callback_sent_twice import restored_callback


def _household(case: Any, name: str, account: str) -> Customer:
    return Customer.objects.create(
        station=case.station_a, account_number=account, name=name,
        village=case.village, transformer=case.transformer,
    )  # fmt: skip


class CallbacksFileCase(BaseTestCase):
    def setUp(self) -> None:
        self.dispatcher = make_user("dispatch", self.station_a, Role.DISPATCHER, full_name="王调度")
        self.due = restored_callback(self)  # 普光荣: one try, still to call
        outage = self.due.outage
        self.reached = OutageCallback.objects.create(
            outage=outage, customer=_household(self, "字祥", "53250000002"),
            reason="elderly_alone", due_at=timezone.now(),
        )  # fmt: skip
        self.given_up = OutageCallback.objects.create(
            outage=outage, customer=_household(self, "普兰贵", "53250000003"),
            reason="elderly_alone", due_at=timezone.now(),
        )  # fmt: skip
        self.tried(self.due, self.clerk, "not_reached", "占线")
        self.tried(self.reached, self.dispatcher, "not_reached", "调度打了没人接")
        self.tried(self.reached, self.clerk, "reached", "已来电", satisfaction=5)
        for user, note in ((self.dispatcher, "关机"), (self.clerk, "没人接"), (self.chief, "停机")):
            self.tried(self.given_up, user, "not_reached", note)
        outage_callback_give_up(callback=self.given_up, user=self.chief, reason="家属已接走老人")
        self.month = timezone.localdate().strftime("%Y-%m")
        self.login(self.chief)

    def tried(
        self, callback: OutageCallback, user: Any, outcome: str, note: str, **more: Any
    ) -> None:
        outage_callback_record(callback=callback, user=user, outcome=outcome, note=note, **more)

    def get(self, fmt: str, **params: str) -> Any:
        return self.client.get(
            reverse("accounts:export", kwargs={"name": "outage_callbacks", "fmt": fmt}),
            params, HTTP_ACCEPT_LANGUAGE="en",
        )  # fmt: skip

    def csv_of(self, **params: str) -> tuple[str, str, list[dict[str, str]]]:
        response = self.get("csv", **params)
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
        (caption,), header, *rows = list(csv.reader(io.StringIO(body)))
        return (
            response["Content-Disposition"],
            caption,
            [dict(zip(header, r, strict=True)) for r in rows],
        )


class FileByMonthTests(CallbacksFileCase):
    def test_still_to_call_by_default_as_the_page_lists(self) -> None:
        name, caption, rows = self.csv_of()
        self.assertEqual([r["Customer"] for r in rows], ["普光荣"])
        self.assertIn("-outage_callbacks-due-", name)
        self.assertIn(timezone.localdate().isoformat(), caption)

    def test_a_months_file_has_every_household_with_every_try(self) -> None:
        name, caption, rows = self.csv_of(show="month", month=self.month)
        self.assertEqual({r["Customer"] for r in rows}, {"普光荣", "字祥", "普兰贵"})
        self.assertIn(f"-outage_callbacks-month-{self.month}-", name)
        self.assertIn(self.month, caption)
        tries = {r["Customer"]: r["Every try"] for r in rows}
        # The reached household's earlier try by another person is in the file.
        self.assertLess(tries["字祥"].index("调度打了没人接"), tries["字祥"].index("已来电"))
        self.assertIn("王调度", tries["字祥"])
        for note in ("关机", "没人接", "停机"):
            self.assertIn(note, tries["普兰贵"])
        settled = {r["Customer"]: r["State"] for r in rows}
        self.assertIn("家属已接走老人", settled["普兰贵"])
        self.assertEqual(settled["普光荣"], "")

    def test_reached_and_given_up_alone(self) -> None:
        _, _, reached = self.csv_of(show="reached", month=self.month)
        self.assertEqual([r["Customer"] for r in reached], ["字祥"])
        name, _, given_up = self.csv_of(show="given_up", month=self.month)
        self.assertEqual([r["Customer"] for r in given_up], ["普兰贵"])
        self.assertIn(f"-given-up-{self.month}-", name)

    def test_another_month_has_none_of_them(self) -> None:
        name, caption, rows = self.csv_of(show="month", month="2020-01")
        self.assertEqual(rows, [])
        self.assertIn("2020-01", name)
        self.assertIn("2020-01", caption)

    def test_the_workbook_reads_back_as_the_csv(self) -> None:
        _, caption, rows = self.csv_of(show="month", month=self.month)
        response = self.get("xlsx", show="month", month=self.month)
        self.assertIn(f"-month-{self.month}-", response["Content-Disposition"])
        sheet = load_workbook(io.BytesIO(response.content)).active
        (said, *_), header, *lines = [list(r) for r in sheet.iter_rows(values_only=True)]
        self.assertEqual(said, caption)
        book = [dict(zip(header, line, strict=True)) for line in lines]
        self.assertEqual(
            [(r["Customer"], r["Every try"], r["State"] or "") for r in book],
            [(r["Customer"], r["Every try"], r["State"]) for r in rows],
        )
        self.assertEqual(sheet.freeze_panes, "A3")

    def test_the_export_is_logged_with_what_was_asked(self) -> None:
        from powerdesk.accounts.models import ExportLog

        self.csv_of(show="given_up", month=self.month)
        log = ExportLog.objects.get()
        self.assertEqual((log.rows, log.list_name), (1, "outage_callbacks"))
        self.assertIn("show=given_up", log.filters)

    def test_the_page_offers_the_choice_even_with_no_one_left_to_call(self) -> None:
        self.tried(self.due, self.dispatcher, "reached", "好了", satisfaction=4)
        page = self.client.get(reverse("servicedesk:callbacks"))
        self.assertContains(page, 'data-testid="outage-callbacks-export"')
        for value in ("due", "month", "reached", "given_up"):
            self.assertContains(page, f'<option value="{value}">')
        self.assertContains(page, f'name="month" value="{self.month}"')
