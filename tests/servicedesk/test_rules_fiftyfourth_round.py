"""The fifty-fourth round: a danger said dealt with after it, and by whom (review69 L5,
``dealt_with``). "电线掉下来了，已经处理好了" was urgent, though a danger past and dealt with is
no danger call; decided as a careful duty clerk would, who dealt with it matters: the station's
people, an electrician or nobody named make it past; the caller, a villager, or a hand with a
stick or a rope leave it a danger to report and check. Each reading beside its look-alikes: a
fix asked about, denied, wanted or to come, disputed, or the danger back after it.

The notes are our own, written for these tests; no evaluation note was read.
"""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings

LINE_DOWN = "line down or low"


class DealtWithByTheStationTests(SimpleTestCase):
    def test_a_danger_said_dealt_with_by_the_station_or_nobody_named_is_past(self) -> None:
        for note in (
            "电线掉下来了，已经处理好了",
            "电线掉下来了。已经处理好了。",
            "电线掉下来了，不过已经处理好了",
            "电线掉下来了，供电所的人已经处理好了",
            "电线掉下来了，你们的人修好了",
            "电线掉下来了，电工来弄好了",
            "电线断了，村电工已经接好了",
            "塔吊挂到电线了，不过已经处理好了",
            "海缆浮起来了，不过已经处理好了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.urgent)
                self.assertNotIn(LINE_DOWN, found.dangers)
                self.assertIn(LINE_DOWN, found.spoken_of)

    def test_other_dangers_dealt_with_by_the_station_are_past(self) -> None:
        for note, kind in (
            ("变压器冒烟了，你们的人已经处理好了", "smoke"),
            ("电杆被车撞歪了，你们的人已经处理完了", "pole leaning or fallen"),
            ("电杆歪了，电工来扶起来了", "pole leaning or fallen"),
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.urgent)
                self.assertNotIn(kind, found.dangers)

    def test_praise_for_a_danger_dealt_with_stays_praise(self) -> None:
        for note in (
            "感谢你们，电线掉下来了，你们马上来处理好了",
            "电线断了，你们抢修队半夜接好了，辛苦了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.urgent)
                self.assertTrue(found.in_thanks)


class DealtWithByAVillagerTests(SimpleTestCase):
    def test_a_line_handled_by_the_caller_a_villager_or_by_hand_is_still_a_danger(self) -> None:
        for note in (
            "电线掉下来了，我们自己弄好了",
            "电线掉下来了，用棍子挑开了",
            "电线掉下来了，我用竹竿挑到一边，已经处理好了",
            "电线掉下来了，邻居帮忙接好了",
            "电线掉下来了，我老公已经处理好了",
            "电线掉下来了，已经处理好了，用棍子挑开的",
            "电线掉下来了，已经处理好了，是我们自己弄的",
            "昨天电线断了，我们自己接好了",
            "电线掉下来了，我们自己接好了，你们不用来了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.urgent)
                self.assertIn(LINE_DOWN, found.dangers)


class NotDealtWithTests(SimpleTestCase):
    def test_a_fix_asked_denied_wanted_disputed_or_undone_leaves_the_danger(self) -> None:
        for note in (
            "电线掉下来了，处理好了吗?",
            "院子里电线掉下来了，已经处理好了吗",
            "电线掉下来了，修好没有",
            "电线掉下来了，不晓得处理好了没",
            "电线掉下来了，还没处理好",
            "电线掉下来了，没修好",
            "电线掉下来了，到现在还没修好",
            "电线掉下来了，赶紧来处理好",
            "电线掉下来了，等你们来修好",
            "电线断了，处理好了再来电",
            "电线掉下来了，已经修复失败了",
            "电线断了，已经派人去处理了",
            "电线掉下来了，修好了又掉下来了",
            "电线掉下来了，你们说修好了，根本没人来",
            "电线掉下来了，说是修好了，其实还吊着",
            "电线掉下来了，已经处理好了，麻烦你们来看一下",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.urgent)
                self.assertIn(LINE_DOWN, found.dangers)

    def test_another_danger_still_there_after_the_fix_is_urgent(self) -> None:
        for note, kind in (
            ("电线掉下来了，已经处理好了，还在打火", "arcing or sparks"),
            ("电线掉下来了，线已经接好了，但是杆子还歪着", "pole leaning or fallen"),
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.urgent)
                self.assertIn(kind, found.dangers)


class ADayBeforeTests(SimpleTestCase):
    """昨天, 前天, 上午 are no markers of the past (a call starts with them: "昨晚线断了"), so a
    danger told of a day before and mended since by the station stayed urgent."""

    def test_a_danger_of_a_day_before_mended_by_the_station_is_past(self) -> None:
        for note in (
            "昨天电线断了，你们来修好了",
            "前天电线断了，你们来接好了",
            "上午电线断了，下午你们就来接好了",
            "昨晚电线断了，今早你们已经接上了",
            "线被风刮断了，你们已经接好了，现在有电了",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_mended_then_back_again_is_urgent(self) -> None:
        for note in (
            "昨天电线断了，修好了，今天又断了",
            "电线掉下来了，你们昨天来修好了，今天又掉了",
            "上个月电线断了，你们来修好了，现在又断了",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent)


class PowerBackTests(SimpleTestCase):
    def test_a_need_with_the_power_mended_by_an_electrician_is_over(self) -> None:
        found = findings("停电了，我妈用制氧机，电工已经修好了")
        self.assertFalse(found.urgent)

    def test_a_need_with_the_mend_asked_about_or_done_by_hand_stays(self) -> None:
        for note in (
            "家里停电了，老人要吸氧，已经修好了吗",
            "停电了，老人用呼吸机，线我们自己接好了",
            "停电了 制氧机用不了 还没修好",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent)
