"""A visit to one village group is bounded by that group's households, and the refusal names
the group (walk61, L4: "覆盖 99999 户，但所选村委会只有 682 户" for a visit to 左门·干海, 198
households); a village chosen with none of its groups, by all of its households."""

from __future__ import annotations

from django.utils import timezone, translation

from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.outreach.models import OutreachVisit
from powerdesk.outreach.services import (
    OutreachError,
    households_visited,
    visit_plan_once,
    visit_record,
)
from tests.base import BaseTestCase


class VisitGroupHouseholdsTests(BaseTestCase):
    def setUp(self) -> None:
        # 左门: 哔叭 (the cast's customer and one more), 干海 (three), one household in no group.
        self.ganhai = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="干海"
        )
        self.other = Village.objects.create(station=self.station_a, name="栗子园")
        rows = [("哔叭", self.group)] + [("干海", self.ganhai)] * 3 + [("无组", None)]
        rows += [("栗子园", None)] * 2
        for i, (name, group) in enumerate(rows):
            Customer.objects.create(
                station=self.station_a,
                account_number=f"5325009{i:04d}",
                name=f"{name}{i}",
                village=self.other if name == "栗子园" else self.village,
                group=group,
            )

    def visit(self, villages: list[Village], groups: list[VillageGroup]) -> OutreachVisit:
        return visit_plan_once(
            station=self.station_a,
            user=self.clerk,
            date=timezone.localdate(),
            title="干海组安全用电宣传",
            villages=villages,
            groups=groups,
            staff=[self.clerk],
            topics=["safe_use"],
        )[0]

    def refused(self, visit: OutreachVisit, n: int) -> str:
        with translation.override("en"), self.assertRaises(OutreachError) as caught:
            visit_record(visit=visit, user=self.clerk, households_reached=n)
        return str(caught.exception)

    def test_a_visit_to_one_group_is_bounded_by_its_households_and_names_it(self) -> None:
        visit = self.visit([], [self.ganhai])
        self.assertEqual(households_visited(visit), (3, ["左门·干海"], True))
        said = self.refused(visit, 4)
        self.assertIn("4 households reached, but 左门·干海 has only 3.", said)
        visit_record(visit=visit, user=self.clerk, households_reached=3)
        visit.refresh_from_db()
        self.assertEqual((visit.status, visit.households_reached), ("done", 3))

    def test_the_group_ticked_beside_its_village_is_still_the_group(self) -> None:
        visit = self.visit([self.village], [self.ganhai])
        self.assertEqual(households_visited(visit)[0], 3)
        self.assertIn("左门·干海 has only 3", self.refused(visit, 7))

    def test_groups_and_another_village_together_are_named_and_summed(self) -> None:
        visit = self.visit([self.other], [self.group, self.ganhai])
        total, places, grouped = households_visited(visit)
        self.assertEqual((total, grouped), (2 + 3 + 2, True))
        self.assertEqual(sorted(places), sorted(["左门·哔叭", "左门·干海", "栗子园"]))
        said = self.refused(visit, 8)
        self.assertIn("villages and village groups chosen (", said)
        self.assertIn("have only 7.", said)

    def test_a_village_alone_is_bounded_by_all_of_its_households(self) -> None:
        visit = self.visit([self.village], [])
        self.assertEqual(households_visited(visit), (2 + 3 + 1, ["左门"], False))
        self.assertIn("the villages chosen have only 6", self.refused(visit, 7))
