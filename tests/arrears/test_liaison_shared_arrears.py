"""A village liaison rings from a number a household shares, the clerk chooses the liaison, and
the note names a medical need (review77 L12): the call has no customer, and the words reached
neither the household's arrears case nor its chiefs. Now the clerk is told before saving (the
caller panel), and the saved words go on the household's case as the liaison's, the chiefs of a
household cut off told at once, the liaison named."""

from __future__ import annotations

import time_machine
from django.urls import reverse

from powerdesk.arrears.blocks import block_of
from powerdesk.arrears.models import ArrearsCase
from powerdesk.community.models import Liaison
from powerdesk.servicedesk.models import Call
from tests.arrears.lift_cast import RANG_VENTILATOR
from tests.arrears.test_cut_case_words_card import CutCase
from tests.arrears.test_cut_need_told import CUT_LATER, NUMBER
from tests.base import post_intake


class LiaisonOnSharedNumberTests(CutCase):
    def setUp(self) -> None:
        super().setUp()
        self.liaison = Liaison.objects.create(
            station=self.station_a, village=self.village, group=self.group, name="段发桂",
            phone=NUMBER, role=Liaison.Role.GROUP_LEADER,
        )  # fmt: skip

    def panel(self, text: str) -> str:
        answer = self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": text, "caller_is": "liaison"},
        )
        self.assertEqual(answer.status_code, 200)
        return answer.content.decode()

    def take(self) -> Call:
        with time_machine.travel(CUT_LATER, tick=True):
            answer = post_intake(
                self.client,
                {
                    "caller_number": NUMBER,
                    "text": RANG_VENTILATOR,
                    "category": "billing",
                    "caller_is": "liaison",
                },
            )
        self.assertEqual(answer.status_code, 302)
        call = Call.objects.get()
        self.assertEqual((call.customer, call.liaison), (None, self.liaison))
        return call

    def test_a_cut_household_s_chiefs_are_told_naming_the_liaison(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            before = self.panel(RANG_VENTILATOR)
            calm = self.panel("下个月发工资就来交")
        self.assertIn(f'data-testid="shared-arrears" data-case="{case.pk}" data-cut="1"', before)
        self.assertNotIn('data-testid="shared-arrears"', calm)
        self.take()
        told = self.told()
        self.assertEqual({n.recipient for n in told}, {self.chief, self.chief2})
        for notice in told:
            self.assertIn("呼吸机", notice.text)
            self.assertIn("段发桂", notice.text)
        line = case.events.get(note_code="arrears_liaison_said")
        self.assertEqual(line.note_args["liaison"], "段发桂")
        page = self.client.get(case.get_absolute_url()).text
        self.assertIn("段发桂", page.split('data-testid="said-later"', 1)[1][:300])

    def test_a_pending_case_is_held_by_the_liaison_s_words(self) -> None:
        with time_machine.travel(CUT_LATER, tick=False):
            case = self.checked()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            before = self.panel(RANG_VENTILATOR)
        self.assertIn(f'data-testid="shared-arrears" data-case="{case.pk}" data-cut=""', before)
        self.take()
        case.refresh_from_db()
        self.assertEqual(block_of(case), "words")
        self.assertEqual(case.stage, ArrearsCase.Stage.CHECKED)
        self.assertEqual(self.told(), [])  # not cut off: held, as the household's own words
