"""The same words said again long after, by a household whose block the chief lifted, are its
words anew (review77, H1): recorded, read, blocking the disconnection again. Only the same words
sent again within a short while (a double submit, a retry) are recorded once."""

from __future__ import annotations

import datetime as dt

import time_machine

from powerdesk.arrears.blocks import BY_WORDS, block_of
from powerdesk.arrears.words_later import HOUSEHOLD_SAID, said_later_record
from tests.arrears.lift_cast import LATER, LIFTED, START, VENTILATOR, LiftCast


class SameWordsAfterLiftTests(LiftCast):
    def said(self, case: object, at: dt.datetime) -> object:
        with time_machine.travel(at, tick=False):
            return said_later_record(case=case, user=self.clerk, words=VENTILATOR)  # type: ignore[arg-type]

    def lines(self, case: object) -> int:
        return case.events.filter(note_code=HOUSEHOLD_SAID).count()  # type: ignore[attr-defined]

    def test_the_same_need_said_days_after_a_lift_blocks_again(self) -> None:
        case = self.blocked()
        case = self.said(case, START + dt.timedelta(minutes=30))
        self.assertEqual(block_of(case), BY_WORDS)
        case = self.lift(case, at=LIFTED)
        self.assertEqual(block_of(case), "")
        case = self.said(case, LATER + dt.timedelta(days=3))
        self.assertEqual(self.lines(case), 2)
        self.assertEqual(block_of(case), BY_WORDS)

    def test_the_same_words_sent_twice_at_once_are_recorded_once(self) -> None:
        case = self.blocked()
        at = START + dt.timedelta(minutes=30)
        case = self.said(case, at)
        case = self.said(case, at + dt.timedelta(seconds=5))
        self.assertEqual(self.lines(case), 1)
