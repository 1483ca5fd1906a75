"""An outage's own revision measured, for each household and liaison, from the text each last got
(review58, H1): households told of the fuse and texted its time again as holding the pole's
(``inner_later``, fix58d), or a liaisons-only station's group leader texted the fuse's time
(fix58a), are not texted its revision minutes later for a small move: within ``ETR_MOVE`` of
what they hold, never; otherwise when their own quiet time is over, once."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone, translation

from powerdesk.notifications.estimate_held import etr_held_scan
from powerdesk.notifications.models import Audience, Channel, Delivery, Event, Notice
from powerdesk.notifications.services import settings_for
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.models import Outage, OutageEvent
from tests.base import BaseTestCase
from tests.outage_cast import declared, households_beside_the_fuse
from tests.outage_cast_liaisons import village_liaisons
from tests.outage_cast_told import PoleTextedFirstTestCase

HOUR = dt.timedelta(hours=1)
MIN = dt.timedelta(minutes=1)


def scan(now: dt.datetime, after: int) -> int:
    with time_machine.travel(now + after * MIN, tick=False):
        return etr_held_scan()


def liaison_times(outage: Outage, liaison: int) -> list[tuple[str, str]]:
    """(kind of text, time told) of each of ``outage``'s texts to the liaison, oldest first."""
    rows = Delivery.objects.filter(
        notice__subject_id=outage.pk, channel=Channel.SMS, liaison_id=liaison
    ).order_by("notice__created_at", "pk")
    found = dict.fromkeys((d.notice.key.split(":")[0], d.notice.facts["etr"][:16]) for d in rows)
    return list(found)


class OwnRevisionAfterStillOpenTests(PoleTextedFirstTestCase):
    """The pole's 14:00 texted first; the fuse's 15:00 texted to those below it; the pole's
    14:40 at +31; the fuse's 15:25 at +63 texted to them as holding the pole's (fix58d)."""

    def told_fuse_pole_fuse(self) -> Outage:
        fuse = self.find_fuse(3 * HOUR)
        self.revise(self.pole_outage, 2 * HOUR + 40 * MIN, after=31)
        self.revise(fuse, 3 * HOUR + 25 * MIN, after=63)
        for customer in self.below_fuse:
            self.assertEqual(
                self.times_to(fuse, customer), [self.at(3 * HOUR), self.at(3 * HOUR + 25 * MIN)]
            )
        return fuse

    def test_a_ten_minute_move_five_minutes_later_is_not_texted_to_them(self) -> None:
        """The fuse's 15:35 at +68: 35 minutes from its own first 15:00, a revision of its own,
        but 10 from the 15:25 they were texted 5 minutes ago: not texted to them, then or
        later (review58: they got 15:25 and 15:35 five minutes apart). 左门's director, last
        texted the pole's 14:40 at +31, is texted it; 哔叭's group leader (its group all below
        the fuse), holding 14:40 too, was texted the fuse's 15:25 with them (fix61a): not
        texted it either."""
        fuse = self.told_fuse_pole_fuse()
        self.revise(fuse, 3 * HOUR + 35 * MIN, after=68)
        expected = [self.at(3 * HOUR), self.at(3 * HOUR + 25 * MIN)]
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse, customer), expected)
        told = liaison_times(fuse, self.director.pk)
        self.assertIn(("etr_moved", self.at(3 * HOUR + 35 * MIN)), told)
        told = liaison_times(fuse, self.leader.pk)
        self.assertEqual(told[-1], ("inner_later", self.at(3 * HOUR + 25 * MIN)))
        self.assertEqual(scan(self.now, 94), 0)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse, customer), expected)

    def test_a_larger_move_waits_for_their_quiet_time_then_is_sent_once(self) -> None:
        """The fuse's 15:55 at +68: 30 minutes from their 15:25 texted at +63: held until +93,
        then sent to them once; the liaisons are texted it at once (their last text at +31)."""
        fuse = self.told_fuse_pole_fuse()
        self.revise(fuse, 3 * HOUR + 55 * MIN, after=68)
        for customer in self.below_fuse:
            self.assertEqual(len(self.times_to(fuse, customer)), 2)
        line = OutageEvent.objects.get(outage=fuse, what="estimate_held")
        self.assertEqual(line.note_args["due"][:16], self.at(93 * MIN))
        self.assertEqual(scan(self.now, 92), 0)
        for customer in self.below_fuse:
            self.assertEqual(len(self.times_to(fuse, customer)), 2)
        self.assertEqual(scan(self.now, 94), 1)
        for customer in self.below_fuse:
            self.assertEqual(
                self.times_to(fuse, customer),
                [self.at(3 * HOUR), self.at(3 * HOUR + 25 * MIN), self.at(3 * HOUR + 55 * MIN)],
            )
        self.assertEqual(scan(self.now, 95), 0)
        for liaison in (self.director.pk, self.leader.pk):
            told = liaison_times(fuse, liaison)
            self.assertEqual([t for t in told if t[1] == self.at(3 * HOUR + 55 * MIN)], [told[-1]])


class LeaderOwnRevisionQuietTests(BaseTestCase):
    """A station texting village liaisons only: the pole's 18:29 and the fuse's 17:18 recorded
    at once; the pole's revised to 13:19 at +31 texts 哔叭's group leader the fuse's 17:18
    (fix58a); the fuse's 17:53 at +36 is 35 minutes from it."""

    def setUp(self) -> None:
        super().setUp()
        conf = settings_for(self.station_a)
        who = [Audience.LIAISONS]
        conf.rules = {**conf.rules, Event.OUTAGE_KNOWN: who, Event.ETR_MOVED: who}
        conf.save()
        households_beside_the_fuse(self)
        self.director, self.leader = village_liaisons(self)
        self.now = timezone.now().replace(second=0, microsecond=0)
        self.pole = declared(self, self.pole, began=10, back_in=4 * HOUR, now=self.now)
        self.fuse = declared(self, self.fuse, began=5, back_in=3 * HOUR, now=self.now)

    def revise(self, outage: Outage, back_in: dt.timedelta, *, after: int) -> None:
        with time_machine.travel(self.now + after * MIN, tick=False):
            outage_estimate(outage=outage, user=self.chief, expected_restore_at=self.now + back_in)

    def at(self, back_in: dt.timedelta) -> str:
        return (self.now + back_in).isoformat()[:16]

    def test_the_leader_is_not_texted_again_within_its_quiet_time(self) -> None:
        self.revise(self.pole, HOUR, after=31)
        first = [("inner_later", self.at(3 * HOUR))]
        self.assertEqual(liaison_times(self.fuse, self.leader.pk), first)
        self.revise(self.fuse, 3 * HOUR + 35 * MIN, after=36)
        first = [("inner_later", self.at(3 * HOUR))]
        self.assertEqual(liaison_times(self.fuse, self.leader.pk), first)
        line = OutageEvent.objects.get(outage=self.fuse, what="estimate_held")
        self.assertEqual(line.note_args["due"][:16], self.at(61 * MIN))
        # The liaisons are held, not households (review58, L1).
        local = [f"{timezone.localtime(self.now + m * MIN):%H:%M}" for m in (215, 61)]
        with translation.override("en"):
            self.assertEqual(
                line.shown_note,
                f"Village liaisons are told {local[0]} after {local[1]} (one revised estimate "
                "in 30 min)",
            )
        self.assertEqual(scan(self.now, 60), 0)
        self.assertEqual(scan(self.now, 62), 1)
        self.assertEqual(
            liaison_times(self.fuse, self.leader.pk),
            [("inner_later", self.at(3 * HOUR)), ("etr_moved", self.at(3 * HOUR + 35 * MIN))],
        )
        self.assertEqual(scan(self.now, 63), 0)
        # Nobody else is texted the revision a second time (staff nor the director).
        moved = Delivery.objects.filter(notice__key__startswith=f"etr_moved:{self.fuse.pk}:")
        twice = moved.exclude(liaison=self.leader).values_list("notice_id", flat=True).distinct()
        self.assertEqual(len(twice), 1)

    def test_the_leader_is_told_a_time_once_across_a_settings_change(self) -> None:
        """Texted the fuse's 17:18 as a liaison alone (+31); the station then texts households
        too, and the pole's revised again (+40): the leader is not texted 17:18 a second time
        (review58, L2: the key ended with whoever was texted)."""
        self.revise(self.pole, HOUR, after=31)
        conf = settings_for(self.station_a)
        who = [Audience.HOUSEHOLDS, Audience.LIAISONS]
        conf.rules = {**conf.rules, Event.OUTAGE_KNOWN: who, Event.ETR_MOVED: who}
        conf.save()
        self.revise(self.pole, 50 * MIN, after=40)
        self.assertEqual(
            liaison_times(self.fuse, self.leader.pk), [("inner_later", self.at(3 * HOUR))]
        )
        key = Notice.objects.get(key__startswith=f"inner_later:{self.fuse.pk}:").key
        self.assertTrue(key.endswith(":n1"), key)
