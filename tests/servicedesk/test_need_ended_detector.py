"""A machine whose user has died: the learned detector is not heard over the rules' reading.

A browser walk found "用制氧机的老人已经走了" ticked urgent, with the clerk told to ask the caller
what danger or medical need it is: the rules read no need (the person the machine was for has
died, and no power trouble is told: ``medical.need_ended``), but the learned detector heard the
machine and, sure of it, made the call urgent. A bereaved family is not questioned about a
machine nobody uses, nor is their errand (closing the account, a new name on it) rushed as
urgent. A death told together with an outage, or a danger, still counts. The notes are our own,
written for these tests; no evaluation note was read."""

from __future__ import annotations

import numpy as np
from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.classifier import _suggestion
from powerdesk.servicedesk.understanding.detector import overheard, vetoed
from powerdesk.servicedesk.understanding.urgency import findings

CLASSES = sorted(["fault_repair", "consultation", "business", "billing", "complaint"])
ENDED = (
    "用制氧机的老人已经走了",
    "我家老人以前用制氧机，人已经走了，想销户",
    "老人去世了，制氧机还要交电费吗",
    "我爸已经走了，户主想改成我的名字，家里制氧机不用了",
)


def _row(first: str) -> np.ndarray:
    row = np.full(len(CLASSES), 0.05)
    row[CLASSES.index(first)] = 1 - 0.05 * (len(CLASSES) - 1)
    return row


class NeedEndedTests(SimpleTestCase):
    def test_the_detector_sure_of_a_need_is_not_heard_over_a_death(self) -> None:
        for note in ENDED:
            for first in ("business", "billing", "fault_repair"):
                with self.subTest(note=note, model=first):
                    found = findings(note)
                    self.assertTrue(found.need_ended, found)
                    self.assertTrue(vetoed(found, first))
                    self.assertFalse(overheard(found, first, 0.99))
                    said = _suggestion(
                        found, CLASSES, _row(first), need=True, sure=True, probability=0.99
                    )
                    self.assertFalse(said.urgent)
                    self.assertFalse(said.learned)

    def test_a_death_with_an_outage_or_a_danger_still_counts(self) -> None:
        for note in (
            "老人走了以后家里又停电了，制氧机还在用，屋里还有病人",
            "老人走到邻居家去了，家里制氧机停了",  # gone out, not dead
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.need_ended, found)
        sparks = findings("人已经不在了，但是门口电线冒火花")
        self.assertTrue(sparks.urgent, sparks)
        self.assertFalse(vetoed(sparks, "hazard"))
        out = findings("老人走到邻居家去了，家里制氧机停了")
        self.assertTrue(out.medical, out)

    def test_without_a_death_the_sure_detector_still_makes_a_call_urgent(self) -> None:
        found = findings("家里那台机器一停就不行，快来看看")
        said = _suggestion(
            found, CLASSES, _row("fault_repair"), need=True, sure=True, probability=0.99
        )
        self.assertTrue(said.urgent or found.urgent)
