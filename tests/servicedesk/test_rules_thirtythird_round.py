"""The rules widened in the thirty-third round, for dangers said as south-western Mandarin says
them (a night duty clerk of southern Guizhou, ``hand65``): a pole that leans said with 偏, a line
pulled down by something said with the passive 遭, a line tangled with bamboo or another line said
with 搅, a line or a loose end that still carries current (带着电, 带起电), something blown onto a
line and caught there; a joint or a line glowing red (发红, 烧得红起), water or ground that
tingles the feet (水里麻脚); a town called 火花 is no spark; 板扎 is praise; a filler and the call
dropping is a call that went nowhere. Each danger beside its denial and praise for it past; the
notes are our own, written for these tests."""

from __future__ import annotations

from powerdesk.servicedesk.understanding.urgency import findings
from tests.servicedesk.rules_cases import RulesCase


class LeaningSaidWithPianTests(RulesCase):
    def test_a_pole_leaning_said_with_pian_is_urgent(self) -> None:
        self.assert_urgent(
            "村口那根电杆偏得凶，往路这边偏",
            "电竿遭大水冲得往坎下偏了",
            "寨子背后的电杆杆往坎下偏了 拉线也松了",
        )

    def test_denied_praised_or_another_pian_is_calm(self) -> None:
        self.assert_calm(
            "电杆没有偏，就是停电了",
            "上回电杆偏起那回，你们来扶正了，谢谢",
            "电杆那边电压偏低，灯不亮",
            "电杆在偏远的山上，新装要多少钱",
        )


class PassiveZaoTests(RulesCase):
    def test_a_line_pulled_down_said_with_zao_is_urgent(self) -> None:
        self.assert_urgent("高压线遭滑坡扯下来了，挂在树上", "进寨子那段线遭车子挂下来了")

    def test_praise_for_it_past_is_calm(self) -> None:
        self.assert_calm("上回线遭车子挂下来，你们来得快，谢谢")


class TangledSaidWithJiaoTests(RulesCase):
    def test_a_line_tangled_with_bamboo_or_a_line_is_urgent(self) -> None:
        self.assert_urgent("线和竹子搅在一起了，风一吹就闪", "两根线搅在一起，一直打火")
        self.assertIn("tree or object on a line", findings("那段线和竹子搅在一起").dangers)

    def test_denied_or_praised_is_calm(self) -> None:
        self.assert_calm(
            "线没有和竹子搅在一起，就是没电",
            "线没有搭在一起",
            "上次线和竹子搅在一起，你们来砍了竹子，谢谢",
        )


class StillLiveTests(RulesCase):
    def test_a_line_that_still_carries_current_is_urgent(self) -> None:
        self.assert_urgent("断线丢在路边，还带着电", "旧线拖在地上，还带起电的")

    def test_denied_or_praised_is_calm(self) -> None:
        self.assert_calm(
            "那截旧线早就不带电了，就是想请你们拉走",
            "上回断线还带着电，你们守到修好，表扬",
        )


class CaughtOnALineTests(RulesCase):
    def test_something_blown_onto_a_line_and_caught_is_urgent(self) -> None:
        self.assert_urgent("铁皮棚遭风吹到线上挂起了", "塑料膜刮到电线上缠着")

    def test_praised_past_or_a_washing_line_is_calm(self) -> None:
        self.assert_calm(
            "上回塑料膜刮到电线上缠着，你们来清了，谢谢",
            "他把衣服晾到线上挂起",
        )


class GlowingTests(RulesCase):
    def test_a_joint_or_a_line_glowing_red_is_urgent(self) -> None:
        self.assert_urgent("接户线那个接头发红 晚上看得见", "电线烧得红起", "线烧得通红")

    def test_denied_praised_or_a_red_hand_is_calm(self) -> None:
        self.assert_calm(
            "接头没发红 就是没电",
            "上回接头发红 你们来换了 谢谢",
            "师傅冒着雪来接的线 手冻得通红 我们心里过意不去",
            "电线是红起的",
        )


class TinglingFeetTests(RulesCase):
    def test_water_or_ground_that_tingles_the_feet_is_urgent(self) -> None:
        self.assert_urgent("田里的水麻脚", "院子里地上踩着麻脚，不敢出门")

    def test_denied_or_a_tired_foot_is_calm(self) -> None:
        self.assert_calm("水里不麻脚了", "坐久了脚麻")


class PlaceAndPraiseTests(RulesCase):
    def test_a_town_called_huohua_is_no_spark(self) -> None:
        self.assert_calm("紫云火花镇 客户要办过户", "火花镇 停电 整条街")
        self.assert_urgent("插座冒火花")

    def test_banzha_is_praise_of_a_danger_past(self) -> None:
        self.assert_calm("你们王师傅板扎得很，电杆歪起那回也是他来扶的")
        self.assert_urgent("师傅板扎，但是今天电杆又歪了")


class DroppedCallTests(RulesCase):
    def test_a_filler_and_the_call_dropped_is_junk_not_a_line_down(self) -> None:
        for note in ("嗯……(断线)", "啊 （断线）"):
            with self.subTest(note):
                self.assertTrue(findings(note).junk)
                self.assertFalse(findings(note).urgent)
        self.assert_urgent("嗯，电线断了，掉在路上")
