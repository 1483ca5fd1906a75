"""Control characters (a bell, an escape sequence, a backspace, C1 controls) are taken out of
what a person types, by the one cleaner every text goes through (``user_text.cleaned``): the
household's words on an arrears case, a hard problem step's drop reason, a liaison's name
(probe76, L9). A newline and a tab stay in a text of several lines."""

from __future__ import annotations

import datetime as dt

import time_machine

from powerdesk.arrears.models import ArrearsEvent
from powerdesk.arrears.services import household_record
from powerdesk.arrears.words_later import HOUSEHOLD_SAID
from powerdesk.community.liaison_records import liaison_add
from powerdesk.community.models import Liaison
from powerdesk.servicedesk.followup import (
    hard_problem_add_step,
    hard_problem_open,
)
from powerdesk.servicedesk.followup_drop import hard_problem_step_drop
from tests.arrears.api_cast import START, URL, ArrearsApiCase
from tests.base import BaseTestCase

CONTROLS = "\u0007\u001b[31m\b\u007f\u0085\u009b"
_SEEN = set(CONTROLS) - {"[", "3", "1", "m"}


def _clean(text: str) -> bool:
    return not (set(text) & _SEEN)


class WordsControlsTests(ArrearsApiCase):
    def test_the_household_s_words_lose_their_control_characters(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.checked()
            self.login(self.clerk)
            answer = self.post(f"{URL}/{case.pk}/words", {"words": f"下月{CONTROLS}来交"})
            self.assertEqual(answer.status_code, 200, answer.content)
            page = self.client.post(
                case.get_absolute_url(), {"step": "words", "words": f"ab{CONTROLS}\n第二行"}
            )
            self.assertEqual(page.status_code, 302)
        said = list(
            ArrearsEvent.objects.filter(note_code=HOUSEHOLD_SAID).values_list(
                "note_args__words", flat=True
            )
        )
        self.assertEqual(len(said), 2)
        self.assertTrue(all(_clean(words) for words in said), said)
        self.assertIn("\n", said[1])  # a second line stays

    def test_a_service_call_loses_them_too(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.checked()
            household_record(case=case, user=self.clerk, situation=f"x{CONTROLS}下月交", later=True)
        words = ArrearsEvent.objects.get(note_code=HOUSEHOLD_SAID).note_args["words"]
        self.assertTrue(_clean(words), words)


class DropReasonAndNameControlsTests(BaseTestCase):
    def test_a_drop_reason_loses_its_control_characters(self) -> None:
        problem = hard_problem_open(station=self.station_a, user=self.chief, title="末端电压偏低")
        step = hard_problem_add_step(
            problem=problem,
            user=self.chief,
            title="新增配变选址",
            owner=self.clerk,
            due_on=dt.date.today() + dt.timedelta(days=5),
        )
        dropped = hard_problem_step_drop(step=step, user=self.chief, reason=f"ok{CONTROLS}不再需要")
        self.assertTrue(_clean(dropped.note), repr(dropped.note))

    def test_a_liaison_s_name_loses_its_control_characters(self) -> None:
        self.login(self.chief)
        answer = self.client.post(
            self.village.get_absolute_url(),
            {"action": "add_liaison", "name": f"名{CONTROLS}字", "phone": "13800138000",
             "role": "director", "group": ""},
        )  # fmt: skip
        self.assertEqual(answer.status_code, 302)
        name = Liaison.objects.get().name
        self.assertTrue(_clean(name), repr(name))
        liaison = liaison_add(
            village=self.village, by=self.chief, name=f"王{CONTROLS}", phone="13800138001",
            role="director",
        )  # fmt: skip
        self.assertTrue(_clean(liaison.name), repr(liaison.name))


class DropReasonSaysSomethingTests(BaseTestCase):
    """A drop reason of punctuation alone is refused as the household's words are (probe76,
    L12: one rule for "says something")."""

    def test_punctuation_alone_is_no_reason(self) -> None:
        from powerdesk.servicedesk.followup_drop import DropReasonError

        problem = hard_problem_open(station=self.station_a, user=self.chief, title="末端电压偏低")
        step = hard_problem_add_step(
            problem=problem,
            user=self.chief,
            title="新增配变选址",
            owner=self.clerk,
            due_on=dt.date.today() + dt.timedelta(days=5),
        )
        for reason in ("。。", "x", "..."):
            with self.assertRaises(DropReasonError):
                hard_problem_step_drop(step=step, user=self.chief, reason=reason)
        step.refresh_from_db()
        self.assertIsNone(step.dropped_at)
        self.assertIsNotNone(
            hard_problem_step_drop(step=step, user=self.chief, reason="已改线").dropped_at
        )
