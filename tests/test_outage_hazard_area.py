"""A line down in the area of an outage is linked to it, never merged into it (``outages.hazards``):
which dangers are in its area — placed by the household's transformer area, by the place the
clerk chose, by an order's village — and that a hazard resolved is no longer said."""

from __future__ import annotations

from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages import board_grid
from powerdesk.outages.hazards import (
    hazards_of,
    outages_over_hazard,
)
from powerdesk.servicedesk.models import WorkOrder
from tests.hazard_cast import LINE_DOWN, OutageHazardCase


class HazardsInTheAreaTests(OutageHazardCase):
    def test_the_board_row_names_the_hazard_in_its_area_only(self) -> None:
        row = self.row()
        hazards = row.hazards  # type: ignore[attr-defined]
        self.assertEqual([h.number for h in hazards], [self.line_down.number])
        line = hazards[0]
        self.assertEqual(line.place, "左门 · 哔叭")
        self.assertEqual(line.said, LINE_DOWN)
        self.assertEqual(line.url, self.line_down.get_absolute_url())

    def test_a_household_s_hazard_is_placed_by_its_transformer_area(self) -> None:
        mine = self.hazard(customer=self.customer)
        self.assertIn(mine.number, [h.number for h in hazards_of(self.outage)])

    def household_on_another_transformer(self, **place: object) -> Customer:
        """A household of 哔叭 (the group the dark transformer's households are in) on a
        transformer off the outage's fuse: its power is on."""
        other = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B01-T2",
            kind=NodeKind.TRANSFORMER,
            parent=self.pole,
            name="左门哔叭2号台区",
            village=self.village,
        )
        board_grid.forget()
        return Customer.objects.create(
            station=self.station_a,
            account_number="53250000002",
            name="普光明",
            village=place.get("village", self.village),
            group=place.get("group", self.group),
            transformer=other,
        )

    def test_a_household_whose_own_transformer_is_on_is_not_in_the_area_by_its_group(
        self,
    ) -> None:
        # review 37, 7: the household's transformer wins when the clerk chose no other place.
        sparks = self.hazard(customer=self.household_on_another_transformer())
        self.assertEqual((sparks.village, sparks.group), (self.village, self.group))
        self.assertNotIn(sparks.number, [h.number for h in hazards_of(self.outage)])
        self.assertEqual(outages_over_hazard(sparks), [])
        row = self.row()
        self.assertNotIn(sparks.number, [h.number for h in row.hazards])  # type: ignore[attr-defined]

    def test_a_place_the_clerk_chose_for_the_danger_decides(self) -> None:
        # The household lives in 大平地 on a transformer with power; the wire it reports is down
        # in 哔叭, where the clerk placed the order: in the outage's area.
        elsewhere = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="大平地"
        )
        caller = self.household_on_another_transformer(group=elsewhere)
        wire = self.hazard(customer=caller, village=self.village, group=self.group)
        self.assertIn(wire.number, [h.number for h in hazards_of(self.outage)])
        at_home = self.hazard(customer=caller)
        self.assertNotIn(at_home.number, [h.number for h in hazards_of(self.outage)])

    def test_a_danger_placed_in_another_village_is_not_judged_by_the_caller_s_home_group(
        self,
    ) -> None:
        # review 38, 14: a 哔叭 household (its own power on) reports a line down in 箐头; the
        # clerk chose the village and no group. The order must not take the caller's home group
        # (哔叭, under the outage), nor be listed in the outage's area by it.
        caller = self.household_on_another_transformer()
        far = Village.objects.create(station=self.station_a, name="箐头")
        wire = self.hazard(customer=caller, village=far)
        self.assertEqual((wire.village, wire.group), (far, None))
        self.assertNotIn(wire.number, [h.number for h in hazards_of(self.outage)])
        self.assertEqual(outages_over_hazard(wire), [])

    def test_an_order_whose_group_lies_in_another_village_is_judged_by_its_village(
        self,
    ) -> None:
        # An order saved before the fix (village 箐头, the caller's home group 哔叭) is judged
        # and named by its village alone.
        caller = self.household_on_another_transformer()
        far = Village.objects.create(station=self.station_a, name="箐头")
        wire = self.hazard(customer=caller, village=far)
        WorkOrder.objects.filter(pk=wire.pk).update(group=self.group)
        self.assertNotIn(wire.number, [h.number for h in hazards_of(self.outage)])
        self.assertEqual(outages_over_hazard(wire), [])
        mine = self.hazard(customer=self.customer)
        self.assertEqual((mine.village, mine.group), (self.village, self.group))

    def test_a_hazard_resolved_is_no_longer_said(self) -> None:
        WorkOrder.objects.filter(pk=self.line_down.pk).update(status="closed")
        self.assertEqual(hazards_of(self.outage), [])
