"""A danger is named as what it is, and each danger a note tells is named and advised, the most
urgent first (walk51, F10: "变压器掉下来了" was named a pole leaning, with the pole's advice;
"高压线塔歪了，下面有人" named the pylon alone, and the person under it was read nothing)."""

from __future__ import annotations

from django.test import SimpleTestCase
from django.utils import translation

from powerdesk.outages.templatetags.hazard_words import DANGER_CARE
from powerdesk.servicedesk.safety import (
    DANGER_LABELS,
    LIAISON_SCRIPTS,
    SAFETY_SCRIPTS,
    URGENCY_ORDER,
    safety_advice,
)
from powerdesk.servicedesk.understanding.classifier import Suggestion
from powerdesk.servicedesk.understanding.urgency import findings

FALLEN = "equipment fallen"
POLE = "pole leaning or fallen"
PERSON = "person or animal near live equipment"


def _advice(note: str) -> list[str]:
    found = findings(note)
    suggestion = Suggestion(category="hazard", urgent=True, confidence=1.0, dangers=found.dangers)
    return [a.kind for a in safety_advice(suggestion)]


class DangerNamedTests(SimpleTestCase):
    def test_a_fallen_transformer_is_its_own_danger_not_a_pole(self) -> None:
        for note in ("变压器掉下来了", "黑罐子掉下来了", "台变掉地上了"):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, (FALLEN,))
                self.assertEqual(_advice(note), [FALLEN])
        with translation.override("en"):
            script = str(SAFETY_SCRIPTS[FALLEN])
        self.assertIn("oil", script)
        self.assertIn("live", script)
        self.assertNotIn("pole", script)

    def test_its_fuse_dropped_out_is_still_no_danger(self) -> None:
        self.assertEqual(findings("变压器上头那个保险掉下来").dangers, ())

    def test_a_pylon_leaning_with_people_under_it_names_both_the_person_first(self) -> None:
        self.assertEqual(set(findings("高压线塔歪了，下面有人").dangers), {POLE, PERSON})
        self.assertEqual(_advice("高压线塔歪了，下面有人"), [PERSON, POLE])
        self.assertEqual(findings("高压线塔歪了").dangers, (POLE,))

    def test_every_danger_has_a_label_advice_for_both_readers_a_care_and_a_rank(self) -> None:
        for kind in DANGER_LABELS:
            with self.subTest(kind):
                self.assertIn(kind, SAFETY_SCRIPTS)
                self.assertIn(kind, LIAISON_SCRIPTS)
                self.assertIn(kind, DANGER_CARE)
                self.assertIn(kind, URGENCY_ORDER)
