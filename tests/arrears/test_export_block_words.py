"""The arrears file says what the case's page says: what blocks the disconnection now (with the
words read), and the latest words the household said since (probe76, M8)."""

from __future__ import annotations

import csv
import io
from unittest import mock

import time_machine
from django.urls import reverse

from powerdesk.arrears import exports
from powerdesk.arrears.services import household_record
from tests.arrears.api_cast import START, ArrearsApiCase

VENTILATOR = "户主来说老伴晚上要用呼吸机"


class ArrearsExportBlockTests(ArrearsApiCase):
    def rows(self) -> list[list[str]]:
        answer = self.client.get(
            reverse("accounts:export", kwargs={"name": "arrears", "fmt": "csv"}), follow=True
        )
        self.assertEqual(answer.status_code, 200)
        body = b"".join(answer.streaming_content).decode("utf-8")
        return list(csv.reader(io.StringIO(body[1:])))

    def test_a_case_blocked_by_later_words_exports_its_block_and_the_words(self) -> None:
        with time_machine.travel(START, tick=False):
            blocked = self.open_case()  # not yet checked: the words said block at once
            household_record(case=blocked, user=self.clerk, situation=VENTILATOR, later=True)
        blocked.refresh_from_db()
        self.assertEqual(blocked.blocked_by, "words")
        self.login(self.chief)
        rows = self.rows()
        line = next(r for r in rows[1:] if self.household.account_number in r)
        self.assertTrue(any(VENTILATOR in cell for cell in line), line)
        self.assertTrue(any("呼吸机" in cell and VENTILATOR not in cell for cell in line), line)
        self.assertEqual(len(rows[0]), len(line))

    def test_the_household_check_is_worked_out_once_a_case(self) -> None:
        # Review79 L4: its three columns worked it out each (check_apart thrice a case).
        with time_machine.travel(START, tick=False):
            self.open_case()
        self.login(self.chief)
        with mock.patch.object(exports, "check_apart", wraps=exports.check_apart) as checked:
            rows = self.rows()
        self.assertEqual(checked.call_count, len(rows) - 1)
