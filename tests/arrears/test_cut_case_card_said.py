"""The cut case's words card says its heading once (the field's label is for screen readers
only), and once the chiefs were told of the household's words, it says when, of which need and
whom, instead of what would happen (walk77 L4)."""

from __future__ import annotations

import time_machine

from tests.arrears.lift_cast import VENTILATOR
from tests.arrears.test_cut_case_words_card import CutCase
from tests.arrears.test_cut_need_told import CUT_LATER

HEADING = "What the household says now"


class CutCaseCardSaidTests(CutCase):
    def card(self, case_url: str) -> str:
        page = self.client.get(case_url, HTTP_ACCEPT_LANGUAGE="en").text
        return page.split('data-testid="household-words"', 1)[1].split("</section>", 1)[0]

    def test_the_heading_is_said_once_and_the_chiefs_told_are_named(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        before = self.card(case.get_absolute_url())
        self.assertEqual(before.count(HEADING), 2)  # the heading, and the label read aloud only
        self.assertIn(f'<span class="sr-only">{HEADING}</span>', before)
        self.assertNotIn("杨所长", before.split('data-testid="words-card-said"', 1)[1][:400])
        with time_machine.travel(CUT_LATER, tick=False):
            self.client.post(case.get_absolute_url(), {"step": "words", "words": VENTILATOR})
        after = self.card(case.get_absolute_url())
        said = after.split('data-testid="words-card-said"', 1)[1].split("</p>", 1)[0]
        self.assertIn("呼吸机", said)
        self.assertIn(str(self.chief), said)
        self.assertIn(str(self.chief2), said)
        self.assertNotIn("tell the station chief at once", said)
