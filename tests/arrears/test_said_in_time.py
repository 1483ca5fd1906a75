"""The case page's steps list the household's words among the steps in time: words said after
the disconnection come after the "Disconnected" line, not before the approval (walk79 L3)."""

from __future__ import annotations

import time_machine

from tests.arrears.lift_cast import VENTILATOR
from tests.arrears.test_cut_case_words_card import CutCase
from tests.arrears.test_cut_need_told import CUT_LATER


class SaidInTimeTests(CutCase):
    def test_words_said_after_the_cut_are_listed_after_it(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            self.client.post(case.get_absolute_url(), {"step": "words", "words": VENTILATOR})
        page = self.client.get(case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
        steps = page.split("<ol>", 1)[1].split("</ol>", 1)[0]
        approval = steps.index("s approval")
        cut = steps.index("Disconnected")
        said = steps.index('data-testid="said-later"')
        self.assertEqual(steps.count('data-testid="said-later"'), 1)
        self.assertLess(approval, cut)
        self.assertLess(cut, said, "words said after the cut are listed after it")
        self.assertIn("呼吸机", steps[said:])
