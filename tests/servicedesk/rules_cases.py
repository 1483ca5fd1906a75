"""The assertions the rules rounds' tests share: each note urgent, or each calm, by the rules
alone (``findings``), one subtest a note."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings


class RulesCase(SimpleTestCase):
    def assert_urgent(self, *notes: str) -> None:
        for note in notes:
            with self.subTest(note):
                self.assertTrue(findings(note).urgent, findings(note))

    def assert_calm(self, *notes: str) -> None:
        for note in notes:
            with self.subTest(note):
                self.assertFalse(findings(note).urgent, findings(note))
