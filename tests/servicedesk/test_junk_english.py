"""A note in Latin letters is junk only when it went nowhere: letters struck at random, a test
call or a wrong number said in English; never a note of the station's business in English
(walk40, 7: "the power is back now" was taken for letters struck at random)."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.urgency import findings


class EnglishJunkTests(SimpleTestCase):
    def test_english_notes_of_power_are_not_junk(self) -> None:
        for note in (
            "the power is back now",
            "no power since 3pm",
            "line down near school",
            "Power back on",
            "we have power now",
            "lights out",
            "power",
            "my tree fell over",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))
                self.assertFalse(findings(note).junk)

    def test_english_calls_that_went_nowhere_are_junk(self) -> None:
        for note in ("asdf", "jkl", "hello", "test", "test call", "sorry, wrong number", "ok"):
            with self.subTest(note):
                self.assertTrue(is_junk(note))
