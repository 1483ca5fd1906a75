"""What was mended on the development measure in the seventh round (DATA_CARD.md): calls that
went nowhere the junk rules missed, and calm calls the danger and medical rules made urgent
(a danger not seen, a breaker "跳炸", protection against shocks, a machine's consumption asked
about, thanks for a danger of a day before). The notes are our own, written for these tests."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.urgency import findings


class JunkTests(SimpleTestCase):
    def test_a_caller_who_asks_whether_this_is_another_place_is_junk(self) -> None:
        for note in (
            "您好请问是那个农机站吗我想问问拖拉机配件到了没",
            "是兽医站吗？我家猪不吃食。",
            "请问是联通营业厅吗，我手机要充值",
            "喂你好请问是快递点吗我的包裹到了没有哦不是啊打扰了",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))

    def test_asking_whether_it_is_the_station_or_a_matter_of_power_is_not_junk(self) -> None:
        for note in (
            "请问是供电所吗，我家停电了",
            "喂，是变压器坏了吗？我们组都黑起了",
            "是跳闸了吗",
            "是乡卫生院吗？病人在家吸氧，停电了",
            "听说电表要换新的，是真的吗",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))

    def test_a_note_of_a_call_that_went_nowhere_in_other_words_is_junk(self) -> None:
        for note in (
            "接起来只有电视声，无人应答",
            "热线测试，值班员自拨",
            "转写识别失败，无有效内容",
            "问镇中学的电话，告知打错了",
            "嗯嗯对对对，好的好的，就这样",
            "jkl",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))

    def test_a_line_tested_at_the_poles_is_not_junk(self) -> None:
        for note in ("线路测试的时候跳闸了，全村没电", "对对，电线掉在路上了"):
            with self.subTest(note):
                self.assertFalse(is_junk(note))


class CalmCallsTests(SimpleTestCase):
    def test_a_danger_not_seen_is_denied(self) -> None:
        for note in (
            "全组停电，我去看了，没见打火也没见冒烟，麻烦来人",
            "阿伯屋企冇电，冇见断线，冇见倒杆",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)
        self.assertTrue(findings("没见人来，电线还在打火").urgent)

    def test_a_breaker_that_trips_is_not_an_explosion(self) -> None:
        self.assertFalse(findings("屋头的空开跳炸了，推了几次推不上").urgent)
        self.assertTrue(findings("村口变压器炸了，轰的一声").urgent)

    def test_protection_against_shocks_is_not_a_shock(self) -> None:
        self.assertFalse(findings("想给插座装个防触电的保护盖，哪里有卖").urgent)
        self.assertTrue(findings("我家娃娃触电了，快来").urgent)

    def test_asking_what_a_machine_uses_is_not_a_medical_need(self) -> None:
        self.assertFalse(findings("家里那台制氧机费不费电？一个月耗电好多").urgent)
        self.assertTrue(findings("停电了，我妈的制氧机用不成了").urgent)

    def test_thanks_after_a_danger_of_a_day_before_are_thanks(self) -> None:
        for note in (
            "前天大风把线刮断了，你们冒着雨连夜来接，谢谢你们",
            "那晚杆子上冒火，你们来得好快，感谢",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)
        for note in (
            "前天线就断了，现在还在地上拖着，谢谢你们快点",
            "昨天电线断了掉在路上，还没人来，谢谢",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent)


class DangersMissedTests(SimpleTestCase):
    def test_a_day_past_after_a_danger_is_not_before_it(self) -> None:
        self.assertTrue(findings("路口那根断线昨天就报了，现在还拖在路上").urgent)
        self.assertFalse(findings("断线之前要先通知我们").urgent)

    def test_smoke_said_with_a_count_between(self) -> None:
        for note in ("配电箱冒了两次烟，现在还有味道", "表箱刚刚冒了一股黑烟"):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent)

    def test_a_box_that_smoked_last_year_and_was_replaced_is_past(self) -> None:
        note = "前年雷雨天表箱冒了烟，你们隔天来换的，现在好好的，就是想问下电器损失的事"
        self.assertFalse(findings(note).urgent)
