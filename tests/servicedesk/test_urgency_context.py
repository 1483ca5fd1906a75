"""Urgency by rule, in context: medical need at home in its many words, and dangers that are
only asked about, feared, past and dealt with, or remembered in praise (issue 18). The notes are
our own, written for these tests."""

from __future__ import annotations

import doctest

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding import dialects, junk, said_now, urgency
from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.urgency import findings, is_urgent


class DocstringTests(SimpleTestCase):
    def test_the_examples_in_the_rules_docstrings_hold(self) -> None:
        for module in (urgency, junk, dialects, said_now):
            with self.subTest(module.__name__):
                failures, tried = doctest.testmod(module)
                self.assertGreater(tried, 0)
                self.assertEqual(failures, 0)


class MedicalNeedTests(SimpleTestCase):
    def test_machines_and_medicine_at_home_with_the_power_off_are_urgent(self) -> None:
        for note in (
            "停电了，我爸在家做腹膜透析，晚上要用机器",
            "全组停电，我家老人靠呼吸机，备用电池只能撑一个钟头",
            "我老公的胰岛素放在冰箱里，已经停了一天电了",
            "我家刚生的娃娃在保温箱里，现在停电了",
            "婴儿的暖箱停了，孩子早产",
            "我妈瘫在床上，要用电的护理床动不了，求你们快点送电",
            "家里老人卧床，用的充气床垫停电就瘪了",
            "我们家有病人在家输液，输液泵要电，现在莫得电",
            "家里有人用着制氧机，氧气瓶也快用完了，快点来",
            "我爸用着吸痰器，电压低得机器带不动",
            "没电了 有透析病人",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical)
                self.assertTrue(is_urgent(note, "fault_repair"))

    def test_a_person_who_depends_on_power_is_a_need_when_the_power_is_off(self) -> None:
        for note in (
            "我爸瘫在床上，停电两个钟头了",
            "家里有个病人，整个村都黑起了",
            "村卫生室停电了，医生让我打电话问啥时候来电",
            "我妈中风卧床，莫得电了，天冷得很",
        ):
            with self.subTest(note):
                self.assertTrue(is_urgent(note, "fault_repair"))
        for note in (
            "我要给我家老人办过户，他卧床起不来，能不能上门办",
            "家里老人卧床，想办个代扣，不想每个月跑",
            "我妈是癌症病人，想问问低保电费减免怎么申请",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).medical)
                self.assertFalse(is_urgent(note, "business"))

    def test_a_machine_named_in_a_question_or_wish_without_an_outage_is_not_urgent(self) -> None:
        for note in (
            "我家老人用制氧机，听说可以登记为重点用户，是真的吗",
            "家里有病人用呼吸机，停电前你们能不能提前通知，要怎么登记",
            "家里有透析的病人，需要备一台发电机吗",
            "希望给用制氧机的人家登记一下，停电的时候优先照顾",
            "建议给做透析的病人家庭发个应急电源",
            "家里有人用呼吸机，以后计划停电能不能提前告诉我们",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).medical)

    def test_a_medical_need_denied_or_in_thanks_is_not_urgent(self) -> None:
        self.assertFalse(is_urgent("停电了，家里没有病人，不急"))
        for note in (
            "我家的老爷子用呼吸机，你们专门登记了，停电提前通知，我们很感激",
            "地索村张某来电感谢：家中老人需吸氧，停电时供电所优先安排送电",
            "上个月我家老人的制氧机停了电，师傅一个电话就来了，村里人都说你们好",
        ):
            with self.subTest(note):
                self.assertFalse(is_urgent(note, "praise"))


class SpokenOfTests(SimpleTestCase):
    def test_a_danger_asked_about_or_in_a_case_that_may_come_is_only_spoken_of(self) -> None:
        for note in (
            "万一电线掉在地上，我们该咋个办",
            "要是看到电线掉在地上，应该打哪个电话",
            "遇到电线杆倒了，人要离多远",
            "房子着火的时候怎么断电最安全",
            "下大雨的时候表箱进水会不会有危险",
            "山火烧到电线附近的话，我们要不要报告",
            "家里电线老化了，会不会漏电",
            "是不是漏电了，想问一下怎么查",
            "有人说电线杆上的变压器会爆炸，是不是真的",
            "被电到了以后要不要去医院",
            "教育娃娃们不要爬电杆",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertEqual(found.dangers, ())
                self.assertTrue(found.spoken_of)
                self.assertFalse(is_urgent(note, "consultation"))

    def test_a_danger_reported_with_a_question_or_a_time_is_there_now(self) -> None:
        for note in (
            "线头掉在我家门口了，会不会有电，我不敢出门",
            "电线断了，万一有人碰到咋个办",
            "昨晚打雷的时候变压器着火了，现在还在冒烟",
            "打雷以后变压器那里有弧光，还在响",
            "今早去地里遇到一根断线，就在田埂上",
            "变压器冒烟了，你们能快点来吗",
            "刚才一声巨响，变压器那里冒了一团火",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).dangers)
                self.assertTrue(is_urgent(note))

    def test_denials_reach_past_fillers_and_over_a_list(self) -> None:
        for note in (
            "打雷以后我们组就停电了，没看到哪里打火",
            "没看到啥子冒烟，就是黑起了",
            "打雷以后停电了，没看到哪里打火冒烟",
            "打火、冒烟都没有，就是停电了",
        ):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, ())
        self.assertEqual(findings("变压器打火冒烟了").dangers, ("arcing or sparks", "smoke"))

    def test_a_past_danger_told_in_a_story_of_thanks_is_not_urgent(self) -> None:
        for note in (
            "上个星期电线被大风刮断了，掉在路上还在冒火花，你们不到一个钟头就到了，把线接好了，"
            "又检查了一遍，天黑了还在干，真的辛苦了",
            "那次电线掉在我家院子里，你们马上派人来守着，还教娃娃不要靠近，谢谢",
            "我要表扬你们值班的那个姑娘，我半夜打电话报电线着火，她教我们先离远点",
            "上次发洪水淹了配电房，你们冒着危险去断电，保住了全村人，真的佩服",
            "那回变压器冒烟，你们半夜两点还赶过来换，我们全组都记着你们的好",
            "家里的插座冒过一次火花，后来就好了",
            "上个月那场冰雹把线打断了，你们的人冒着冰雹来拉闸，太勇敢了",
        ):
            with self.subTest(note):
                self.assertFalse(is_urgent(note, "praise"))

    def test_a_call_for_help_stays_urgent_whatever_thanks_or_past_it_names(self) -> None:
        for note in (
            "前几天就报了，电线掉在路上，快派人来，谢谢",
            "上次你们修得快，谢谢，现在电杆又倒了",
            "前几天报的修，电杆歪了，你们说来处理了，还没来",
            "电线断了掉在地上，麻烦你们来看一下，感谢",
        ):
            with self.subTest(note):
                self.assertTrue(is_urgent(note))

    def test_words_that_only_look_like_dangers(self) -> None:
        for note in (
            "停电倒是小事，关键是接电话的人态度太差了",
            "施工队挖电杆坑把我家水管挖断了",
            "95598热线老是被挂断",
            "电表那里烧黑了，家里断电了",
        ):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, ())


class JunkTests(SimpleTestCase):
    def test_a_grievance_about_a_hang_up_is_not_junk(self) -> None:
        for note in (
            "你们那个值班的讲话冲得很，我问一句啥时候来电，他说不知道就挂了",
            "营业厅的人不耐烦，说两句就挂了",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))
        self.assertTrue(is_junk("来电无人说话，约十秒后挂断"))


class ReportedDangerTests(SimpleTestCase):
    """Dangers a caller reports in ways the rules once discounted: urgent."""

    def test_a_line_hanging_low_within_reach_is_a_danger_and_not_a_dead_call(self) -> None:
        note = "村口那根线被拖拉机刮了一下，现在吊得好低，娃娃伸手就摸得到"
        self.assertFalse(is_junk(note))  # "挂了/刮了" is not a hung-up call here
        self.assertIn("line down or low", findings(note).dangers)
        self.assertTrue(is_junk("电话占线，测试一下"))  # a busy phone line is not a power line

    def test_what_someone_saw_is_reported_and_what_may_come_is_feared(self) -> None:
        self.assertTrue(findings("听人说变压器旁边的拉线摸到麻手，有头牛在那里倒起了").dangers)
        found = findings("听说电线会被大风刮断")
        self.assertEqual(found.dangers, ())
        self.assertEqual(found.spoken_of, ("line down or low",))

    def test_a_shock_stated_then_asked_about_is_there_now(self) -> None:
        note = "家里洗衣机外壳摸到麻手，洗衣服的时候也麻，是啥原因？"
        self.assertIn("person or animal near live equipment", findings(note).dangers)
        self.assertEqual(findings("下大雨的时候表箱进水会不会有危险").dangers, ())

    def test_a_machine_at_home_and_an_outage_on_a_day_named_is_a_medical_need(self) -> None:
        for note in (
            "我妈在家用制氧机，下个月三号计划停电要停一整天，能不能告诉我准确时间",
            "老人离不开呼吸机，听说明天要停电",
            "我爸在家用制氧机，你们停电也不说一声，突然就停了，到现在都还没来电",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical)
        for note in (
            "家里有人用呼吸机，以后计划停电能不能提前告诉我们",
            "建议你们登记家里有制氧机的用户，停电前通知",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).medical)
