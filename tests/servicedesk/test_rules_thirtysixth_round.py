"""The rules narrowed in the thirty-sixth round, found by writing a new hand (a village grid
member's terse messages from Guilin's mountain counties) and reading the rules' misses on it:
money still owed for a danger past ("到现在还没赔") is no help wanted now; a danger asked about for
a drill (演练, 演习) is a case to practise for; a case asked about in a note said to be only a
question, the case denied now ("现在还没…"), is a case that may come; cases heard of ("听讲有着火的")
in a note that asks whether something is safe are a fear; what to do when an outage comes ("停电先
打电话") is no outage now beside a patient; a messaging app's acknowledgements, a grid member's
check-in, a group's notice, a failed transcript and a forwarded forecast went nowhere. And widened:
a line said first with what hangs on it after ("线上挂了…竹子"), all but touching a line ("差点挨到
线"), a line soaked or lying in water ("泡到水里", "放在泥水里"), and machines named by what they do
(a mask, air into the nose, an air mattress). Each beside
the danger, the need or the call it must not hide; the notes are our own, written for these
tests."""

from __future__ import annotations

from powerdesk.servicedesk.understanding.junk import is_junk
from tests.servicedesk.rules_cases import RulesCase


class MoneyOwedAfterADangerPastTests(RulesCase):
    def test_compensation_still_owed_for_a_danger_past_is_calm(self) -> None:
        self.assert_calm(
            "前年电杆倒了砸坏猪圈 到现在还没补偿",
            "上回变压器着火烧了我家柴房 现在还没赔",
        )

    def test_a_danger_still_there_or_a_repair_still_wanted_is_urgent(self) -> None:
        self.assert_urgent(
            "前年电杆倒了 到现在还没赔 杆子还斜在田里",
            "上个月线掉下来 到现在还没修好",
            "线掉在地上 到现在还没人来",
        )


class DrillTests(RulesCase):
    def test_a_danger_asked_about_for_a_drill_is_a_case(self) -> None:
        self.assert_calm(
            "问一下配电房着火了该用什么灭火器 村里下个月搞应急演练",
            "厂里要演习 想问下有人触电了先做什么",
        )

    def test_a_danger_asked_about_now_or_during_a_drill_is_urgent(self) -> None:
        self.assert_urgent(
            "配电房着火了 该用什么灭火器",
            "搞演练的时候变压器真的冒烟了 快来人",
        )


class OnlyAskingTests(RulesCase):
    def test_a_case_denied_now_in_a_note_only_asking_is_a_case(self) -> None:
        self.assert_calm(
            "打雷的时候电表箱冒火花要怎么办 现在还没打雷 只是问问",
            "涨水的时候配电房被淹了 要注意些什么 现在还没涨 先问一下",
        )

    def test_a_case_going_on_or_a_note_not_only_asking_is_urgent(self) -> None:
        self.assert_urgent(
            "打雷的时候电表箱冒火花了 怎么办 现在还没停电",
            "涨水了 配电房被淹了 现在水还在涨 先问一下咋办",
        )


class CasesHeardTests(RulesCase):
    def test_cases_heard_of_in_a_safety_question_are_a_fear(self) -> None:
        self.assert_calm(
            "楼道里给电瓶车充电安全吗 听说有着火的",
            "地里装电网拦野猪安全不 听人讲有电死人的",
        )

    def test_cases_heard_of_here_or_now_are_urgent(self) -> None:
        self.assert_urgent(
            "电瓶车充电安全吗 听说有着火的 就在我家楼下 现在还在烧",
            "听说有线掉在路上的 就在我们村口 快来看看",
        )


class WhatToDoWhenAnOutageComesTests(RulesCase):
    def test_a_patient_to_be_rung_when_an_outage_comes_is_no_need_now(self) -> None:
        self.assert_calm(
            "村里两户老人用呼吸机 建议记下来 停电先打个电话",
            "家里有制氧机 想登记一下 停电请先通知一声",
        )

    def test_an_outage_now_beside_a_patient_is_a_need(self) -> None:
        self.assert_urgent(
            "停电了 家里老人用着呼吸机 请先打个电话说好久来电",
            "停电打电话来问几点来电 家里有人在吸氧",
            "下周二停电 家里有制氧机 请先通知",
            "建议停电先通知有病人的人家 我家现在就停着 我爸在吸氧",
        )


class WentNowhereTests(RulesCase):
    def test_acknowledgements_check_ins_notices_and_forecasts_went_nowhere(self) -> None:
        for note in (
            "收到",
            "已读 已读",
            "在吗？",
            "网格员李 打卡",
            "群公告：周五下午学习",
            "语音转文字失败",
            "转：明天多云转晴",
        ):
            with self.subTest(note=note):
                self.assertTrue(is_junk(note))

    def test_a_message_with_our_business_in_it_is_no_junk(self) -> None:
        for note in (
            "收到 线还在冒火花 快来",
            "在吗 停电了",
            "群公告：明天停电 八点到五点",
            "多云 风大 电线被吹断了",
            "网格员李 签到 村口电杆歪了",
        ):
            with self.subTest(note=note):
                self.assertFalse(is_junk(note))
        self.assert_urgent("收到 线还在冒火花 快来", "网格员李 签到 村口电杆歪了")


class WidenedTests(RulesCase):
    def test_dangers_said_these_ways_are_urgent(self) -> None:
        self.assert_urgent(
            "电线上压着一根断了的树枝 一直在晃",
            "放牛娃拿竹竿赶牛 差一点碰到高压线",
            "村道边那根线泡到田里了 有人在插秧",
            "施工队的线躺在水坑里 人来人往",
        )

    def test_their_look_alikes_are_calm(self) -> None:
        self.assert_calm(
            "线上挂了几个灯笼 过年好看",
            "电线没泡到水里 放心",
            "水管放在水里 问下电费怎么交",
        )

    def test_machines_named_by_what_they_do_in_an_outage_are_needs(self) -> None:
        self.assert_urgent(
            "停电了 我爸晚上要戴着面罩的那个机子睡觉",
            "停电两个钟头了 奶奶用的往鼻孔里送气的机器停了",
            "又停电了 瘫在床上的老人那个充气的床垫要瘪了",
        )

    def test_such_a_machine_with_the_power_on_and_a_question_is_calm(self) -> None:
        self.assert_calm("我屋老者戴面罩睡觉 问下电费")
