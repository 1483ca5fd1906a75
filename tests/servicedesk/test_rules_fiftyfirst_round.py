"""The fifty-first round: Ningbo-Zhoushan Wu read by the rules (格 for 的, 勿 before any verb, 一记),
the class of wording behind the training hand ``hand70``'s misses; and a meter box that hums or
buzzes, with no danger told, as a careful clerk takes it: a fault to look at, not urgent, the
clerk asked to check with the caller at once, with advice to read (``box_noise``).

The notes are our own, written for these tests in the classes of the misses, not their words; no
evaluation note was read.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.test import SimpleTestCase
from django.utils import translation

from powerdesk.servicedesk.safety import BOX_NOISE, LIAISON_SCRIPTS, safety_advice
from powerdesk.servicedesk.understanding.box_noise import box_noise
from powerdesk.servicedesk.understanding.dialects import as_mandarin, as_xiang_read
from powerdesk.servicedesk.understanding.suggestion import Suggestion, _suggestion
from powerdesk.servicedesk.understanding.urgency import findings

CLASSES = sorted(
    [
        "fault_repair",
        "hazard",
        "consultation",
        "billing",
        "suggestion",
        "business",
        "complaint",
        "praise",
    ]
)


def _row(first: str, probability: float) -> Any:
    """A model sure of ``first`` at ``probability``, the rest spread evenly."""
    row = np.full(len(CLASSES), (1 - probability) / (len(CLASSES) - 1))
    row[CLASSES.index(first)] = probability
    return row


def suggested(note: str, first: str = "consultation", probability: float = 0.988) -> Suggestion:
    return _suggestion(findings(note), CLASSES, _row(first, probability))


class SouthernWuTests(SimpleTestCase):
    """格 said for 的 and 勿 for 不, in a note with no word of the delta's Wu (阿拉, 侬, 辰光)."""

    def test_a_machine_no_longer_used_is_no_need(self) -> None:
        for note in (
            "老人以前用格制氧机现在勿用了",
            "老头子格吸痰机早就勿用了 屋里没电",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.medical)
                self.assertFalse(found.urgent)

    def test_a_danger_denied_with_wu_is_denied(self) -> None:
        for note in ("格个电杆勿歪 就是线松", "那根电线勿断 只是低了点"):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_a_beast_that_fell_still_by_a_box_is_a_danger(self) -> None:
        found = findings("路边铁皮箱子 一只狗碰了一记倒下去 勿动了")
        self.assertIn("person or animal near live equipment", found.dangers)

    def test_dangers_and_needs_in_wu_stay(self) -> None:
        for note, kind in (
            ("弄堂里格电线落到地上了", "line down or low"),
            ("码头边格电线垂下来 快碰着船顶了", "line down or low"),
            ("伊屋里格电表箱冒烟了", "smoke"),
        ):
            with self.subTest(note):
                self.assertIn(kind, findings(note).dangers)
        for note in ("屋里停电 老娘格制氧机勿转了", "屋里没电 伊格呼吸机停了"):
            with self.subTest(note):
                self.assertTrue(findings(note).medical)

    def test_mandarin_words_with_ge_and_written_prohibitions_are_left(self) -> None:
        # Near misses: 格 in a Mandarin word, a place or a name; 勿 in a written prohibition.
        for text in (
            "网格员讲电价格外高 要问下规格",
            "电量只剩一格了",
            "德格县格桑家里没电",
            "香格里拉 电费多少",
            "请勿靠近变压器",
            "伊犁 伊春 木乃伊",
        ):
            with self.subTest(text):
                self.assertEqual(as_xiang_read(text), text)
        self.assertFalse(findings("请勿靠近 高压危险 牌子掉了").urgent)

    def test_the_model_reads_the_note_as_written(self) -> None:
        # Rules only: the model's features (``as_mandarin``) are unchanged for a note with no
        # word of the delta's Wu.
        self.assertEqual(
            as_mandarin("老人以前用格制氧机现在勿用了"), "老人以前用格制氧机现在勿用了"
        )
        self.assertEqual(
            as_xiang_read("老人以前用格制氧机现在勿用了"), "老人以前用的制氧机现在不用了"
        )


class BoxNoiseTests(SimpleTestCase):
    def test_a_meter_box_humming_is_a_noise_told(self) -> None:
        for note in (
            "我家电表箱有点响",
            "表箱里面嗡嗡的",
            "总闸那里一直有声音",
            "楼道的计量箱吱吱叫",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertEqual(found.box_noise, "told")
                self.assertFalse(found.urgent)

    def test_a_question_whether_it_is_normal_is_asked(self) -> None:
        self.assertEqual(box_noise("电表箱有点响，正常吗"), "asked")
        self.assertEqual(box_noise("表箱里是什么声音"), "asked")

    def test_near_misses_are_no_noise(self) -> None:
        for note in (
            "电表滴滴叫，是不是没钱了",  # a prepaid meter's balance
            "电表一直报警",
            "电表箱前两天有点响，现在不响了",  # over
            "停电影响电表箱吗",  # 影响 is no noise
            "隔壁装修很响",  # no box
        ):
            with self.subTest(note):
                self.assertEqual(box_noise(note), "")

    def test_a_box_that_crackles_smells_or_is_hot_is_a_danger_as_before(self) -> None:
        for note in ("电表箱里滋滋响", "电表箱有点响，还有股焦糊味", "表箱响，箱子摸着烫手"):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.urgent)
                self.assertEqual(found.box_noise, "")

    def test_the_clerk_is_asked_to_check_and_a_question_becomes_a_fault_report(self) -> None:
        suggestion = suggested("我家电表箱有点响")
        self.assertEqual(suggestion.category, "fault_repair")
        self.assertTrue(suggestion.category_by_rule)
        self.assertEqual(suggestion.alternative, "consultation")
        self.assertFalse(suggestion.urgent)
        self.assertTrue(suggestion.learned)
        self.assertTrue(suggestion.as_dict()["check_safety"])
        self.assertTrue(suggestion.box_noise)

    def test_a_question_whether_it_is_normal_stays_a_question_but_the_clerk_checks(self) -> None:
        suggestion = suggested("电表箱有点响，正常吗")
        self.assertEqual(suggestion.category, "consultation")
        self.assertFalse(suggestion.urgent)
        self.assertTrue(suggestion.learned)

    def test_the_models_other_calls_stand(self) -> None:
        suggestion = suggested("我家电表箱有点响", "fault_repair", 0.6)
        self.assertEqual(suggestion.category, "fault_repair")
        self.assertFalse(suggestion.category_by_rule)
        self.assertTrue(suggestion.learned)
        # In thanks, or a beep, nothing is asked.
        self.assertFalse(suggested("谢谢师傅，上回电表箱一直响，修好了", "praise", 0.99).learned)
        self.assertFalse(suggested("电表滴滴叫，是不是没钱了", "billing", 0.99).learned)

    def test_the_advice_says_what_to_ask_and_not_to_open_the_box(self) -> None:
        advice = safety_advice(suggested("我家电表箱有点响"))
        self.assertEqual([a.kind for a in advice], [BOX_NOISE])
        with translation.override("en"):
            self.assertIn("smell of burning", str(advice[0].script))
            self.assertIn("Do not open the box", str(advice[0].script))
            self.assertIn("smells of burning", str(LIAISON_SCRIPTS[BOX_NOISE]))
        # A danger's own advice is read instead where the box crackles.
        advice = safety_advice(suggested("电表箱里滋滋响", "hazard", 0.9))
        self.assertNotIn(BOX_NOISE, [a.kind for a in advice])
