"""Urgency by class of phrasing: the southwest's local speech, speech-to-text homophones, medical
machines and conditions, disconnections; each said, denied, feared and remembered in thanks.

The notes are our own, written for each class (none is from an evaluation set)."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings, is_junk, is_urgent


class DialectDangerTests(SimpleTestCase):
    def test_dangers_said_in_the_local_speech_are_heard(self) -> None:
        notes = {
            "村口那根电杆倒起了，压在人家院墙上": "pole leaning or fallen",
            "杆子趴下了，横在便道上": "pole leaning or fallen",
            "那截线耷起在田埂上，牛在边上吃草": "line down or low",
            "电线断起了，一头在路边": "line down or low",
            "变压器那点着起火了": "fire",
            "表箱劈里啪啦的响，还闪": "arcing or sparks",
            "我家狗去碰那根线，遭电打了": "person or animal near live equipment",
            "晾衣服的铁丝有电，一摸就麻": "person or animal near live equipment",
            "两根线被风吹得绞在一起了": "line down or low",
            "娃娃在路边捡线头玩": "line down or low",
            "大水淹到插座了，屋头还有电": "flooding at equipment",
            "闻到一股烧胶皮的味道，是电表那点出来的": "smoke",
            "插座烫手，插头都烧化了": "fire",
        }
        for note, danger in notes.items():
            with self.subTest(note):
                self.assertIn(danger, findings(note).dangers)
                self.assertTrue(is_urgent(note, "fault_repair"))

    def test_the_perfective_particles_of_hunan_and_sichuan_are_heard(self) -> None:
        for note, danger in {
            "线断哒，掉哒地上": "line down or low",
            "电线掉喽，在路边": "line down or low",
            "电杆倒哒，压在路上": "pole leaning or fallen",
            "坎子垮了，电线桩悬起了": "pole leaning or fallen",
        }.items():
            with self.subTest(note):
                self.assertIn(danger, findings(note).dangers)
        self.assertTrue(findings("屋里黑哒，我爸在吸氧").medical)
        self.assertEqual(findings("电杆冇倒，线也冇断，就是黑哒").dangers, ())

    def test_speech_to_text_homophones_are_heard(self) -> None:
        self.assertIn("line down or low", findings("点线断了掉在路上").dangers)
        self.assertIn("pole leaning or fallen", findings("点线杆歪了，快倒了").dangers)
        self.assertIn(
            "person or animal near live equipment", findings("露电了，洗衣机外壳麻手").dangers
        )

    def test_the_same_dangers_denied_in_the_local_speech_are_not(self) -> None:
        for note in (
            "么得打火，也冇冒烟，就是停电了",
            "冇打火，线也好好的，就是莫得电",
            "电杆没有倒起，就是线松了点",
            "插座发烫是不是正常的",
        ):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, ())
                self.assertFalse(is_urgent(note, "fault_repair"))

    def test_a_danger_remembered_in_thanks_is_not_a_hazard_call(self) -> None:
        for note in (
            "上次电杆倒起了，你们连夜来扶起来，感谢",
            "那回线耷起在路上，师傅冒雨来修好了，谢谢你们",
            "去年大水淹到表箱，你们第二天就换了新的，感谢",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).in_thanks)
                self.assertFalse(is_urgent(note, "praise"))


class MedicalNeedTests(SimpleTestCase):
    def test_machines_and_conditions_with_the_power_off_in_the_local_speech(self) -> None:
        for note in (
            "我老汉在屋头吸氧，么得电了",
            "冇电了，家里老人用制氧机",
            "制养机用不了了，停电了",
            "偷析的机器停了，黑火了",
            "家头老人是尘肺病，一直靠氧，现在黑起了",
            "有个刚生的娃娃在屋头，停电了，暖箱开不起",
            "冰箱里的针水要冷藏，停电一天了",
            "我妈瘫起在床上，气垫床瘪了，莫得电",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical)
                self.assertTrue(is_urgent(note, "fault_repair"))

    def test_a_disconnection_for_arrears_or_coming_is_a_need_for_a_machine_at_home(self) -> None:
        for note in (
            "欠费被拉了闸，我爸在家用呼吸机，钱交了麻烦快点送电",
            "你们要来停我家的电，我晓得欠了费，但是我妈在家用制氧机",
            "收到欠费停电通知，家里老人长期吸氧，申请缓停",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical)

    def test_a_machine_named_in_a_wish_for_later_is_not_a_need_now(self) -> None:
        for note in (
            "家里有人用制氧机，能不能登记成重点用户，以后停电先通知",
            "我家里有人用呼吸机，要是停电了一般多久能恢复",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).medical)

    def test_a_machine_remembered_in_thanks_is_not_a_need(self) -> None:
        note = "谢谢你们，我家那个透析的病人，你们专门装了个备用电源，一家人都感激"
        self.assertFalse(is_urgent(note, "praise"))


class LocalSpeechIsNotJunkTests(SimpleTestCase):
    def test_a_call_about_no_power_in_the_local_speech_is_not_junk(self) -> None:
        for note in ("么得电了，挂了", "冇电，打错了一次又打过来", "黑火了 没人说话了"):
            with self.subTest(note):
                self.assertFalse(is_junk(note))
