"""The forty-sixth round: two medical needs the rules missed in ``hand69`` (a training hand), as
general shapes.

Breath not keeping up in the south-west's speech ("他喘不赢", "出气不赢") was no sign of a person
in distress, and a machine named by the air it pushes ("打气的机子") no machine that helps
breathing, so "莫得电了 … 打气的机子要用电 他喘不赢" was calm. And a cut asked to be held ("先莫停",
"千万莫拉闸") with a suction machine or an air mattress for someone bedridden was no cut coming,
so a suspension asked for with them ("要办暂停 … 气垫床和吸痰机咋办 先莫停") was calm. Breath
short from a climb or anger, a tyre pump, a plea to hold a cut only under a condition or about
water stay calm. The notes are our own; no evaluation note was read."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings


class BreathNotKeepingUpTests(SimpleTestCase):
    def test_a_person_short_of_breath_with_the_power_off_is_a_need(self) -> None:
        for note in (
            "石柱 黄水 屋头莫得电了 我外婆喘不赢",
            "停电两个钟头了，老汉儿那个打气的机子停起的，他喘不赢",
            "黑起了 我妈靠往鼻子送气的机子 出气不赢",
            "老人家打气的机子用不成了 莫得电 喘得很",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)

    def test_breath_short_from_effort_or_anger_and_a_tyre_pump_are_no_need(self) -> None:
        for note in (
            "莫得电了 爬坡爬得喘不赢 电杆在哪里",
            "停了三天电 气得我喘不赢 要投诉",
            "莫得电了 修车铺打气的机子用不成",
            "屋头莫得电 充气的机子打不了轮胎",
            "老人以前喘不赢 现在好了 就是问下电费",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.medical)
                self.assertFalse(found.urgent)

    def test_short_breath_denied_with_the_power_on_is_no_need(self) -> None:
        found = findings("老人瘫床上 没得喘不赢 电是好的")
        self.assertFalse(found.urgent)


class TheCutAskedToBeHeldTests(SimpleTestCase):
    def test_a_cut_held_for_a_machine_or_a_bedridden_person_is_a_need(self) -> None:
        for note in (
            "要办暂停用电 但是屋头瘫床上的老人吸痰机还要用 先莫停",
            "你们今天千万莫拉闸 我妈吸着氧",
            "申请暂停 老汉儿睡的气垫床要用电 暂时别给我们停",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)

    def test_a_cut_held_under_a_condition_for_nothing_medical_or_for_water_is_calm(self) -> None:
        for note in (
            "以后要是停电 先莫停我们这片 我妈用制氧机",
            "要是下个月停电的话 先别停我家 我爸有呼吸机",
            "我家要办暂停 先莫停 等我把冰箱里的肉拿走",
            "先莫停水 老人瘫床上",
            "我要办暂停 先莫停 吸痰机早就不用了 老人走了",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)
