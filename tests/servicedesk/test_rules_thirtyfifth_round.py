"""The rules narrowed in the thirty-fifth round, found by writing a new hand (southern Sichuan's
township clerks) and reading the rules' misses on it: a bill doubled (翻倍) is no one thrown by a
shock (电翻); something touched once, said with 挨过 under a time past, is past as 碰过 is; a new
meter fitted (换的新表) puts a past fire right as 换了新 does; a complaint about how staff behaved
after a danger past (态度, 骂人) is the complaint's matter, not the danger; a call that dropped noted
in brackets ("（断了）") went nowhere, as "（挂了）" does; a restaurant's booking and a shop's goods
asked after are other places' business. Each beside the danger or the call it must not hide; the
notes are our own, written for these tests."""

from __future__ import annotations

from powerdesk.servicedesk.understanding.junk import is_junk
from tests.servicedesk.rules_cases import RulesCase


class DoubledTests(RulesCase):
    def test_a_bill_or_use_doubled_is_no_shock(self) -> None:
        self.assert_calm(
            "要求校验电表 上个月用电翻倍",
            "这个月电费翻了一倍 查一哈",
            "用电量翻番了 是不是表有问题",
        )

    def test_someone_thrown_by_a_shock_still_is(self) -> None:
        self.assert_urgent("人遭电翻了 倒在地上", "牛遭电翻在田坎上 起不来")


class TouchedOnceTests(RulesCase):
    def test_touched_once_under_a_time_past_is_past(self) -> None:
        self.assert_calm(
            "以前有牛挨过拉线 建议拉线都套个护套",
            "之前有娃娃挨过那根线 建议抬高点",
        )

    def test_touched_now_or_again_is_urgent(self) -> None:
        self.assert_urgent(
            "牛挨到拉线遭打倒了 还在那里",
            "以前有牛挨过拉线 今天又有一头挨到 倒在地上",
        )


class NewMeterFittedTests(RulesCase):
    def test_a_past_fire_with_a_new_meter_fitted_is_past(self) -> None:
        self.assert_calm("去年着火烧坏的那个表 换的新表电费从哪天算起")

    def test_a_fire_back_after_it_is_urgent(self) -> None:
        self.assert_urgent("去年表箱着火 换的新表 今天又冒烟了")


class ConductAfterADangerPastTests(RulesCase):
    def test_a_complaint_about_how_staff_behaved_then_is_calm(self) -> None:
        self.assert_calm(
            "上回变压器着火 来了就骂我们乱用电 态度太差",
            "上次电杆倒了 来修的师傅态度恶劣",
        )

    def test_a_danger_still_there_is_urgent_whatever_the_complaint(self) -> None:
        self.assert_urgent(
            "上回变压器着火 态度太差 现在又冒烟了",
            "上次报的线断了 到现在还吊在路边 你们态度太差",
        )


class WentNowhereTests(RulesCase):
    def test_a_dropped_call_noted_in_brackets_went_nowhere(self) -> None:
        for note in ("喂 你好 （断了）", "喂——(断线)", "嗯 (掉线)"):
            with self.subTest(note=note):
                self.assertTrue(is_junk(note))

    def test_another_places_business_went_nowhere(self) -> None:
        for note in ("问火锅店订位的 打错了", "这里是不是卖化肥的", "是不是卖保险的"):
            with self.subTest(note=note):
                self.assertTrue(is_junk(note))

    def test_a_line_broken_or_the_stations_goods_are_no_junk(self) -> None:
        for note in (
            "门口的电线（断了）",
            "停电了（断了）",
            "这里是不是卖电表的",
            "是不是停电的",
            "开火锅店 要申请增容 现在的带不动",
            "火锅店停电了",
        ):
            with self.subTest(note=note):
                self.assertFalse(is_junk(note))
        self.assert_urgent("门口的电线（断了） 落在路上")
