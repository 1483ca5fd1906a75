"""The rules mended for the twenty-third round: thanks for a danger dealt with at once ("电线断了马上
就修好了": "马上" tells of what was done, no help wanted now); a medical machine asked about as a thing to buy
(its brand, its price, whether it is any good) is no need at home now; and "负责" asked for ("谁
负责", "要负责", "有没有人负责", "负责人") is a grievance or a name, not thanks, so that the
danger or need in such a note is not taken for one dealt with. Each beside a twin it must still
catch."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings


class MachineAsAProductTests(SimpleTestCase):
    def test_a_machine_asked_about_to_buy_is_no_need(self) -> None:
        for note in (
            "鱼跃的制氧机好不好用，想买一台",
            "哪个牌子的呼吸机好一点，老人家用",
            "家用透析机多少钱一台，我们打算给我爸配一台",
            "想买个呼吸机，在哪里买好",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).medical, findings(note))

    def test_the_same_machine_in_an_outage_now_is_still_a_need(self) -> None:
        for note in (
            "停电了，家里制氧机停了，想买个发电机也来不及",
            "我妈用的呼吸机停了，家里没电了，快来",
            "家里老人用着制氧机，快点来，要配个人过来",
            "家里老人在用制氧机，快来人，我打算买蜡烛",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent, findings(note))


class ResponsibilityAskedTests(SimpleTestCase):
    def test_who_is_responsible_is_no_thanks(self) -> None:
        for note in (
            "电线掉在路上两天了，出了事谁负责",
            "变压器冒烟了，你们负责人呢",
            "线断了挂在树上，你们要负责",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).in_thanks, findings(note))
                self.assertTrue(findings(note).urgent, findings(note))

    def test_praise_for_a_responsible_crew_is_still_thanks(self) -> None:
        for note in (
            "感谢师傅很负责，电杆倒了连夜来扶起来",
            "你们的电工真负责，电线断了马上就修好了",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).in_thanks, findings(note))
                self.assertFalse(findings(note).urgent, findings(note))


class DoneAtOnceTests(SimpleTestCase):
    def test_thanks_for_a_danger_dealt_with_at_once_is_not_urgent(self) -> None:
        for note in (
            "谢谢师傅，昨天电线断了马上就来修好了",
            "感谢你们，杆子歪了马上派人来扶正了",
            "电线掉了你们马上就赶到了，谢谢",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).in_thanks, findings(note))
                self.assertFalse(findings(note).urgent, findings(note))

    def test_help_asked_at_once_is_still_urgent(self) -> None:
        for note in ("谢谢，电线断了请马上派人来修", "电线断了掉在路上，马上派人来"):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent, findings(note))
