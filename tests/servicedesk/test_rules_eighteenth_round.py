"""The rules mended from the misses of two more hands (the Minnan coast and hills of southern
Fujian; the Tujia and Miao hills of western Hunan and Enshi — development data), tested here in
other words than the hands'."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.urgency import as_mandarin, findings, is_urgent


class NeedsSaidAnotherWayTests(SimpleTestCase):
    def test_dialysis_said_as_washing_the_kidneys_is_a_medical_need(self) -> None:
        for note in (
            "下礼拜三要停电一整天，我老伴在家洗肾，机器离不得电",
            "停电了，我妈洗肾的机器停在半路上，快来",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical)
                self.assertTrue(is_urgent(note, "consultation"))

    def test_a_fish_tank_or_pond_aerator_is_no_oxygen_for_a_person(self) -> None:
        for note in (
            "开个水产店，鱼缸的打氧机、冰柜都要用电，申请装个三相表",
            "虾塘新买了两台打氧泵，要从变压器那边拉线过来",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).medical)
                self.assertFalse(is_urgent(note, "new_connection"))
        # a person on oxygen is still one
        self.assertTrue(findings("停电了，我爸还在打氧，快点来").medical)

    def test_a_pole_named_then_its_lean_after_a_comma_is_a_danger(self) -> None:
        note = "建议把小学门口那根杆子换了，已经斜得很厉害了，娃娃天天从底下过"
        self.assertIn("pole leaning or fallen", findings(note).dangers)
        self.assertTrue(is_urgent(note, "suggestion"))


class NoDangerNowTests(SimpleTestCase):
    def test_a_danger_of_some_days_or_a_year_ago_dealt_with_is_calm(self) -> None:
        for note in (
            "前几日那根断线你们已经接好了，今天是屋里跳闸推不上",
            "一年前杆子倒过一回，你们当天就换了新的，这回是电费的事想问问",
            "前阵子表箱冒烟，师傅来换好了，现在想把表移到门口",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).dangers, findings(note))

    def test_no_trouble_this_time_names_no_outage_day(self) -> None:
        note = "建议把用呼吸机的人家登记起来，这次没事，就是每回停电都提心吊胆"
        self.assertFalse(findings(note).medical)

    def test_how_to_tell_asked_right_after_it_in_a_question_is_no_report(self) -> None:
        for note in (
            "咨询家里热水器漏电怎么判断，要不要装漏保",
            "想问下插座漏电怎样看出来",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).dangers, findings(note))
                self.assertFalse(is_urgent(note, "consultation"))


class LiveDangerStaysUrgentTests(SimpleTestCase):
    """Each wording above, beside a danger there now."""

    def test_a_fact_then_a_question_stays_urgent(self) -> None:
        for note in (
            # the danger told, then the rules or how to tell asked
            "电线掉在晒谷场上了，安全距离是多少？",
            "电线垂到鱼塘上面了安全距离要多少",
            "电杆倒了压在路上有哪些规定要注意，快来人",
            "我家热水器漏电，咋个判断是哪里漏",
            "屋里插座漏电怎么判断是插座还是线 手麻得很",
            "来电人询问吊车在高压线下作业有什么规定，吊臂已经碰到导线了",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).dangers, note)
                self.assertTrue(is_urgent(note, "consultation"))

    def test_a_fear_word_before_a_machine_keeps_the_need(self) -> None:
        for note in (
            "停电三个钟头了，快来修，免得我妈的制氧机停了出事",
            "快点恢复供电，省得我爸的呼吸机电池耗完，停电两个钟头了",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical, note)

    def test_an_oxygen_machine_called_an_aerator_with_no_fish_about_is_a_need(self) -> None:
        note = "家里老人离不开打氧机，停电三个钟头了，快点来"
        self.assertTrue(findings(note).medical)

    def test_equipment_fitted_some_time_ago_failing_now_stays_urgent(self) -> None:
        for note in (
            "一年前换的线，师傅来换了以后，线头一直打火",
            "前些日子你们来换了表箱，门关不上，雨水进去在打火",
            "前阵子杆子歪了你们扶正了，这两天又斜了，歪得厉害",
            "线路检修要提前几天通知，你们换了表以后，表箱一直在冒烟",
        ):
            with self.subTest(note):
                self.assertTrue(is_urgent(note, "complaint"), findings(note))

    def test_a_danger_back_after_one_dealt_with_stays_urgent(self) -> None:
        for note in (
            "前几日那根线断了你们接好了，今天又断了，掉在路上",
            "一年前倒过的那根杆子现在又歪了，快派人来",
        ):
            with self.subTest(note):
                self.assertTrue(is_urgent(note, "fault_repair"), findings(note))

    def test_an_outage_now_with_a_machine_stays_urgent(self) -> None:
        for note in (
            "停电两个钟头了，家里老人靠制氧机，免得出事你们快点来",
            "这次停电到现在还没来，我妈的呼吸机用不了",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical, note)


class WentNowhereTests(SimpleTestCase):
    def test_calls_that_went_nowhere_said_another_way_are_junk(self) -> None:
        for note in (
            "(小孩打的，一直在笑，后来被大人抢过去挂掉了)",
            "囝仔拍的，叫了几声阿公",
            "你是卖荔枝的吗？啊，供电所？搞错了",
            "喂爸你在哪……啊？不是我爸啊？",
            "(系统自动外呼，无人工应答)",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(as_mandarin(note)))
                self.assertFalse(is_urgent(note))

    def test_a_call_about_power_or_what_a_repair_costs_stays_a_call(self) -> None:
        for note in (
            "修电的师傅说要收钱才来修，不是说免费的吗",
            "谢谢你们在码头装的灯，晚上好走多了",
            "这里是供电所吗？你们把我家的表号搞错了",
            "娃娃打的，说屋头黑了好怕，大人出去了",
            "刚才打电话的是不是我爸？",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(as_mandarin(note)))

    def test_a_danger_or_a_need_is_never_a_call_that_went_nowhere(self) -> None:
        for note in (
            "小孩打的电话，说家里冒烟了，你们快来看看",
            "孩子打的，大人不在家，屋里好大一股焦糊味",
            "先别挂掉，屋后那个大铁塔在响，冒蓝光",
            "别挂掉，我老伴洗肾的机子停了，一点电都没有",
            "是供电所吗？搞错了，来修的是隔壁，我家那根线还在冒火",
            "不是我爸啊？那你们谁能来看下，屋后那个箱子在噼里啪啦响",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).junk, note)
                self.assertTrue(is_urgent(note), findings(note))
