"""A villager's report on the public page is cleaned as staff's text is (review56, M4): invisible
characters alone are no text, and bidirectional controls never reach the station's record."""

from __future__ import annotations

from powerdesk.public.area import PublicError
from powerdesk.public.services import Problem, public_report
from powerdesk.servicedesk.idempotency import form_token_new
from tests.base import BaseTestCase


class PublicReportCleanedTests(BaseTestCase):
    def report(self, text: str, problem: str = Problem.OTHER) -> object:
        return public_report(
            station=self.station_a,
            customer=self.customer,
            problem=problem,
            text=text,
            form_token=form_token_new(),
        )

    def test_a_report_of_invisible_characters_alone_says_what_is_missing(self) -> None:
        with self.assertRaises(PublicError) as refused:
            self.report("\u200b\u3000 \u200b")
        self.assertEqual(refused.exception.field, "text")

    def test_a_right_to_left_override_is_not_stored(self) -> None:
        reported = self.report("路灯坏了 \u202egnp.exe", Problem.NO_POWER)
        note = reported.call.text  # type: ignore[attr-defined]
        self.assertIn("路灯坏了 gnp.exe", note)
        self.assertNotIn("\u202e", note)
