"""The fifty-second round: feet or legs put in water and tingling are a danger to life with no
pump, line or word of current named (stray voltage; walk64 M3, ``water_tingle``), as a careful
clerk takes them, unless a calm cause is told beside them; and the classes of ``hand70``'s calm
notes the rules made urgent: thanks said first ("谢谢 来电快 …"), praise of a danger dealt with
the last time, said in Wu (上趟), a night got through on a generator, oxygen taken at a clinic.

The notes are our own, written for these tests in the classes of the misses, not their words; no
evaluation note was read.
"""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.at_work import PERSON
from powerdesk.servicedesk.understanding.urgency import findings


class WaterTingleTests(SimpleTestCase):
    def test_feet_in_water_tingling_are_a_danger_with_no_device_named(self) -> None:
        for note in (
            "我脚泡在水里有点麻",
            "下到鱼塘里 脚底板就麻麻的",
            "人站在水田里腿一阵一阵发麻",
            "小孩在塘边玩水，脚伸进塘里说麻",
            "脚踩进沟里那个水，麻了一下，不知道为啥",
            # Words that are no calm cause where they stand (review68, 1): 坐 of where, 一天 of
            # how long it has tingled, 冷 of the caller.
            "坐在塘边，脚伸进水里就麻了",
            "下到鱼塘里脚就麻了，麻了一天了",
            "下到鱼塘里脚就麻了，一天都这样",
            "脚伸进水里就麻，好冷",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.urgent)
                self.assertIn(PERSON, found.dangers)

    def test_a_device_named_further_off_is_a_danger_too(self) -> None:
        for note in (
            "虾塘 增氧机的电线泡在水里 下去捞虾的那个人讲脚底板麻",
            "抽水机放在渠边 我们下到渠里清淤泥的几个人都说腿杆麻",
        ):
            with self.subTest(note):
                self.assertIn(PERSON, findings(note).dangers)

    def test_a_tingle_denied_or_a_calm_cause_told_stays_calm(self) -> None:
        for note in (
            "脚泡在水里也不麻，就是家里没电了",
            "坐久了脚麻，泡在水里就好了，想问下电费",
            "水太冰了，脚踩进田里都麻了",
            "在田里插了一天秧，站在水里腿都麻了",
            "晚上泡脚，脚泡在热水里有点麻，顺便问一下峰谷电价",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertNotIn(PERSON, found.dangers)
                self.assertFalse(found.urgent)

    def test_ma_in_other_words_is_no_tingle(self) -> None:
        for note in (
            "麻烦你们来看下鱼塘的水泵，不转了",
            "村里打麻将的屋子没电了，站在门口水坑边等",
            "田里种的芝麻要浇水，抽水机没电",
            "麻辣烫店门口积水，店里停电了",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)


class HandSeventyCalmTests(SimpleTestCase):
    """Calm notes of the classes ``hand70`` had, in other words."""

    def test_thanks_said_first_with_the_power_back_soon(self) -> None:
        for note in (
            "谢谢你们 来电真快 我妈的制氧机又能用了",
            "感谢 来电快 屋里呼吸机好用了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.in_thanks)
                self.assertFalse(found.urgent)

    def test_the_power_asked_back_soon_is_still_a_need(self) -> None:
        for note in (
            "谢谢 来电快点 我爸的呼吸机撑不了多久",
            "麻烦来电快些，家里老人在吸氧，现在没电",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent)

    def test_a_night_got_through_on_a_generator_with_thanks(self) -> None:
        note = "多谢你们前一天就通知 我爸的制氧机借了台发电机撑过去了"
        self.assertFalse(findings(note).urgent)

    def test_praise_of_a_tree_cleared_the_last_time_in_wu(self) -> None:
        note = "上趟竹子压线 你们锯得干干净净 阿拉老头子讲交关好"
        found = findings(note)
        self.assertEqual(found.dangers, ())
        self.assertFalse(found.urgent)

    def test_the_tree_on_the_line_again_or_still_is_a_danger(self) -> None:
        for note in (
            "上趟树压线 阿拉讲过了 到现在还压着",
            "上趟树压线你们砍得干净，这回又有竹子倒在线上了",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent)

    def test_oxygen_taken_at_a_clinic_with_no_machine_at_home(self) -> None:
        note = "家里停电了 我奶奶吸氧都是到镇卫生院去吸 家里没有机器 不着急"
        found = findings(note)
        self.assertFalse(found.medical)
        self.assertFalse(found.urgent)

    def test_a_clinic_with_its_power_off_is_still_a_need(self) -> None:
        for note in (
            "镇卫生院停电了，里面有病人在吸氧",
            "停电了 老人在吸氧 去卫生院太远了 快来",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical)
