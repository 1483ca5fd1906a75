"""The household check's own result is said apart from what the words recorded since call for
(walk77 L3): a household the check found clear, which says days later that someone uses an
oxygen machine, is blocked by those words, but its check still reads "clear" (read: nothing),
on the case's page and in the arrears file. And the file says nothing of "no one at home depends
on power for life" for a case no chief's visit lifted (it said "no" for every such case)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import time_machine
from django.urls import reverse
from django.utils import translation

from powerdesk.arrears.blocks import block_of
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import household_record
from tests.arrears.api_cast import ArrearsApiCase
from tests.arrears.cast import START

OXYGEN = "家里有人用制氧机"
LATER = START + dt.timedelta(days=2)


class CheckApartTests(ArrearsApiCase):
    def said_later(self) -> ArrearsCase:
        with time_machine.travel(START, tick=False):
            case = self.checked()
        self.assertEqual(case.check_result, ArrearsCase.Check.CLEAR)
        with time_machine.travel(LATER, tick=False):
            household_record(case=case, user=self.clerk, situation=OXYGEN, later=True)
        case.refresh_from_db()
        self.assertEqual(block_of(case), "words")
        return case

    def rows(self) -> list[dict[str, str]]:
        self.login(self.chief)
        answer = self.client.get(
            reverse("accounts:export", kwargs={"name": "arrears", "fmt": "csv"}), follow=True
        )
        self.assertEqual(answer.status_code, 200)
        body = b"".join(answer.streaming_content).decode("utf-8")
        header, *lines = list(csv.reader(io.StringIO(body[1:])))
        return [dict(zip(header, line, strict=True)) for line in lines]

    def test_the_page_says_the_check_s_result_and_the_later_words_apart(self) -> None:
        case = self.said_later()
        self.login(self.clerk)
        page = self.client.get(case.get_absolute_url()).text
        self.assertIn('data-testid="check-own" data-check="clear"', page)
        self.assertNotIn('data-testid="check-read"', page)  # the check read no word
        self.assertIn('data-testid="check-since" data-check="block"', page)
        since = page.split('data-testid="since-read"', 1)[1][:200]
        self.assertIn("制氧机", since)

    def test_the_file_says_them_apart_and_no_life_support_only_after_a_visit(self) -> None:
        self.said_later()
        with translation.override("zh-hans"):
            clear = str(ArrearsCase.Check.CLEAR.label)
            block = str(ArrearsCase.Check.BLOCK.label)
            check = str(ArrearsCase._meta.get_field("check_result").verbose_name)
            read = str(ArrearsCase._meta.get_field("check_read").verbose_name)
            no_life = str(ArrearsCase._meta.get_field("lift_no_life_support").verbose_name)
        (row,) = self.rows()
        self.assertEqual(row[check], clear)
        self.assertEqual(row[read], "")
        self.assertIn(f"{block}：制氧机", row.values())  # the words since, in their own column
        self.assertEqual(row[no_life], "")
