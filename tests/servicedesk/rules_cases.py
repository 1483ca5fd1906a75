"""The assertions the rules rounds' tests share: each note urgent, or each calm, or each a kind
of danger now, by the rules alone (``findings``), one subtest a note; and, at the desk, the
shipped classifier read once for a class (``DeskCase``) and each note's suggestion checked."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.test import SimpleTestCase, TestCase

from powerdesk.servicedesk.understanding.store import default_classifier
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

    def assert_dangers_now(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Each (note, kind): the rules hear that kind of danger there now, and the note is
        urgent."""
        for note, kind in pairs:
            with self.subTest(note):
                found = findings(note)
                self.assertIn(kind, found.dangers, found)
                self.assertTrue(found.urgent, found)


class DeskCase(TestCase):
    """The classifier the desk uses (the corpus's, no corrections), read once for the class."""

    classifier: Any

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.classifier = default_classifier()

    def assert_each(self, notes: Iterable[str], check: Callable[[Any], bool]) -> None:
        """One subtest a note: ``check`` holds of the note's suggestion (all suggested at once)."""
        notes = list(notes)
        for note, suggestion in zip(notes, self.classifier.suggest(notes), strict=True):
            with self.subTest(note):
                self.assertTrue(check(suggestion), suggestion)
