"""The same words on the same case sent again within a short while, with a new Idempotency-Key
(a client's retry that lost its key, a second clerk), words of another call between: recorded
and told once, answered as a replay (walk76, L2)."""

from __future__ import annotations

import datetime as dt

import time_machine

from powerdesk.arrears.models import ArrearsEvent
from powerdesk.arrears.words_later import HOUSEHOLD_SAID
from powerdesk.servicedesk.same_try import SAME_TRY_WITHIN
from tests.arrears.api_cast import URL
from tests.arrears.lift_cast import VENTILATOR
from tests.arrears.test_cut_case_words_card import CutCase
from tests.arrears.test_cut_need_told import CUT_LATER

DIALYSIS_SAID = "孩子说爷爷要做透析"


class WordsSentAgainTests(CutCase):
    def words(self, case_pk: int, said: str, key: str) -> object:
        return self.post(f"{URL}/{case_pk}/words", {"words": said}, HTTP_IDEMPOTENCY_KEY=key)

    def lines(self, said: str) -> int:
        return ArrearsEvent.objects.filter(note_code=HOUSEHOLD_SAID, note_args__words=said).count()

    def test_the_same_words_with_a_new_key_are_stored_and_told_once(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            first = self.words(case.pk, DIALYSIS_SAID, "k1")
            self.words(case.pk, VENTILATOR, "k2")  # other words between
        with time_machine.travel(CUT_LATER + dt.timedelta(seconds=20), tick=False):
            again = self.words(case.pk, DIALYSIS_SAID, "k3")
        self.assertEqual((first.status_code, again.status_code), (200, 200))  # type: ignore[attr-defined]
        self.assertEqual(again.headers.get("Idempotent-Replayed"), "true")  # type: ignore[attr-defined]
        self.assertIsNone(first.headers.get("Idempotent-Replayed"))  # type: ignore[attr-defined]
        self.assertEqual(self.lines(DIALYSIS_SAID), 1)
        # Each chief told once of each of the two lines.
        self.assertEqual(len(self.told()), 4)

    def test_a_second_clerk_s_same_words_without_a_key_are_stored_once(self) -> None:
        case = self.cut()
        with time_machine.travel(CUT_LATER, tick=False):
            self.login(self.clerk)
            self.post(f"{URL}/{case.pk}/words", {"words": DIALYSIS_SAID})
            self.post(f"{URL}/{case.pk}/words", {"words": VENTILATOR})
            self.login(self.chief)
            again = self.post(f"{URL}/{case.pk}/words", {"words": DIALYSIS_SAID})
        self.assertEqual(again.status_code, 200)
        self.assertEqual(again.headers.get("Idempotent-Replayed"), "true")
        self.assertEqual(self.lines(DIALYSIS_SAID), 1)

    def test_the_same_words_said_again_later_are_a_new_line(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            self.words(case.pk, DIALYSIS_SAID, "k1")
            self.words(case.pk, VENTILATOR, "k2")
        later = CUT_LATER + SAME_TRY_WITHIN + dt.timedelta(minutes=5)
        with time_machine.travel(later, tick=False):
            again = self.words(case.pk, DIALYSIS_SAID, "k3")
        self.assertIsNone(again.headers.get("Idempotent-Replayed"))  # type: ignore[attr-defined]
        self.assertEqual(self.lines(DIALYSIS_SAID), 2)
