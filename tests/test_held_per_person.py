"""Each household and liaison of nested outages measured from the text each last got (fix61a):
the held line of a revision says when the held ones are really texted (fix60b's leftover: it
said the outage's own quiet time, and a second line the right one); a wider outage's "still
open" text of its later time holds a household after that outage's restore (fix58d's leftover:
the inner one's revision reached it minutes later); and the inner outage's own liaisons are
texted its time when it is 30 minutes or more from the one they hold, as its households are."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from powerdesk.notifications.estimate_held import etr_held_scan
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.models import OutageEvent
from powerdesk.outages.services import outage_restore
from tests.base import BaseTestCase
from tests.outage_cast import declared, households_beside_the_fuse
from tests.outage_cast_liaisons import village_liaisons
from tests.outage_cast_told import PoleTextedFirstTestCase
from tests.test_own_revision_quiet import liaison_times

HOUR = dt.timedelta(hours=1)
MIN = dt.timedelta(minutes=1)


def scan(now: dt.datetime, after: int) -> int:
    with time_machine.travel(now + after * MIN, tick=False):
        return etr_held_scan()


class HeldLineTests(PoleTextedFirstTestCase):
    """The pole's 14:00 texted first; the fuse's 15:00 texted to those below it at once."""

    def test_the_held_line_says_when_they_are_really_texted(self) -> None:
        """The pole's 15:10 texted to all at +20; the fuse's 15:40 at +25: held by the fuse's
        quiet time to +30, but each household and liaison was texted at +20: one line, due
        at +50, and the revision then, once."""
        fuse = self.find_fuse(3 * HOUR)
        self.revise(self.pole_outage, 3 * HOUR + 10 * MIN, after=20)
        self.revise(fuse, 3 * HOUR + 40 * MIN, after=25)
        line = OutageEvent.objects.get(outage=fuse, what="estimate_held")
        self.assertEqual(line.note_args["due"][:16], self.at(50 * MIN))
        self.assertEqual(
            line.note_args["until"], f"{timezone.localtime(self.now + 50 * MIN):%H:%M}"
        )
        for after in (31, 49):
            self.assertEqual(scan(self.now, after), 0)
        self.assertEqual(OutageEvent.objects.filter(outage=fuse, what="estimate_held").count(), 1)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse, customer), [self.at(3 * HOUR)])
        self.assertEqual(scan(self.now, 51), 1)
        for customer in self.below_fuse:
            self.assertEqual(
                self.times_to(fuse, customer), [self.at(3 * HOUR), self.at(3 * HOUR + 40 * MIN)]
            )
        self.assertEqual(scan(self.now, 52), 0)

    def test_liaisons_told_of_the_fuse_are_texted_its_time_from_the_one_they_hold(self) -> None:
        """The pole's 14:40 texted at +31 to all; the fuse's 15:25 at +63, a move of 25 of its
        own: the households and 哔叭's group leader (told of the fuse, its group all below it,
        holding 14:40) are texted 15:25, once; its 15:35 at +68 is 10 from it: not texted to
        them. 左门's director (钱七 is outside the fuse) keeps the pole's time for 钱七: not
        texted 15:25; the fuse's own 15:35 reaches it."""
        fuse = self.find_fuse(3 * HOUR)
        self.revise(self.pole_outage, 2 * HOUR + 40 * MIN, after=31)
        self.revise(fuse, 3 * HOUR + 25 * MIN, after=63)
        first = ("outage_known", self.at(3 * HOUR))
        told = [first, ("inner_later", self.at(3 * HOUR + 25 * MIN))]
        self.assertEqual(liaison_times(fuse, self.leader.pk), told)
        self.assertEqual(liaison_times(fuse, self.director.pk), [first])
        line = OutageEvent.objects.get(outage=fuse, what="later_time_told")
        self.assertEqual(line.note_args["liaisons"], [self.leader.pk])
        self.revise(fuse, 3 * HOUR + 35 * MIN, after=68)
        self.assertEqual(scan(self.now, 100), 0)
        self.assertEqual(liaison_times(fuse, self.leader.pk), told)
        self.assertEqual(
            liaison_times(fuse, self.director.pk),
            [first, ("etr_moved", self.at(3 * HOUR + 35 * MIN))],
        )


class RestoredWiderTests(BaseTestCase):
    """The fuse's 14:00 texted first; the pole found over it at +10 with 15:00: those below the
    fuse are texted that it is still off, back at 15:00 (``outage_known._later_time_told``); the
    pole restored at +15 (their power is not back)."""

    def setUp(self) -> None:
        super().setUp()
        self.below_fuse = households_beside_the_fuse(self).below_fuse
        self.director, self.leader = village_liaisons(self)
        self.now = timezone.now().replace(second=0, microsecond=0)
        self.fuse_outage = declared(self, self.fuse, began=5, back_in=2 * HOUR, now=self.now)
        found = self.now + 10 * MIN
        self.pole_outage = declared(
            self, self.pole, began=10, back_in=self.now + 3 * HOUR - found, now=found
        )
        with time_machine.travel(self.now + 15 * MIN, tick=False):
            outage_restore(outage=self.pole_outage, user=self.chief, how="remote", cause="unknown")

    def fuse_times(self, customer: int) -> list[str]:
        rows = Delivery.objects.filter(
            notice__subject_id=self.fuse_outage.pk, channel=Channel.SMS, customer_id=customer
        ).order_by("notice__created_at", "pk")
        return list(dict.fromkeys(d.notice.facts["etr"][:16] for d in rows))

    def test_the_fuse_s_revision_waits_for_their_quiet_time(self) -> None:
        """The fuse's 15:40 at +20: 40 minutes from the pole's 15:00 they were texted at +10:
        held to +40 (they got it at +20), then sent once."""
        with time_machine.travel(self.now + 20 * MIN, tick=False):
            outage_estimate(
                outage=self.fuse_outage,
                user=self.chief,
                expected_restore_at=self.now + 3 * HOUR + 40 * MIN,
            )
        first = (self.now + 2 * HOUR).isoformat()[:16]
        for customer in self.below_fuse:
            self.assertEqual(self.fuse_times(customer), [first])
        line = OutageEvent.objects.get(outage=self.fuse_outage, what="estimate_held")
        self.assertEqual(line.note_args["due"][:16], (self.now + 40 * MIN).isoformat()[:16])
        self.assertEqual(scan(self.now, 39), 0)
        self.assertEqual(scan(self.now, 41), 1)
        for customer in self.below_fuse:
            self.assertEqual(
                self.fuse_times(customer),
                [first, (self.now + 3 * HOUR + 40 * MIN).isoformat()[:16]],
            )
        self.assertEqual(scan(self.now, 42), 0)
