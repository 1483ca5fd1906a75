"""An idea that says a danger is going on now (round 29, docs/call-notes.md): the model takes
"建议装个围栏…现在还有牛在底下卧着" for a suggestion, which silences the learned detector below
``HEARD_OVER_CONTEXT``; where the note says something is going on now (``said_now``) the detector
decides from ``URGENT_AT``. Not where the now is denied, feared or a case that may come, not in
thanks or praise for a danger past, and not over the rules' reading of a danger as denied. The
notes are our own, written for these tests."""

from __future__ import annotations

import numpy as np
from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.classifier import _suggestion
from powerdesk.servicedesk.understanding.detector import URGENT_AT, overheard
from powerdesk.servicedesk.understanding.said_now import said_now
from powerdesk.servicedesk.understanding.urgency import findings

# Ideas that tell of a danger under way, in words the rules have none for.
GOING_ON = [
    "提个建议，晒场边的电箱该挪个地方，这会儿几个学生娃在边上躲猫猫",
    "建议你们把水库边那段线架高些，今天钓鱼的把竿子甩上去了，人还在那儿拽",
    "我建议给村口的变压器加个罩子，刚刚有只猴子蹲在上面",
    "建议查一查河坝那几根杆，现在正往河里歪，底下的土都冲空了",
]
# Ideas with a now that is no danger going on: denied, feared, a case that may come, nothing of
# power in the sentence.
NOT_GOING_ON = [
    "建议村小门口的变压器加个围栏，现在倒是没有娃娃去爬",
    "建议变压器外面加个围栏，怕现在放了学娃娃去爬",
    "建议加个围栏，万一现在有人翻进去咋办",
    "建议营业厅现在多开一个窗口，排队的人太多",
    "建议线路改造的时候把我们组的表也换了，现在不用急",
]
# Praise and thanks for a danger past, with a now in them.
THANKED = [
    "表扬一下你们的师傅，前天杆子歪了当晚就扶正了，现在好得很，建议给他发个奖",
    "谢谢你们上次把掉下来的线接好了，今天想提个建议，巡线能不能勤一点",
]


class SaidNowTests(SimpleTestCase):
    def test_a_danger_going_on_now_is_said_now(self) -> None:
        for note in GOING_ON:
            with self.subTest(note):
                self.assertTrue(said_now(note))

    def test_a_now_denied_feared_supposed_or_of_nothing_of_power_is_not(self) -> None:
        for note in NOT_GOING_ON:
            with self.subTest(note):
                self.assertFalse(said_now(note))

    def test_findings_carry_it(self) -> None:
        self.assertTrue(findings(GOING_ON[0]).now_said)
        self.assertFalse(findings(NOT_GOING_ON[0]).now_said)


class DetectorOverAnIdeaTests(SimpleTestCase):
    def test_heard_over_a_suggestion_from_urgent_at_when_said_now(self) -> None:
        for note in GOING_ON:
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.urgent)  # the rules alone hear nothing
                self.assertTrue(overheard(found, "suggestion", URGENT_AT))

    def test_not_below_urgent_at(self) -> None:
        self.assertFalse(overheard(findings(GOING_ON[0]), "suggestion", URGENT_AT - 0.01))

    def test_not_when_nothing_is_said_going_on(self) -> None:
        for note in NOT_GOING_ON:
            with self.subTest(note):
                self.assertFalse(overheard(findings(note), "suggestion", 0.9))

    def test_not_over_thanks_or_praise_for_a_danger_past(self) -> None:
        for note in THANKED:
            with self.subTest(note):
                self.assertTrue(findings(note).in_thanks)
                self.assertFalse(overheard(findings(note), "suggestion", 0.9))

    def test_not_over_a_danger_the_rules_read_as_denied(self) -> None:
        note = "建议把那段线抬高点，现在还好，没看到打火"
        self.assertTrue(findings(note).spoken_of)
        self.assertFalse(overheard(findings(note), "suggestion", 0.9))

    def test_not_over_praise(self) -> None:
        self.assertFalse(overheard(findings(GOING_ON[0]), "praise", 0.9))

    def test_the_call_is_urgent_and_flagged(self) -> None:
        classes = ["consultation", "hazard", "suggestion"]
        row = np.array([0.2, 0.1, 0.7])  # taken for a suggestion
        for note in GOING_ON:
            with self.subTest(note):
                got = _suggestion(findings(note), classes, row, True, sure=True, probability=0.7)
                self.assertEqual(got.category, "suggestion")
                self.assertTrue(got.urgent)
                self.assertTrue(got.learned)
        calm = _suggestion(
            findings(NOT_GOING_ON[0]), classes, row, True, sure=True, probability=0.9
        )
        self.assertFalse(calm.urgent)
        self.assertFalse(calm.learned)
