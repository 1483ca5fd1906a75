"""The monthly report's promises name the same rows on the page, in the PDF's table and in the
workbook, kept late among them; the workbook's note sums the rows by their own labels
(walk76, L8)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import time_machine
from django.urls import reverse
from django.utils import translation

from powerdesk.servicedesk.promises_kept_at import promise_kept_at
from tests.base import BaseTestCase
from tests.servicedesk.promise_cast import promised
from tests.servicedesk.test_promise_kept_at import DUE, START


class MonthlyPromiseRowsTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        with time_machine.travel(START, tick=False):
            late = promised(self, due_at=DUE, text="今晚开好发票", category="business")
            on_time = promised(self, due_at=DUE, text="今晚回电", category="business")
        with time_machine.travel(DUE + dt.timedelta(minutes=30), tick=False):
            promise_kept_at(promise=late, user=self.clerk, at=DUE + dt.timedelta(minutes=20))
            promise_kept_at(promise=on_time, user=self.clerk, at=DUE - dt.timedelta(minutes=5))
        self.login(self.chief)

    def test_the_page_s_promises_row_counts_kept_late(self) -> None:
        with time_machine.travel(DUE + dt.timedelta(days=1), tick=False):
            page = self.client.get(reverse("reports:monthly"), {"month": "2026-06"})
        self.assertContains(page, 'data-figure="promises-month">1 / 1 / 0<')

    def test_the_workbook_s_note_names_its_rows(self) -> None:
        with time_machine.travel(DUE + dt.timedelta(days=1), tick=False):
            answer = self.client.get(
                reverse("reports:monthly_file", kwargs={"fmt": "xlsx"}),
                {"month": "2026-06"},
                HTTP_ACCEPT_LANGUAGE="en",
            )
        self.assertEqual(answer.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(answer.content))
        with translation.override("en"):
            from django.utils.translation import gettext as _

            sheet = book[_("Promises")]
        labels = [str(row[0].value) for row in sheet.iter_rows() if row[0].value]
        note = next(label for label in labels if " = " in label)
        rows = labels[labels.index(note) - 6 : labels.index(note)]
        self.assertEqual(len(rows), 6, labels)
        self.assertEqual(note.split(": ", 1)[1].rstrip("."), f"{rows[0]} = {' + '.join(rows[1:])}")
