"""A caller who reassures the clerk still tells a danger now (review77, M3: "don't worry, a wire
is down in the road" was read as feared, calm); a line is wanted across a road only when someone
wants or lays it (M2: "a second line is hanging across the path" was calm). Fear and wanting
still read as before."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding import english
from powerdesk.servicedesk.understanding.urgency import findings

LINE = "line down or low"
POLE = "pole leaning or fallen"


class ReassuredTests(SimpleTestCase):
    def test_reassurance_does_not_calm_a_danger_now(self) -> None:
        for note, kind in (
            ("Don't worry, nobody is hurt, but a wire is down in the road", LINE),
            ("dont worry a wire is down on the path by the school", LINE),
            ("No worries about us, the pole outside is leaning badly", POLE),
            ("a second line is hanging across the path", LINE),
            ("another cable is lying across the road after the storm", LINE),
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertIn(kind, found.dangers)
                self.assertTrue(found.urgent)

    def test_fear_and_a_line_wanted_stay_calm(self) -> None:
        for note in (
            "I am worried the wire across the road may fall one day",
            "we need a new cable across the road to the shed",
            "we want another line across the road to the barn",
            "could you install a second line across the yard for the pump",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_the_reading_names_no_fear_in_reassurance(self) -> None:
        said = "don't worry, a wire is down in the road"
        self.assertFalse(english._feared(said, 0, said.index("a wire")))
        said = "we are worried a wire is down"
        self.assertTrue(english._feared(said, 0, said.index("a wire")))
