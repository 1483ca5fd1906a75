"""The forty-fifth round: three calm readings the last round left, and a transformer by its folk
name.

A machine used once whose use is told over ("我妈原来用呼吸机，已经住院了，家里不用了") was read as
a need, the power off or not: nobody at home needs it now, unless it is taken up again or its
user is back home. New poles lying by the road as material ("电杆倒过来放在路边") were read as a
pole fallen: no danger, unless the note tells a line, something live or something struck with
them. And the drum on the pole called a black jar (黑罐子) was no transformer to the rules, so its
leaking oil or a child on it was heard as nothing. The notes are our own; no evaluation note was
read."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings

POLE = "pole leaning or fallen"


class AMachineNoLongerUsedIsNoNeedTests(SimpleTestCase):
    def test_a_machine_whose_use_is_over_is_no_need_whatever_the_power_does(self) -> None:
        for note in (
            "我妈原来用呼吸机，已经住院了，家里不用了",
            "我妈原来用呼吸机，已经住院了，家里不用了，现在屋里停电了",
            "老汉以前靠制氧机，现在好了不用了，就是问一下哪天来电",
            "奶奶之前在家用透析机 上个月住进医院了 屋头黑起了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.medical)
                self.assertFalse(found.urgent)
                self.assertTrue(found.need_ended)  # the learned detector is not heard over it

    def test_a_machine_taken_up_again_or_its_user_back_home_is_a_need(self) -> None:
        for note in (
            "我爸以前用制氧机，好了以后不用了，这两天又喘起来又用上了，停电了",
            "我妈原来用呼吸机，住院了一段时间，现在回家了，屋里停电了",
            "家里停电了，我爸用着制氧机",
            "以前用呼吸机，现在离不开了，停电了快来",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)


class PolesLaidByTheRoadTests(SimpleTestCase):
    def test_poles_brought_and_laid_down_to_be_put_up_are_no_danger(self) -> None:
        for note in (
            "电杆倒过来放在路边",
            "新到的几根水泥杆倒在路边放着，还没立",
            "施工队把电线杆拉来倒在我家地头放了半个月",
            "那根杆子躺在路边是备用的，还没立起来",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.urgent)
                self.assertIn(POLE, found.spoken_of)

    def test_a_pole_fallen_or_lying_with_a_line_or_on_something_is_a_danger(self) -> None:
        for note in (
            "电杆倒过来放在路边，线还连着",
            "电杆倒在路边了，砸到一辆车",
            "电线杆倒过来压在房子上",
            "村口那根杆子倒在路上了",
            "新电杆倒在路边放着，旁边那根老杆子歪了快倒了",
        ):
            with self.subTest(note):
                self.assertIn(POLE, findings(note).dangers)


class TheBlackJarIsATransformerTests(SimpleTestCase):
    def test_a_black_jar_leaking_or_climbed_is_a_danger(self) -> None:
        for note in ("村口那个黑罐子在漏油", "黑罐子上有个娃娃在爬", "杆上的黑罐罐冒烟了"):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent)

    def test_a_black_jar_only_humming_or_a_jar_of_pickles_is_none(self) -> None:
        for note in (
            "黑罐子嗡嗡响了好几天",
            "黑罐子里的酸菜坏了",
            "那个台子上的黑罐子我们不用了，拉走吧",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)


class HandSixtyNinesMissedDangersTests(SimpleTestCase):
    """Dangers of the forty-fifth round's hand the rules missed (the lead's, after the round):
    a transformer fallen, a pylon leaning, a line hanging down at a door or a pen, a line in
    water that bubbles, a cable crushed on wet ground; and the calm look-alikes beside them."""

    def test_each_is_urgent(self) -> None:
        for note in (
            "变压器掉下来了",
            "黑罐子掉下来了",
            "台变掉地上了",
            "高压线塔歪了，下面有人",
            "牛圈门口吊着一根电线",
            "猪圈门口耷着根电线，猪老去拱",
            "沟里有根电线，水在冒泡泡",
            "电缆被压坏了，地上都是水",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent)

    def test_the_look_alikes_are_calm(self) -> None:
        for note in (
            "变压器没有掉下来",
            "去年变压器掉下来过，现在修好了",
            "谢谢你们上次把歪了的铁塔扶正",
            "铁塔没歪",
            "电缆没压坏",
            "门口吊着电线灯",
            "变压器上头那个保险掉下来吊着了，全屯停电，请来合上",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)
