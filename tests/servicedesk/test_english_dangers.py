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


class DangersSaidInOrdinaryEnglishTests(SimpleTestCase):
    def assert_read(self, kind: str, urgent: tuple[str, ...], calm: tuple[str, ...]) -> None:
        """Each of ``urgent`` is a danger of ``kind`` now, urgent; each of ``calm`` is none."""
        for note in urgent:
            with self.subTest(note):
                found = findings(note)
                self.assertIn(kind, found.dangers)
                self.assertTrue(found.urgent)
        for note in calm:
            with self.subTest(note):
                found = findings(note)
                self.assertNotIn(kind, found.dangers)
                self.assertFalse(found.urgent)

    def test_a_danger_said_a_place_apart_from_its_subject(self) -> None:
        self.assert_read(
            POLE,
            (
                "the pole in front of the school has been leaning since this morning",
                "the concrete pole behind my uncle's shop is tilting towards the road",
            ),
            (
                "the pole by the temple is not leaning, we just have no power",
                "the pole outside our house has a new number plate",
            ),
        )
        self.assert_read(
            LINE,
            (
                "the wire along the canal is hanging really low now",
                "the line over the rice field has come down",
            ),
            ("the wire behind the barn isn't hanging low, the lights flicker",),
        )

    def test_someone_near_live_equipment(self) -> None:
        self.assert_read(
            NEAR,
            (
                "my grandson keeps playing next to the transformer, the door of it is open",
                "a buffalo is standing by the fallen wire in the paddy",
                "little children around the transformer box at the market",
                "beside the transformer a few boys are climbing the fence",
            ),
            (
                "no children near the transformer, it is fenced",
                "there are never any cows near the substation, it has a wall",
                "is it safe for kids to play near the transformer?",
                "please tell the children not to play next to the transformer",
                "don't let the cattle near the transformer",
                "children used to play near the transformer before the wall was built",
            ),
        )

    def test_a_pole_undermined(self) -> None:
        self.assert_read(
            POLE,
            (
                "after the storm the soil around the pole at the bend was washed away",
                "the flood has eaten the earth from under the pylon by the river",
                "the wooden pole's footing has given way on the slope",
                "the pole near the creek is being undermined by the water",
            ),
            (
                "the soil around the pole is fine, nothing washed away",
                "the ground under the pole has not given way",
                "worried the rain might wash away the earth around the pole",
                "the soil under the pole was washed away last month and your crew fixed it",
            ),
        )

    def test_a_line_damaged_or_in_the_way(self) -> None:
        self.assert_read(
            LINE,
            (
                "several strands of the wire by the well have snapped",
                "the service cable to our house is frayed and hanging",
                "there's a cable lying across the village road, cars drive over it",
                "a frayed line over the school gate",
                "the wire is blocking the path to the fields",
            ),
            (
                "the strands are not broken, the meter is just slow",
                "the wire across the road is fine, it is high up",
                "the line that goes across the road needs the trees trimmed",
                "we need a new cable across the road to the cow shed, how much is it?",
                "thank you for replacing the frayed wire last week",
            ),
        )

    def test_a_model_that_cannot_read_english_is_overruled_to_an_urgent_hazard_call(self) -> None:
        for note in (
            "the pole in front of the school has been leaning since this morning",
            "my grandson keeps playing next to the transformer",
            "the pole near the creek is being undermined by the water",
            "several strands of the wire by the well have snapped",
        ):
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

    def test_a_person_bedridden_or_living_on_the_power_with_the_power_off_is_a_need(self) -> None:
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
        for note in (  # denied, asked, once, without the power off, in thanks: no need
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
