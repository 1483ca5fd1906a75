"""A danger said a longer place apart from its subject (review77 L6): a part of a place ("the
pole at the end of the road is leaning", up to six words) and where a line or pole comes from, a
place of the grid or the village ("the pole from the old road is leaning", "the wire from the
pole to our house"). Urgent, the danger named; what a thing in the house has ("the cable at the
back of the TV", "the cable from the TV"), denied, asked about or past stays calm.

The notes are written for these tests; none is the probe's."""

from __future__ import annotations

from django.test import SimpleTestCase

from tests.servicedesk import test_english_dangers as dangers
from tests.servicedesk.test_english_dangers import LINE, POLE


class LongerPlaceTests(SimpleTestCase):
    # Each urgent note a danger of the kind, each calm one none (its tests stay in their file).
    assert_read = dangers.DangersSaidInOrdinaryEnglishTests.assert_read

    def test_a_part_of_a_place_between_a_pole_and_its_lean(self) -> None:
        self.assert_read(
            POLE,
            urgent=(
                "the pole at the end of the road is leaning",
                "The concrete pole on the far side of the field has tilted",
                "the pole at the corner of the school is about to fall",
            ),
            calm=(
                "the pole at the end of the road is fine now",
                "is the pole at the end of the road leaning?",
                "the pole at the end of the road was leaning but your crew fixed it yesterday",
            ),
        )

    def test_where_a_pole_or_line_comes_from(self) -> None:
        self.assert_read(
            POLE,
            urgent=(
                "the pole from the old road is leaning",
                "the pole from the school to the river is leaning badly",
            ),
            calm=("the pole from the old road is not leaning, it is fine",),
        )
        self.assert_read(
            LINE,
            urgent=(
                "the wire from the pole to our house is hanging low",
                "the line at the edge of the village is sagging",
            ),
            calm=(
                "the cable from the tv is broken",
                "the cable at the back of the tv is broken",
                "the wire at the end of the charger is broken",
                "the cable at the side of the bed is broken",
            ),
        )
