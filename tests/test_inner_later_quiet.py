"""The quiet time of the fuse's time texted to those told the pole's only (review53, 2): no
second text within ``ETR_QUIET`` of the last one a household got. For them that is the pole's
text, not the fuse's last text to its own households: the fuse's own revision held back by its
quiet time does not hold theirs, and a pole's text they got a few minutes ago holds it though
the fuse's own quiet time is over. ``etr_held_scan`` sends what is held when it is due, once,
and never the same time twice."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone, translation

from powerdesk.notifications.estimate_held import etr_held_scan
from powerdesk.notifications.models import Channel, Delivery, Notice
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.models import Outage, OutageEvent
from tests.base import BaseTestCase
from tests.outage_cast import declared, households_beside_the_fuse, texted
from tests.outage_cast_liaisons import village_liaisons

HOUR = dt.timedelta(hours=1)
MIN = dt.timedelta(minutes=1)


class InnerLaterQuietTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        cast = households_beside_the_fuse(self)
        self.below_fuse = cast.below_fuse
        self.director, self.leader = village_liaisons(self)
        self.now = timezone.now().replace(second=0, microsecond=0)
        # The pole's outage texted to everyone below it now, back in 2 h ("14:00").
        self.pole_outage = declared(self, self.pole, began=10, back_in=2 * HOUR, now=self.now)
        assert self.below_fuse <= texted(f"outage_known:{self.pole_outage.pk}")

    def find_fuse(self, back_in: dt.timedelta, *, after: int) -> Outage:
        """The fuse's outage recorded ``after`` minutes on, back ``back_in`` from the start."""
        found = self.now + after * MIN
        return declared(self, self.fuse, began=5, back_in=self.now + back_in - found, now=found)

    def revise(self, outage: Outage, back_in: dt.timedelta, *, after: int) -> None:
        with time_machine.travel(self.now + after * MIN, tick=False):
            outage_estimate(outage=outage, user=self.chief, expected_restore_at=self.now + back_in)

    def scan(self, after: int) -> int:
        with time_machine.travel(self.now + after * MIN, tick=False):
            return etr_held_scan()

    def at(self, back_in: dt.timedelta) -> str:
        return (self.now + back_in).isoformat()[:16]

    def times_to(self, outage: Outage, customer: int) -> list[str]:
        """The times ``outage``'s texts told ``customer``, one a text, oldest first."""
        rows = Delivery.objects.filter(
            notice__subject_id=outage.pk, channel=Channel.SMS, customer_id=customer
        ).select_related("notice")
        notices = dict.fromkeys(d.notice for d in rows.order_by("notice__created_at", "pk"))
        return [n.facts.get("etr", "")[:16] for n in notices]

    def test_the_fuse_s_own_quiet_time_does_not_hold_theirs(self) -> None:
        """The fuse found 40 minutes on with 14:10 (within the margin of the pole's 14:00 they
        hold), revised 5 minutes later to 14:45: its own revision is held by its quiet time (its
        first text 5 minutes ago), but they were last texted 45 minutes ago: texted now."""
        fuse_outage = self.find_fuse(2 * HOUR + 10 * MIN, after=40)
        self.revise(fuse_outage, 2 * HOUR + 45 * MIN, after=45)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(2 * HOUR + 45 * MIN)])
        self.assertTrue(OutageEvent.objects.filter(outage=fuse_outage, what="estimate_held"))
        self.assertFalse(Notice.objects.filter(key__startswith=f"etr_moved:{fuse_outage.pk}:"))
        # Its own revision when its quiet time is over, to the liaisons texted its 14:10; not
        # to them a second time.
        self.assertEqual(self.scan(69), 0)
        self.assertEqual(self.scan(71), 1)
        moved = Notice.objects.get(key__startswith=f"etr_moved:{fuse_outage.pk}:")
        self.assertEqual(
            set(moved.deliveries.values_list("liaison_id", flat=True)),
            {self.director.pk, self.leader.pk},
        )
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(2 * HOUR + 45 * MIN)])
        self.assertEqual(self.scan(72), 0)
        self.assertEqual(Notice.objects.filter(key__startswith="inner_later:").count(), 1)

    def test_their_own_last_text_holds_theirs(self) -> None:
        """The fuse found a minute on with 14:10; the pole's 14:40 texted to them and to the
        liaisons 35 minutes on; the fuse's 15:20 five minutes after that: its quiet time is long
        over, but each one's is not (the pole's text: review58, H1, the liaisons too): they
        hear it 30 minutes after the pole's text, once."""
        fuse_outage = self.find_fuse(2 * HOUR + 10 * MIN, after=1)
        self.revise(self.pole_outage, 2 * HOUR + 40 * MIN, after=35)
        for customer in self.below_fuse:
            self.assertEqual(
                self.times_to(self.pole_outage, customer),
                [self.at(2 * HOUR), self.at(2 * HOUR + 40 * MIN)],
            )
        self.revise(fuse_outage, 3 * HOUR + 20 * MIN, after=40)
        moved = Notice.objects.filter(key__startswith=f"etr_moved:{fuse_outage.pk}:")
        self.assertFalse(moved)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [])
        line = OutageEvent.objects.get(outage=fuse_outage, what="estimate_held")
        self.assertEqual(line.note_args["due"][:16], self.at(65 * MIN))
        self.assertEqual(self.scan(64), 0)
        self.assertEqual(self.scan(66), 1)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(3 * HOUR + 20 * MIN)])
        self.assertEqual(
            set(moved.get().deliveries.values_list("liaison_id", flat=True)),
            {self.director.pk, self.leader.pk},
        )
        self.assertEqual(self.scan(67), 0)
        self.assertEqual(Notice.objects.filter(key__startswith="inner_later:").count(), 1)

    def test_a_move_of_an_hour_from_what_they_hold_is_not_held(self) -> None:
        """As above, but the fuse's 15:45: an hour and more from the pole's 14:40 they hold."""
        fuse_outage = self.find_fuse(2 * HOUR + 10 * MIN, after=1)
        self.revise(self.pole_outage, 2 * HOUR + 40 * MIN, after=35)
        self.revise(fuse_outage, 3 * HOUR + 45 * MIN, after=40)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(3 * HOUR + 45 * MIN)])
        self.assertFalse(OutageEvent.objects.filter(outage=fuse_outage, what="estimate_held"))

    def test_each_group_held_says_its_own_time(self) -> None:
        """The fuse found 20 minutes on with 14:10 (texted to the liaisons: they hold the pole's
        14:00 within its margin); the pole's 14:30 texted to the households and the liaisons 35
        minutes on; the fuse's 15:00 at 40: its own quiet time is to 50 minutes on, but its own
        (the liaisons) were texted the pole's 14:30 at 35 (review58, H1): they are held to 65,
        as the households are. One line says 65 (fix61a: it said 50, and the scan at 50 a second
        line 65)."""
        fuse_outage = self.find_fuse(2 * HOUR + 10 * MIN, after=20)
        self.revise(self.pole_outage, 2 * HOUR + 30 * MIN, after=35)
        self.revise(fuse_outage, 3 * HOUR, after=40)
        line = OutageEvent.objects.get(outage=fuse_outage, what="estimate_held")
        self.assertEqual(line.note_args["due"][:16], self.at(65 * MIN))
        self.assertNotIn("due_above", line.note_args)
        local = [f"{timezone.localtime(self.now + m * MIN):%H:%M}" for m in (180, 65)]
        with translation.override("en"):
            self.assertEqual(
                line.shown_note,
                f"Households are told {local[0]} after {local[1]} (one revised estimate in 30 min)",
            )
        self.assertEqual(self.scan(51), 0)
        self.assertFalse(Notice.objects.filter(key__startswith=f"etr_moved:{fuse_outage.pk}:"))
        self.assertEqual(
            OutageEvent.objects.filter(outage=fuse_outage, what="estimate_held").count(), 1
        )
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [])
        self.assertEqual(self.scan(64), 0)
        self.assertEqual(self.scan(66), 1)
        moved = Notice.objects.get(key__startswith=f"etr_moved:{fuse_outage.pk}:")
        self.assertEqual(
            set(moved.deliveries.values_list("liaison_id", flat=True)),
            {self.director.pk, self.leader.pk},
        )
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(3 * HOUR)])
        self.assertEqual(self.scan(67), 0)
