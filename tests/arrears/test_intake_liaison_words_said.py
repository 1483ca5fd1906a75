"""After a village liaison's call from a number a household shares is saved, intake says the
liaison's words were recorded on the household's case (and the chiefs told, when they were),
not "what the household says is recorded" (desk79, item 3; fix78's left item)."""

from __future__ import annotations

import time_machine
from django.contrib.messages import get_messages

from powerdesk.community.models import Liaison
from tests.arrears.lift_cast import RANG_VENTILATOR
from tests.arrears.test_cut_case_words_card import CutCase
from tests.arrears.test_cut_need_told import CUT_LATER, NUMBER
from tests.base import post_intake


class IntakeLiaisonWordsSaidTests(CutCase):
    def setUp(self) -> None:
        super().setUp()
        Liaison.objects.create(
            station=self.station_a, village=self.village, group=self.group, name="段发桂",
            phone=NUMBER, role=Liaison.Role.GROUP_LEADER,
        )  # fmt: skip

    def said(self, caller_is: str) -> str:
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=True):
            answer = post_intake(
                self.client,
                {
                    "caller_number": NUMBER,
                    "text": RANG_VENTILATOR,
                    "category": "billing",
                    "caller_is": caller_is,
                },
                HTTP_ACCEPT_LANGUAGE="en",
            )
        self.assertEqual(answer.status_code, 302)
        return " ".join(str(m) for m in get_messages(answer.wsgi_request))

    def test_a_cut_household_the_liaison_s_words_and_the_chiefs_told(self) -> None:
        self.cut()
        said = self.said("liaison")
        self.assertIn("段发桂", said)
        self.assertIn("the liaison's words are recorded on the household's arrears case", said)
        self.assertIn("was told at once", said)
        self.assertNotIn("what the household says", said)

    def test_a_pending_case_held_by_the_liaison_s_words(self) -> None:
        with time_machine.travel(CUT_LATER, tick=False):
            self.checked()
        said = self.said("liaison")
        self.assertIn("段发桂", said)
        self.assertIn("disconnection is held", said)
        self.assertNotIn("what the household says", said)

    def test_the_household_calling_is_said_as_before(self) -> None:
        self.cut()
        said = self.said("")
        self.assertIn("what the household says is recorded", said)
        self.assertNotIn("段发桂", said)
