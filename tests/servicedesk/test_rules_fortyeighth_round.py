"""The forty-eighth round: a machine said to be working, and no outage, silences the learned detector.

"我妈瘫在床上，气垫床好好的" was calm by the rules (the forty-seventh round) but still urgent by the
learned detector, sure of a medical need (the clerk told to ask what danger it was). A machine the
note says works ("气垫床好好的", "机器正常", "呼吸机没问题", "the oxygen machine is fine"), with no
outage told now, planned or asked about and no danger, is now read as such
(``Findings.machine_fine``) and vetoes the detector as a machine named for its cost does
(``detector.vetoed``; never heard over it). A machine said working once the power is off, a
machine failing beside it, a question whether it works, a planned outage or a danger still count.
The notes are our own, written for these tests; no evaluation note was read."""

from __future__ import annotations

import numpy as np
from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.classifier import _suggestion
from powerdesk.servicedesk.understanding.detector import overheard, vetoed
from powerdesk.servicedesk.understanding.urgency import findings

CLASSES = sorted(["fault_repair", "consultation", "business", "billing", "complaint"])


def _row(first: str) -> np.ndarray:
    row = np.full(len(CLASSES), 0.05)
    row[CLASSES.index(first)] = 1 - 0.05 * (len(CLASSES) - 1)
    return row


FINE = (
    "我妈瘫在床上，气垫床好好的",
    "家里老人用制氧机，机器正常，想问下峰谷电价",
    "我爸用呼吸机，呼吸机没问题，就是想问下户主咋个改",
    "老人在家做透析，机器都正常",
    "奶奶吸着氧，制氧机也是好的，问下这个月电费",
    "停了一下又来了，气垫床好好的",
    "mum is on oxygen, the oxygen machine is fine",
    "dad uses a ventilator, it is working fine, just asking about the bill",
)


class MachineSaidWorkingVetoesTheDetectorTests(SimpleTestCase):
    def test_a_machine_said_working_with_no_outage_silences_the_sure_detector(self) -> None:
        for note in FINE:
            for first in ("fault_repair", "consultation", "billing"):
                with self.subTest(note=note, model=first):
                    found = findings(note)
                    self.assertFalse(found.urgent, found)
                    self.assertTrue(found.machine_fine, found)
                    self.assertTrue(vetoed(found, first))
                    self.assertFalse(overheard(found, first, 0.999))
                    said = _suggestion(
                        found, CLASSES, _row(first), need=True, sure=True, probability=0.999
                    )
                    self.assertFalse(said.urgent)
                    self.assertFalse(said.learned)

    def test_a_machine_said_working_with_the_power_off_or_an_outage_planned_is_a_need(
        self,
    ) -> None:
        for note in (
            "家里停电了，制氧机好好的，有电池",
            "气垫床好好的 就是又没电了",
            "明天停电，我妈的制氧机好好的",
            "呼吸机没问题，电啥时候来",
            "the concentrator is fine but the power keeps going off",
            "no power since noon, mum's oxygen machine is fine on battery",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.machine_fine, found)
                self.assertTrue(found.medical, found)
                self.assertTrue(found.urgent)

    def test_a_machine_failing_beside_or_after_or_asked_about_is_no_machine_fine(self) -> None:
        for note in (
            "制氧机坏了，呼吸机好好的",
            "制氧机停了，呼吸机没问题",
            "制氧机好好的突然就停了",
            "家里老人用着制氧机，快点来",
            "制氧机在转，就是转不动了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.machine_fine, found)
                self.assertTrue(found.medical, found)
        for note in ("制氧机正常吗", "我妈的气垫床好好的不？", "is the oxygen machine ok?"):
            with self.subTest(note):
                self.assertFalse(findings(note).machine_fine)

    def test_a_danger_beside_a_machine_said_working_still_counts(self) -> None:
        for note in (
            "我妈瘫在床上，气垫床好好的，门口电线杆歪了",
            "the oxygen machine is fine but there are sparks at the meter box",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.dangers, found)
                self.assertFalse(found.machine_fine, found)
                self.assertTrue(found.urgent)
                self.assertFalse(vetoed(found, "hazard"))

    def test_without_a_machine_said_working_the_sure_detector_still_makes_a_call_urgent(
        self,
    ) -> None:
        for note in ("我妈瘫在床上，家里那个机器一停就不行", "老人离不得那个打气的床"):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.machine_fine, found)
                said = _suggestion(
                    found, CLASSES, _row("fault_repair"), need=True, sure=True, probability=0.99
                )
                self.assertTrue(said.urgent)
