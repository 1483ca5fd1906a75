"""A danger told as dealt with ("电线掉下来了，已经处理好了") is not a hazard call: the model's
hazard is set aside and the clerk is offered the next two categories, each with its share of
what the model gave the categories left, to choose between (walk72, 2: one choice, 表扬 3.1 %,
the model's leftovers read as a suggestion)."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.suggestion import ALTERNATIVE_AT, _suggestion
from powerdesk.servicedesk.understanding.urgency import findings

CLASSES = sorted(
    ["fault_repair", "hazard", "consultation", "billing", "business", "complaint", "praise"]
)
NOTE = "电线掉下来了，已经处理好了"


def _row(**given: float) -> Any:
    rest = (1 - sum(given.values())) / (len(CLASSES) - len(given))
    return np.array([given.get(c, rest) for c in CLASSES])


class DangerDealtWithTests(SimpleTestCase):
    def test_the_clerk_chooses_between_the_next_two(self) -> None:
        row = _row(hazard=0.955, praise=0.031, fault_repair=0.009)
        found = _suggestion(findings(NOTE), CLASSES, row)
        self.assertTrue(found.ask)
        self.assertEqual((found.category, found.alternative), ("praise", "fault_repair"))
        # Shares of the 4.5 % left: 69 % and 20 %, both offered.
        self.assertAlmostEqual(found.confidence, 0.031 / 0.045, places=3)
        self.assertAlmostEqual(found.alternative_confidence, 0.009 / 0.045, places=3)
        self.assertTrue(found.alternative_offered)
        self.assertFalse(found.urgent)

    def test_asked_even_when_one_takes_most_of_what_is_left(self) -> None:
        row = _row(hazard=0.9, consultation=0.095)
        found = _suggestion(findings(NOTE), CLASSES, row)
        self.assertEqual(found.category, "consultation")
        self.assertGreater(found.confidence, 0.8)
        self.assertTrue(found.ask)
        # The runner-up's share is under the floor: not offered as a choice.
        self.assertLess(found.alternative_confidence, ALTERNATIVE_AT)
        self.assertFalse(found.alternative_offered)
