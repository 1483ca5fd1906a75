"""A danger or a medical need hidden from the urgency rules by an invisible character, a space
inside its word or traditional characters makes a call urgent by rule as the plain words do
(probe72, H1: the call-note reader missed "打\\u200b火" and "制 氧 机"); a calm note written so
stays calm, and a space between two clauses is still their end."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings

# (note, the danger the plain note names)
DANGERS = [
    ("电线掉了在打\u200b火", "arcing or sparks"),
    ("电线掉了在打\u200c火", "arcing or sparks"),
    ("电\u2060线掉地上了", "line down or low"),
    ("电线掉\u00ad地上了", "line down or low"),
    ("变压器冒\u200d烟了", "smoke"),
    ("变压器冒\ufeff烟了", "smoke"),
    ("电 线掉地上了", "line down or low"),
    ("变压器冒\u3000烟了", "smoke"),
    ("电線斷了在打火", "arcing or sparks"),
    ("電桿倒了，壓在房頂上", "pole leaning or fallen"),
    ("變壓器着火了", "fire"),
]
# Each says the power is off where a machine or a patient needs it.
MEDICAL = [
    "老人用制\u200b氧机，停电了",
    "老人用制\u00ad氧机，停电了",
    "老人用呼\u2060吸机，停电了",
    "老人用制 氧 机，停电了",
    "老人用制\u3000氧机，停电了",
    "家里有人要透 析，停电了",
    "家裡老人用製氧機，停電了",
    "老人用呼吸機，停電了",
    "家裏有人要洗腎，停電了",
]
# Calm notes written so: no danger, and a machine named for its price alone.
CALM = [
    "没有打\u200b火，就是停电了",
    "沒有打火，也沒冒煙，就是停電了",
    "电费\u200b怎么交",
    "家裡的電費多少錢",
    "谢谢你们\u3000师傅修得快",
]
CALM_MEDICAL = ["制\u200b氧机的电价能不能便宜点", "家裡有製氧機，電價能不能便宜點"]


class HiddenDangersTests(SimpleTestCase):
    def test_a_hidden_danger_is_urgent_by_rule_and_calm_notes_stay_calm(self) -> None:
        for note, danger in DANGERS:
            with self.subTest(note=note):
                found = findings(note)
                self.assertIn(danger, found.dangers)
                self.assertTrue(found.urgent)
        for note in CALM:
            with self.subTest(note=note):
                self.assertFalse(findings(note).urgent)
        # A duty's space parts two clauses: "没电 线断了" is no power, and a line broken.
        self.assertIn("line down or low", findings("没电 线断了 一头耷拉在果园里").dangers)

    def test_a_hidden_medical_need_is_urgent_by_rule_and_a_price_asked_is_not(self) -> None:
        for note in MEDICAL:
            with self.subTest(note=note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)
        for note in CALM_MEDICAL:
            with self.subTest(note=note):
                self.assertFalse(findings(note).urgent)

    def test_the_reading_s_examples(self) -> None:
        import doctest

        from powerdesk.servicedesk.understanding import unhidden, urgency

        for module in (unhidden, urgency):
            self.assertEqual(doctest.testmod(module).failed, 0, module.__name__)
