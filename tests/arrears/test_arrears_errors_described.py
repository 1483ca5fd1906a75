"""Every field an arrears form refuses is tied to its message (walk73, L5), as intake's are: the
field says aria-invalid and its aria-describedby names the element that holds the words — on the
case's page (each step's form, what the household says now, the amount owed now, the chief's
lift) and on the list's form that opens a case."""

from __future__ import annotations

import re
from typing import Any

import time_machine
from django.urls import reverse

from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import household_record, liaison_contact, notice_record
from powerdesk.customers.models import Customer
from tests.arrears.api_cast import START, ArrearsApiCase

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


class ArrearsErrorsDescribedTests(ArrearsApiCase):
    def assert_described(self, html: str, *names: str) -> None:
        """Each control named is marked invalid and described by an element of the page that
        holds words; no description names an element the page lacks."""
        for name in names:
            with self.subTest(name=name):
                tag = re.search(rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*>', html)
                assert tag is not None, name
                self.assertIn('aria-invalid="true"', tag.group(0))
                named = re.search(r'aria-describedby="([^"]+)"', tag.group(0))
                assert named is not None, tag.group(0)
                for target in named.group(1).split():
                    said = re.search(rf'<span[^>]*\bid="{target}"[^>]*>([^<]+)</span>', html)
                    assert said is not None, target
                    self.assertTrue(said.group(1).strip())
        for ids in re.findall(r'aria-describedby="([^"]+)"', html):
            for target in ids.split():
                self.assertIn(f'id="{target}"', html)

    def step(self, case: ArrearsCase, step: str, **fields: Any) -> str:
        answer = self.client.post(case.get_absolute_url(), {"step": step, **fields}, **EN)
        self.assertEqual(answer.status_code, 400, answer.content[:300])
        return answer.content.decode()

    def test_each_step_s_refused_field_points_at_its_message(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.open_case()
            self.login(self.clerk)
            self.assert_described(self.step(case, "notice", method="pigeon"), "method")
            notice_record(case=case, user=self.clerk, method="door")
            self.assert_described(self.step(case, "liaison", outcome="x"), "outcome")
            liaison_contact(case=case, user=self.clerk, outcome="村小组长说下月回来缴")
            self.assert_described(self.step(case, "household", situation="。"), "situation")
            self.assert_described(self.step(case, "words", words="x"), "words")
            html = self.step(case, "amount", amount="abc", why="为" * 301)
            self.assert_described(html, "amount", "why")

    def test_the_chief_s_reason_and_lift_point_at_their_messages(self) -> None:
        with time_machine.travel(START, tick=False):
            cared = self.open_case()
            notice_record(case=cared, user=self.clerk, method="door")
            liaison_contact(case=cared, user=self.clerk, outcome="村小组长已转告")
            household_record(case=cared, user=self.clerk, situation="家里只有一位八十岁的老人")
            self.assertEqual(cared.check_result, ArrearsCase.Check.ESCALATE)
            self.login(self.chief)
            self.assert_described(self.step(cared, "approve", reason=""), "reason")
            # A case blocked by its words alone: the chief's lift, sent without its fields.
            blocked = self.open_case(
                Customer.objects.create(
                    station=self.station_a, account_number="53250000888", name="李四"
                )
            )
            notice_record(case=blocked, user=self.clerk, method="door")
            liaison_contact(case=blocked, user=self.clerk, outcome="村小组长说老人用制氧机")
            household_record(case=blocked, user=self.clerk, situation="老人在家吸氧，家里有制氧机")
            html = self.step(blocked, "lift", visited_by="", found="")
            self.assert_described(html, "visited_by", "visited_at", "found", "no_life_support")

    def test_the_list_s_form_points_at_its_messages(self) -> None:
        self.login(self.clerk)
        url = reverse("arrears:cases")
        refused = self.client.post(
            url, {"account_number": "53250000777", "amount": "abc", "owed_since": "1990-01-01"}
        )
        self.assertEqual(refused.status_code, 400)
        self.assert_described(refused.content.decode(), "amount", "owed_since")
        unknown = self.client.post(
            url, {"account_number": "00000000000", "amount": "12.50", "owed_since": "2025-12-01"}
        )
        self.assertEqual(unknown.status_code, 400)
        self.assert_described(unknown.content.decode(), "account_number")
