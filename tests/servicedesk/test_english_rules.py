"""The safety rules read a note typed in English (walk42, 8): "line down near school, sparks" is
a danger to life whatever the language the clerk types, urgent and with the same safety advice
as in Chinese; a danger denied, feared, past or remembered in thanks is not, as in Chinese."""

from __future__ import annotations

import doctest

from django.test import SimpleTestCase

from powerdesk.servicedesk.safety import safety_advice
from powerdesk.servicedesk.understanding import english
from powerdesk.servicedesk.understanding.english import reading
from powerdesk.servicedesk.understanding.suggest import suggestion_by_rules
from powerdesk.servicedesk.understanding.urgency import findings, is_urgent


class EnglishDocstringTests(SimpleTestCase):
    def test_the_examples_in_the_docstring_hold(self) -> None:
        failures, tried = doctest.testmod(english)
        self.assertGreater(tried, 0)
        self.assertEqual(failures, 0)


class EnglishDangerTests(SimpleTestCase):
    def test_each_danger_said_in_english_is_urgent_and_named(self) -> None:
        for note, kind in (
            ("line down near school", "line down or low"),
            ("the power line is down on the road", "line down or low"),
            ("wire down by the well", "line down or low"),
            ("wire hanging low over the road, kids walk under it", "line down or low"),
            ("a live wire lying in the field", "line down or low"),
            ("sparks from the pole", "arcing or sparks"),
            ("the meter box is sparking", "arcing or sparks"),
            ("arcing at the transformer", "arcing or sparks"),
            ("smoke coming out of the transformer", "smoke"),
            ("smell of burning from the meter box", "smoke"),
            ("the transformer is on fire", "fire"),
            ("the meter box is burning", "fire"),
            ("the pole is leaning towards the house", "pole leaning or fallen"),
            ("pole fell across the road", "pole leaning or fallen"),
            ("a broken pole by the bridge", "pole leaning or fallen"),
            ("flooding at the transformer", "flooding at equipment"),
            ("the meter box is under water", "flooding at equipment"),
            ("water in the distribution box", "flooding at equipment"),
            ("a child is touching the wire", "person or animal near live equipment"),
            ("kids climbing the transformer", "person or animal near live equipment"),
            ("a cow touching the line", "person or animal near live equipment"),
            ("someone got an electric shock from the gate", "person or animal near live equipment"),
            ("tree fell on the line", "tree or object on a line"),
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertIn(kind, found.dangers)
                self.assertTrue(found.urgent)
                self.assertFalse(found.junk)

    def test_the_walkthrough_note_names_both_dangers(self) -> None:
        found = findings("line down near school, sparks")
        self.assertEqual(found.dangers, ("line down or low", "arcing or sparks"))
        self.assertTrue(is_urgent("Line down near the school! Sparking."))

    def test_a_danger_denied_is_none(self) -> None:
        for note in (
            "no sparks, just no power",
            "not sparking, the lights went off",
            "no smoke or sparks, power off since 3pm",
            "I can't see any sparks",
            "there is no sign of fire",
            "line is fine, no sparks",
            "sparks? no",
            "sparking has stopped",
            "not sparking any more",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertEqual(found.dangers, ())
                self.assertFalse(found.urgent)
                self.assertTrue(found.spoken_of)

    def test_a_denial_ends_with_its_clause(self) -> None:
        for note in ("no power and the wire is down", "no sparks but the line is down"):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, ("line down or low",))

    def test_a_danger_feared_or_asked_about_is_none(self) -> None:
        for note in (
            "is it dangerous if the line is low?",
            "worried the pole could fall over in the wind",
            "what if the transformer catches fire?",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_a_danger_past_and_dealt_with_or_in_thanks_is_none(self) -> None:
        for note in (
            "the pole fell last week and you fixed it",
            "thanks for fixing the fallen pole last week",
            "great job on the fallen pole yesterday, thank you",
            "thank you for coming so fast when the line came down",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_a_danger_still_there_or_back_after_thanks_is_urgent(self) -> None:
        for note in (
            "thanks for fixing the line last week, but now the pole is leaning",
            "the pole fell last week and is still leaning on the house",
            "thanks for last time. The wire is sparking again",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent)

    def test_smoke_or_fire_of_no_power_is_none(self) -> None:
        for note in ("burning rubbish next door, no power", "smoke from the chimney, no power"):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_words_that_only_look_like_dangers(self) -> None:
        for note in (
            "phone line is down",
            "cable TV line is down",
            "the line voltage is low",
            "spark plug broken",
            "the power is back now",
            "no power since 3pm",
        ):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, ())


class EnglishMedicalTests(SimpleTestCase):
    def test_a_machine_at_home_and_no_power_is_a_medical_need(self) -> None:
        for note in (
            "my mother is on an oxygen concentrator and the power is off",
            "oxygen machine, no power",
            "dad is on a ventilator and the power is off",
            "home dialysis patient, power cut",
            "patient on a machine, power out",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)
                self.assertTrue(found.outage_need)

    def test_no_machine_or_its_user_dead_is_no_need(self) -> None:
        for note in (
            "no one here uses oxygen, no power",
            "the old man on the oxygen machine has passed away",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)
        self.assertTrue(findings("the old man on the oxygen machine has passed away").need_ended)


class EnglishAdviceTests(SimpleTestCase):
    def test_the_english_danger_gets_the_advice_of_its_kind(self) -> None:
        suggestion = suggestion_by_rules("line down near school, sparks")
        self.assertTrue(suggestion.urgent)
        self.assertTrue(suggestion.by_rule)
        kinds = [advice.kind for advice in safety_advice(suggestion)]
        self.assertEqual(kinds, ["line down or low", "arcing or sparks"])
        medical = suggestion_by_rules("mum on oxygen concentrator, no power")
        self.assertEqual([a.kind for a in safety_advice(medical)], ["medical need"])


class EnglishLeavesChineseAloneTests(SimpleTestCase):
    def test_chinese_notes_are_not_read_here(self) -> None:
        for note in (
            "电线断了掉在地上",
            "凌晨停电了，没有看到冒烟，也没有打火",
            "家里老人用制氧机，停电了",
        ):
            with self.subTest(note):
                self.assertEqual(reading(note), reading(""))

    def test_keys_struck_at_random_went_nowhere(self) -> None:
        for note in ("asdfgh qwerty", "asdf jkl", "zxcv"):
            with self.subTest(note):
                self.assertTrue(findings(note).junk)
        self.assertFalse(findings("power cut").junk)
