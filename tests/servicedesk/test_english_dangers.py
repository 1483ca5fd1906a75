"""Dangers to life and needs said in English in the ordinary ways callers say them (issue 18,
probe76 findings 1 and 2): a danger's verb a few words from its subject ("the pole behind the
school has been leaning"), a child or an animal near live equipment said with near, next to, by,
beside or around, the ground washed from under a pole (the seed's first urgent case), a line
damaged or lying in the way said in plain words (broken strands, frayed, across the road), and a
person bedridden or living on the power at home with the power off. Each is urgent, with the
danger's kind named; each denied, asked about, feared, past or used to be is calm.

The notes are written for these tests from ``docs/domain.md`` and the seed document; none is the
probe's."""

from __future__ import annotations

import doctest

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding import english_people
from powerdesk.servicedesk.understanding.classifier import _english, _suggestion
from powerdesk.servicedesk.understanding.urgency import findings
from tests.servicedesk.test_classifier_learning import small_classifier
from tests.servicedesk.test_english_power_off import CLASSES, _blind_row

POLE = "pole leaning or fallen"
LINE = "line down or low"
NEAR = "person or animal near live equipment"

SAID_APART = (
    ("the pole in front of the school has been leaning since this morning", POLE),
    ("the concrete pole behind my uncle's shop is tilting towards the road", POLE),
    ("the wire along the canal is hanging really low now", LINE),
    ("the line over the rice field has come down", LINE),
)
NEAR_IT = (
    ("my grandson keeps playing next to the transformer, the door of it is open", NEAR),
    ("a buffalo is standing by the fallen wire in the paddy", NEAR),
    ("little children around the transformer box at the market", NEAR),
    ("beside the transformer a few boys are climbing the fence", NEAR),
)
UNDERMINED = (
    ("after the storm the soil around the pole at the bend was washed away", POLE),
    ("the flood has eaten the earth from under the pylon by the river", POLE),
    ("the wooden pole's footing has given way on the slope", POLE),
    ("the pole near the creek is being undermined by the water", POLE),
)
CONDUCTORS = (
    ("several strands of the wire by the well have snapped", LINE),
    ("the service cable to our house is frayed and hanging", LINE),
    ("there's a cable lying across the village road, cars drive over it", LINE),
    ("a frayed line over the school gate", LINE),
    ("the wire is blocking the path to the fields", LINE),
)


class DangersSaidInOrdinaryEnglishTests(SimpleTestCase):
    def test_each_is_urgent_and_named(self) -> None:
        for note, kind in SAID_APART + NEAR_IT + UNDERMINED + CONDUCTORS:
            if kind is None:
                continue
            with self.subTest(note):
                found = findings(note)
                self.assertIn(kind, found.dangers)
                self.assertTrue(found.urgent)

    def test_denied_asked_feared_or_past_is_calm(self) -> None:
        for note in (
            # denied
            "the pole by the temple is not leaning, we just have no power",
            "the wire behind the barn isn't hanging low, the lights flicker",
            "no children near the transformer, it is fenced",
            "there are never any cows near the substation, it has a wall",
            "the soil around the pole is fine, nothing washed away",
            "the ground under the pole has not given way",
            "the strands are not broken, the meter is just slow",
            "the wire across the road is fine, it is high up",
            # asked, feared, advice
            "is it safe for kids to play near the transformer?",
            "worried the rain might wash away the earth around the pole",
            "please tell the children not to play next to the transformer",
            "don't let the cattle near the transformer",
            # past and dealt with, thanks, once
            "the soil under the pole was washed away last month and your crew fixed it",
            "thank you for replacing the frayed wire last week",
            "children used to play near the transformer before the wall was built",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertEqual(found.dangers, ())
                self.assertFalse(found.urgent)

    def test_a_line_that_merely_crosses_the_road_or_a_place_of_no_danger_is_none(self) -> None:
        for note in (
            "the line that goes across the road needs the trees trimmed",
            "the pole outside our house has a new number plate",
            "kids at the school near the transformer want to visit the station",
        ):
            with self.subTest(note):
                self.assertNotIn(LINE, findings(note).dangers)
                self.assertNotIn(POLE, findings(note).dangers)

    def test_a_model_that_cannot_read_english_is_overruled_to_an_urgent_hazard_call(self) -> None:
        for note, _kind in SAID_APART[:1] + NEAR_IT[:1] + UNDERMINED[:1] + CONDUCTORS[:1]:
            with self.subTest(note):
                row = _blind_row(CLASSES, "consultation", "billing")
                suggestion = _suggestion(findings(note), CLASSES, row, english=_english(note))
                self.assertEqual(suggestion.category, "hazard")
                self.assertTrue(suggestion.urgent)


class PeopleLivingOnThePowerTests(SimpleTestCase):
    def test_the_examples_in_the_docstring_hold(self) -> None:
        failures, tried = doctest.testmod(english_people)
        self.assertGreater(tried, 0)
        self.assertEqual(failures, 0)

    def test_a_person_bedridden_or_dependent_with_the_power_off_is_a_need(self) -> None:
        for note in (
            "grandma is bed-bound upstairs and we have had no electricity since dawn",
            "my father is confined to his bed, the power went off an hour ago",
            "she sleeps on an anti-bedsore mattress and the power is out",
            "my brother is paralysed and relies on the power, blackout since noon",
            "the baby is a newborn and the lights went out, it is freezing",
            "no power in the house and my husband is critically ill",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)

    def test_denied_asked_past_or_without_the_power_off_is_no_need(self) -> None:
        for note in (
            "no one here is bedridden, the power is just off",
            "nobody in our house is bed-bound, no power since 8",
            "my aunt is not bedridden any more, the lights are out",
            "he used to be bedridden, the power is off",
            "is anyone bedridden? the power is off in our lane",
            "my mother is bedridden, can I pay her bill at the counter?",
            "thank you for restoring the power so fast, my bedridden dad is fine",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.medical)
                self.assertFalse(found.urgent)

    def test_a_trained_model_marks_the_need_urgent(self) -> None:
        model = small_classifier()
        suggestion = model.suggest_one("my mother is bedridden and there is no power at all")
        self.assertTrue(suggestion.urgent)
        self.assertTrue(suggestion.medical)
        self.assertFalse(
            model.suggest_one("no one here is bedridden, there is no power at all").urgent
        )
