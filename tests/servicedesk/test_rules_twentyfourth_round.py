"""The rules mended for the twenty-fourth round (Xiang speech of Hunan's hills): Xiang read as
Mandarin by the rules ("断哒", "么子办", "咯根", "港"); a danger named only as what a step would
guard against ("免得压断线"); a hearth's, a stove's or a kiln's fire; a past danger now "好是好
哒"; a machine asked about as a thing to buy or for the power it uses. And dangers the rules did
not hear: ice thick on a line or a line pressed low, bare or its sleeve broken; wire or a stay
touching a line; a thing that is live to the touch; an equipment fence gone or a box left open
with a child at it; a pole loosened or its earth washed away; a fuse smashed and hanging; water
at a meter's foot or rain let into its box; the region's misheard medicine and machines. Each
beside a calm twin it must not make urgent."""

from __future__ import annotations

from powerdesk.servicedesk.understanding.urgency import findings
from tests.servicedesk.rules_cases import RulesCase


class XiangSpeechTests(RulesCase):
    def test_a_danger_told_in_xiang_is_heard(self) -> None:
        self.assert_urgent(
            "村口咯条电线断哒，挂在篱笆上",
            "屋后头那根杆子斜哒，要倒哒",
            "我屋门口线断哒，么子办，快来",
            "我屋后头有人触电哒，快来",
        )

    def test_xiang_for_a_danger_past_asked_or_only_told_on_television_is_calm(self) -> None:
        self.assert_calm(
            "上个月咯根杆子斜哒，你们来扶正哒，现在好哒",
            "问下，路上碰到断哒的线该么子办",
            "电视里港那个歌星跟演员触电哒，我是想问电费",
        )

    def test_a_danger_past_now_well_enough_is_a_complaint_not_a_call(self) -> None:
        self.assert_calm("前几天线断了，你们隔了三天才来修，现在好是好哒，就是太慢")
        self.assert_urgent("前几天线断了，到现在还冇人来修")


class GuardedAgainstTests(RulesCase):
    def test_a_danger_named_as_what_a_step_guards_against_is_calm(self) -> None:
        self.assert_calm(
            "下大雪前把路边的树修一修，免得压断线",
            "请问冰冻天会不会提前停电，省得断线伤人",
        )

    def test_the_danger_there_now_with_a_guard_after_it_is_urgent(self) -> None:
        self.assert_urgent("线被风刮断了，快来，免得伤人", "树压在线上了，快来砍，免得断线")

    def test_a_machine_at_home_a_step_would_guard_stays_a_need(self) -> None:
        self.assertTrue(findings("停电半天了，快来修，免得我爸的呼吸机停了").medical)


class HearthFireTests(RulesCase):
    def test_a_hearth_s_or_a_kiln_s_fire_is_no_fire_of_ours(self) -> None:
        self.assert_calm(
            "邻居家灶里的火星子飞到柴堆上，人没事，问一下插座用什么牌子好",
            "后山烧砖的窑子一直冒黑烟，呛得很",
        )

    def test_equipment_by_a_hearth_or_a_kiln_burning_is_urgent(self) -> None:
        self.assert_urgent("灶台旁边的插座冒火星了", "砖窑边上那台变压器冒黑烟")


class MachineAsAProductTests(RulesCase):
    def test_the_power_a_machine_uses_or_a_vaccine_with_the_bill_is_no_need(self) -> None:
        self.assert_calm(
            "想问下呼吸机一晚上用好多度电，准备给我爸买一台",
            "兽医站冰柜里放疫苗，问下这个月电费余额",
        )

    def test_the_same_in_an_outage_is_a_need(self) -> None:
        self.assert_urgent("冰柜里放的疫苗，停电一天了，怕坏")


class LineLowOrBareTests(RulesCase):
    def test_ice_or_a_hanging_pressing_a_line_low_is_urgent(self) -> None:
        self.assert_urgent(
            "河边的线被冰坠低了，渔船过不去",
            "电线上的冰有碗口粗",
            "线被人挂横幅拉低了，赶集的人多",
        )

    def test_a_line_bare_or_its_sleeve_broken_is_urgent(self) -> None:
        self.assert_urgent(
            "那根老电线没得皮了，风一吹就碰到一起",
            "墙上那根电线包的线管裂了，娃娃老去抠",
            "楼下那根线，手一伸就碰到",
        )

    def test_the_same_put_right_or_out_of_reach_is_calm(self) -> None:
        self.assert_calm(
            "去年线被冰坠低了，你们来处理好了，谢谢",
            "上次那根电线皮破了，你们换了新线，谢谢",
            "线已经抬高了，伸手够不到了",
        )

    def test_a_broken_end_lying_or_connected_still_is_urgent(self) -> None:
        self.assert_urgent("线断了，线头在草丛里", "修理工把断线扔在院子里，线还连着")

    def test_a_discarded_end_said_dead_is_calm(self) -> None:
        self.assert_calm("废线头扔在田里了，不带电，请来拿走")


class LiveToTheTouchTests(RulesCase):
    def test_wire_or_a_stay_touching_a_line_or_a_thing_live_to_the_touch_is_urgent(self) -> None:
        self.assert_urgent(
            "晒被子的铁丝挨到进户线了",
            "电杆的拉线上头碰到导线了",
            "猪栏的铁门摸起来有电",
            "厨房的墙摸起有点麻",
            "有人电鱼，把电鱼机的线挂在你们线上",
        )

    def test_the_same_denied_or_asked_is_calm(self) -> None:
        self.assert_calm(
            "晒被子的铁丝没挨到进户线，就是有点近，想问问要不要挪",
            "摸起来有电吗？想问问怎么判断",
        )


class EquipmentOpenTests(RulesCase):
    def test_a_fence_gone_or_a_box_open_with_children_at_it_is_urgent(self) -> None:
        self.assert_urgent(
            "电表箱的门关不上，几个小孩在那里玩",
            "配电房的围栏被人拆了，放学的学生都从那里过",
        )

    def test_a_box_door_to_mend_or_a_fence_painted_is_calm(self) -> None:
        self.assert_calm(
            "电表箱的门坏了，想请你们换一个",
            "配电房的围栏刷了新漆，好看多了",
            "谢谢供电所，电表箱门坏了很快就来换了，现在孩子碰不到了",
        )


class PoleLoosenedTests(RulesCase):
    def test_a_pole_loosened_its_earth_gone_or_a_fuse_hanging_is_urgent(self) -> None:
        self.assert_urgent(
            "修路的铲车把电线杆挖松了",
            "电线杆脚下的泥被雨冲走了",
            "冰块砸坏了跌落保险，吊在半空晃来晃去",
        )

    def test_a_stay_slack_or_a_fuse_replaced_is_calm(self) -> None:
        self.assert_calm(
            "电线杆的拉线有点松，不着急，有空来紧一下",
            "跌落保险换好了，谢谢",
        )


class WaterAtTheMeterTests(RulesCase):
    def test_water_at_a_meter_s_foot_or_rain_let_into_its_box_is_urgent(self) -> None:
        self.assert_urgent("电表底下泡在水里了", "表箱没有盖，雨水直接灌进去了")

    def test_rain_only_feared_is_calm(self) -> None:
        self.assert_calm("表箱有条缝，雨水会不会飘进去？")


class MisheardMedicineTests(RulesCase):
    def test_misheard_medicine_and_machines_and_patients_in_an_outage_are_a_need(self) -> None:
        for note in (
            "停电两天了，冰箱里的一岛素要坏了",
            "吸潭的机器用不了，停电了",
            "家里有个肺病老人，停电了",
            "帕金森的老人，电动床没电动不了",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical, findings(note))

    def test_the_same_with_no_outage_is_no_need(self) -> None:
        for note in ("肺病老人想问电费能不能减免", "想买个吸痰机，问下用好多度电"):
            with self.subTest(note):
                self.assertFalse(findings(note).medical, findings(note))
