"""The engine's evidence in the board's words: meters that have sent nothing are not read as
meters saying the power is on (walk37, 16)."""

from __future__ import annotations

from django.test import SimpleTestCase
from django.utils import translation

from powerdesk.outages.models import evidence_words


class EvidenceWordsTests(SimpleTestCase):
    def test_meters_that_sent_power_off_are_counted_of_those_reporting(self) -> None:
        with translation.override("en"):
            said = evidence_words({"calls": 2, "reporting_meters": 14, "meter_off": 6})
        self.assertEqual(said, "customers below called; 6 of 14 reporting meters sent power-off")

    def test_no_meter_yet_is_said_as_none_yet_not_as_zero_of_them(self) -> None:
        with translation.override("en"):
            said = evidence_words({"calls": 1, "reporting_meters": 30, "meter_off": 0})
        self.assertEqual(
            said, "customers below called; none of the 30 reporting meters has sent power-off yet"
        )
        self.assertNotIn("0 of", said)

    def test_a_device_without_reporting_meters_says_nothing_of_meters(self) -> None:
        with translation.override("en"):
            said = evidence_words({"calls": 3, "reporting_meters": 0})
        self.assertEqual(said, "customers below called")
