"""The rules narrowed for the thirty-first round, where calm notes of two hands (hand52, hand58)
were urgent by rule: smoke or fire of a temper ("气得冒烟"); thanks said as remembering, as thanks
in Henan's 恁, as "道个谢"; a danger put right "for good" (根治); a report the desk was told before
and taken back ("上回说…其实是…", "恁说的…其实是…"). Each beside a danger it must still hear."""

from __future__ import annotations

from tests.servicedesk.rules_cases import RulesCase


class TemperTests(RulesCase):
    def test_smoke_of_a_temper_is_calm(self) -> None:
        self.assert_calm("我气得冒烟，你们营业厅的人态度太差了", "等了三天没人来，急得直冒火")

    def test_smoke_of_equipment_is_still_heard(self) -> None:
        self.assert_urgent("变压气冒黑烟 快来", "表箱冒烟了，我急得要命", "气得不行，插座又冒烟了")


class RememberedThanksTests(RulesCase):
    def test_a_danger_past_remembered_in_thanks_is_calm(self) -> None:
        self.assert_calm(
            "去年冬天冰把线压断了，你们在山上守了一夜，村里人都念着",
            "那年大雪线断了好几处，你们冒雪上山，我们一直记得",
            "那回娃爬上变压器台子，你们马上拉了闸，一家人都谢恁",
            "山火那天你们在火边上抢修，辛苦恁们",
            "墙上带电那事，你们来了几回终于根治了，谢谢",
            "我爸吸氧那次停电，你们给接了临时电，现在出院了，来道个谢",
        )

    def test_a_danger_now_with_thanks_is_still_urgent(self) -> None:
        self.assert_urgent(
            "去年线断了你们修得快，都念着，可今天那根线又断了，快来",
            "谢谢你们上回来，这次杆子又歪了，要倒了",
        )


class TakenBackTests(RulesCase):
    def test_a_report_told_before_and_taken_back_is_calm(self) -> None:
        self.assert_calm(
            "投诉 上回说变压器冒烟其实是雾气 你们来看一眼就走了",
            "恁说的电杆倒了 其实是村口的广告牌倒了",
        )

    def test_a_report_taken_back_to_a_danger_of_ours_is_urgent(self) -> None:
        self.assert_urgent("上回说是树枝，其实是我们村的电线断了，还在地上")
