"""A pole's outage with a fuse's within it ending later (review46, 2). The households below the
fuse were texted the fuse's later time (``outage_known.texted_later_than_wider``); a revision of
the pole's time to one earlier than the fuse's by ``ETR_MOVE`` or more is not texted to them nor
to their village's liaisons (their power is back only when the fuse's is restored), and the
pole's history says so; one later than the fuse's reaches them."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone, translation

from powerdesk.notifications.models import Channel, Delivery
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.models import Outage, OutageEvent
from tests.base import BaseTestCase
from tests.outage_cast import declared, households_beside_the_fuse, texted
from tests.outage_cast_liaisons import village_liaisons


class WiderRevisionInnerLaterTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        cast = households_beside_the_fuse(self)
        self.below_fuse = cast.below_fuse
        self.beside = cast.qian.pk  # under the pole, not the fuse
        self.now = timezone.now().replace(second=0, microsecond=0)
        self.director, self.leader = village_liaisons(self)
        # The pole's outage first, back in 2 h; then the fuse's within it, back in 4 h: its
        # first text tells the households below the fuse its later time.
        self.pole_outage = declared(self, self.pole, began=10, back_in=dt.timedelta(hours=2))
        self.fuse_outage = declared(self, self.fuse, began=5, back_in=dt.timedelta(hours=4))
        assert self.below_fuse <= texted(f"outage_known:{self.fuse_outage.pk}")

    def move_pole(self, back_in: dt.timedelta) -> None:
        """After the quiet time (so a move of 40 minutes is texted at once)."""
        with time_machine.travel(self.now + dt.timedelta(minutes=31), tick=False):
            outage_estimate(
                outage=self.pole_outage, user=self.chief, expected_restore_at=self.now + back_in
            )

    def revisions(self, outage: Outage) -> list[Delivery]:
        return list(
            Delivery.objects.filter(
                notice__key__startswith=f"etr_moved:{outage.pk}:", channel=Channel.SMS
            )
        )

    def test_the_pole_s_earlier_time_is_not_texted_below_the_fuse(self) -> None:
        self.move_pole(dt.timedelta(minutes=80))  # 40 minutes earlier
        sent = self.revisions(self.pole_outage)
        households = {d.customer_id for d in sent if d.customer_id}
        self.assertIn(self.beside, households)  # the pole's own households hear it
        self.assertEqual(households & self.below_fuse, set())
        # 哔叭's group leader: every household of the group is below the fuse; 左门's director
        # is, 钱七 of the village being told.
        self.assertEqual({d.liaison_id for d in sent if d.liaison_id}, {self.director.pk})
        line = OutageEvent.objects.get(outage=self.pole_outage, what="estimate_spared")
        self.assertLessEqual(self.below_fuse, set(line.note_args["customers"]))
        self.assertNotIn(self.beside, line.note_args["customers"])
        self.assertEqual(line.note_args["outages"], [self.fuse_outage.pk])
        # The liaisons actually left out: the group leader, not the director (review50, 6).
        self.assertEqual(line.note_args["liaisons"], [self.leader.pk])
        at = f"{timezone.localtime(self.now + dt.timedelta(minutes=80)):%H:%M}"
        with translation.override("en"):
            self.assertIn(at, line.shown_note)
            self.assertIn("within it", line.shown_note)
            self.assertIn(self.fuse.name, line.shown_note)
            self.assertTrue(line.shown_note.endswith(", nor 1 village liaison"))

    def test_no_liaison_left_out_is_said_when_none_was(self) -> None:
        """With 哔叭's group leader no longer serving, every liaison left is 左门's director, texted
        for 钱七: the line names the households alone."""
        self.leader.active = False
        self.leader.save(update_fields=["active"])
        self.move_pole(dt.timedelta(minutes=80))
        sent = self.revisions(self.pole_outage)
        self.assertEqual({d.liaison_id for d in sent if d.liaison_id}, {self.director.pk})
        line = OutageEvent.objects.get(outage=self.pole_outage, what="estimate_spared")
        self.assertEqual(line.note_args["liaisons"], [])
        with translation.override("en"):
            self.assertNotIn("liaison", line.shown_note)

    def test_a_time_later_than_the_fuse_s_is_texted_to_them(self) -> None:
        self.move_pole(dt.timedelta(hours=5))  # after the fuse's 4 h: back only then
        households = {d.customer_id for d in self.revisions(self.pole_outage)}
        self.assertLessEqual(self.below_fuse | {self.beside}, households)
        liaisons = {d.liaison_id for d in self.revisions(self.pole_outage) if d.liaison_id}
        self.assertEqual(liaisons, {self.director.pk, self.leader.pk})
        self.assertFalse(
            OutageEvent.objects.filter(outage=self.pole_outage, what="estimate_spared").exists()
        )

    def test_a_time_within_the_margin_of_the_fuse_s_is_texted_to_them(self) -> None:
        self.move_pole(dt.timedelta(hours=3, minutes=40))  # 20 min before the fuse's
        households = {d.customer_id for d in self.revisions(self.pole_outage)}
        self.assertLessEqual(self.below_fuse, households)
