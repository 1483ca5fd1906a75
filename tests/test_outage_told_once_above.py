"""A household texted that its power is off is not texted again when a smaller outage is
recorded below the wider open one it was told of (a crew finds the fuse blown too, under the
pole's outage): the ask counts it apart, the sending leaves it out and the smaller outage's
history names it. When one of two outages is restored while the other still keeps households
dark, those are not told that power is back (it is not); those never texted of the outage
still open are texted that it is."""

from __future__ import annotations

from django.utils import translation

from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode
from powerdesk.notifications.events import outage_known_reach
from powerdesk.notifications.models import Notice
from powerdesk.notifications.texts import render_text
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.reach_words import reach_words
from powerdesk.outages.restoration import outage_restore_part
from powerdesk.outages.services import outage_restore
from tests.base import BaseTestCase
from tests.outage_cast import fault_declare, households_beside_the_fuse, texted


class ToldOfTheWiderOneTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        cast = households_beside_the_fuse(self)
        self.area, self.qian, self.below_fuse = cast.area, cast.qian, cast.below_fuse

    def declare(self, device: GridNode) -> Outage:
        return fault_declare(self, device)

    def texted(self, key: str) -> set[int]:
        return texted(key)

    def known(self, outage: Outage) -> set[int]:
        return self.texted(f"outage_known:{outage.pk}")

    def back(self, outage: Outage) -> set[int]:
        return self.texted(f"power_back:{outage.pk}")

    def test_the_ask_counts_apart_those_told_of_the_wider_outage(self) -> None:
        self.declare(self.pole)
        reach = outage_known_reach(self.station_a, self.fuse)
        self.assertEqual(
            (reach.households, reach.texted, reach.already, reach.already_above, reach.untexted),
            (3, 0, 2, 2, 1),
        )
        with translation.override("en"):
            self.assertEqual(
                reach_words(reach, "off"),
                "3 households are off, 2 were already texted of a wider outage above it and get "
                "no second text, of the others 0 with a mobile on file get a text message; 1 has "
                "no mobile number (tell it through the village liaison or a visit).",
            )

    def test_the_smaller_outage_texts_none_told_of_the_wider_and_its_history_names_them(
        self,
    ) -> None:
        wider = self.declare(self.pole)
        self.assertEqual(self.known(wider), self.below_fuse | {self.qian.pk})
        smaller = self.declare(self.fuse)
        self.assertEqual(self.known(smaller), set())
        line = OutageEvent.objects.get(outage=smaller, what="already_told")
        self.assertEqual(line.note_code, "already_told_above")
        self.assertEqual(sorted(line.note_args["customers"]), sorted(self.below_fuse))
        self.assertEqual(line.note_args["outages"], [wider.pk])
        with translation.override("en"):
            self.assertEqual(
                line.shown_note,
                f"2 households already texted of the outage on {self.pole} above it were not "
                "texted again",
            )

    def test_the_wider_outage_over_those_still_dark_are_told_the_smaller_is_still_open(
        self,
    ) -> None:
        wider = self.declare(self.pole)
        smaller = self.declare(self.fuse)
        outage_restore(outage=wider, user=self.chief, cause="unknown", how="remote")
        # Power is back only beside the fuse: the households below it are not told it is.
        self.assertEqual(self.back(wider), {self.qian.pk})
        still = Notice.objects.get(key=f"still_open:{smaller.pk}:{wider.pk}")
        self.assertEqual((still.event, still.subject_id), ("outage_known", smaller.pk))
        self.assertEqual(self.texted(still.key), self.below_fuse)
        self.assertEqual(set(still.deliveries.values_list("template", flat=True)), {"still_open"})
        with translation.override("en"):
            text = render_text("still_open", still.facts)
        self.assertIn("is still off", text)
        # Its history names every household still dark, with a mobile or not (王五).
        line = OutageEvent.objects.get(outage=wider, what="still_out")
        wang = Customer.objects.get(name="王五").pk
        self.assertEqual(sorted(line.note_args["customers"]), sorted(self.below_fuse | {wang}))
        self.assertEqual(line.note_args["outages"], [smaller.pk])
        told = OutageEvent.objects.get(outage=smaller, what="still_open_told")
        with translation.override("en"):
            self.assertEqual(
                told.shown_note,
                f"2 households told of the outage on {self.pole}, now over, were texted that "
                "this one is still open",
            )
        # Once the smaller one is over too, they are told power is back.
        outage_restore(outage=smaller, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(self.back(smaller), self.below_fuse)

    def test_the_smaller_outage_over_first_those_told_of_the_wider_hear_nothing_yet(
        self,
    ) -> None:
        wider = self.declare(self.pole)
        smaller = self.declare(self.fuse)
        outage_restore(outage=smaller, user=self.chief, cause="unknown", how="remote")
        # Still dark from the pole's outage, which they were told of: no text at all.
        self.assertEqual(self.back(smaller), set())
        self.assertFalse(Notice.objects.filter(key__startswith="still_open:").exists())
        outage_restore(outage=wider, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(self.back(wider), self.below_fuse | {self.qian.pk})

    def test_the_branch_outage_over_under_a_wider_one_recorded_after_it(self) -> None:
        # The branch told first, the wider one left them out: the branch over, they are still
        # dark from the wider one, never texted of it: they are told it is still open.
        branch = self.declare(self.fuse)
        wider = self.declare(self.pole)
        self.assertEqual(self.known(wider), {self.qian.pk})
        outage_restore(outage=branch, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(self.back(branch), set())
        self.assertEqual(self.texted(f"still_open:{wider.pk}:{branch.pk}"), self.below_fuse)
        outage_restore(outage=wider, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(self.back(wider), self.below_fuse | {self.qian.pk})

    def test_once_the_wider_outage_is_over_a_smaller_one_texts_its_households(self) -> None:
        wider = self.declare(self.pole)
        outage_restore(outage=wider, user=self.chief, cause="unknown", how="remote")
        smaller = self.declare(self.fuse)
        self.assertEqual(self.known(smaller), self.below_fuse)
        self.assertFalse(OutageEvent.objects.filter(outage=smaller, what="already_told").exists())

    def test_those_given_power_back_by_a_part_of_the_wider_outage_are_texted_of_a_new_one(
        self,
    ) -> None:
        wider = self.declare(self.pole)
        # The crew isolates 钱七's transformer area: the fuse's households have power again.
        outage_restore_part(outage=wider, user=self.chief, still_open=[self.area])
        smaller = self.declare(self.fuse)
        self.assertEqual(self.known(smaller), self.below_fuse)
        self.assertFalse(OutageEvent.objects.filter(outage=smaller, what="already_told").exists())
