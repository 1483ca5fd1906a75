"""The fuse's time told to those holding the pole's (fix54d) follows each kind's own setting: a
station that texts village liaisons and not households still texts 哔叭's group leader (whose
group is all below the fuse) the fuse's time when the pole's comes earlier, once, and the
fuse's history says so (fix58a: the households' setting silenced the liaisons too). Households
only, and both, as before."""

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

HOUR = dt.timedelta(hours=1)
MIN = dt.timedelta(minutes=1)
A = Audience


class InnerLaterAudiencesTests(BaseTestCase):
    """The pole's outage texted first ("18:29", in 4 h) as the station chose; the fuse's found
    within it ("17:18", in 3 h), then the pole's revised to "13:19", earlier than the fuse's."""

    def cast(self, *who: str, fuse_back_in: dt.timedelta = 3 * HOUR) -> None:
        conf = settings_for(self.station_a)
        conf.rules = {**conf.rules, Event.OUTAGE_KNOWN: list(who), Event.ETR_MOVED: list(who)}
        conf.save()
        cast = households_beside_the_fuse(self)
        self.below_fuse = cast.below_fuse
        self.director, self.leader = village_liaisons(self)
        self.now = timezone.now().replace(second=0, microsecond=0)
        self.pole_outage = declared(self, self.pole, began=10, back_in=4 * HOUR, now=self.now)
        self.fuse_outage = declared(self, self.fuse, began=5, back_in=fuse_back_in, now=self.now)

    def revise(self, outage: Outage, back_in: dt.timedelta, *, after: int) -> None:
        with time_machine.travel(self.now + dt.timedelta(minutes=after), tick=False):
            outage_estimate(outage=outage, user=self.chief, expected_restore_at=self.now + back_in)

    def texts(self, prefix: str, field: str) -> list[tuple[int, str]]:
        """(who, time told) of each text to ``field`` (liaison_id, customer_id) by the notices
        whose key starts with ``prefix``, one a notice and person (however many mobiles)."""
        rows = Delivery.objects.filter(
            notice__key__startswith=prefix, channel=Channel.SMS, **{f"{field}__isnull": False}
        ).values_list(field, "notice_id", "notice__facts")
        return sorted({(who, facts["etr"][:16]) for who, _n, facts in rows})

    def at(self, back_in: dt.timedelta) -> str:
        return (self.now + back_in).isoformat()[:16]

    def line(self) -> OutageEvent:
        return OutageEvent.objects.get(outage=self.fuse_outage, what="later_time_told")

    def test_liaisons_only_the_group_leader_is_texted_the_fuse_s_time_once(self) -> None:
        self.cast(A.LIAISONS)
        self.assertEqual(self.texts(f"outage_known:{self.fuse_outage.pk}", "liaison_id"), [])
        self.revise(self.pole_outage, HOUR, after=31)
        self.assertEqual(
            self.texts("inner_later:", "liaison_id"), [(self.leader.pk, self.at(3 * HOUR))]
        )
        self.assertEqual(self.texts("", "customer_id"), [])  # no household is texted anything
        told = Delivery.objects.get(notice__key__startswith="inner_later:")
        self.assertEqual(told.template, "still_open")
        line = self.line()
        self.assertEqual(line.note_args["liaisons"], [self.leader.pk])
        with translation.override("en"):
            self.assertIn("1 village liaison told the time of the outage on", line.shown_note)
            self.assertIn(f"{timezone.localtime(self.now + 3 * HOUR):%H:%M}", line.shown_note)
            self.assertNotIn("household", line.shown_note)
        # 左门's director (钱七 is outside the fuse) keeps the pole's 13:19; the leader not.
        pole = self.texts(f"etr_moved:{self.pole_outage.pk}:", "liaison_id")
        self.assertEqual(pole, [(self.director.pk, self.at(HOUR))])
        # Told of the fuse now: its revision reaches the leader; the still-open text is once.
        self.revise(self.fuse_outage, 3 * HOUR + 32 * MIN, after=63)
        self.assertIn(
            (self.leader.pk, self.at(3 * HOUR + 32 * MIN)),
            self.texts(f"etr_moved:{self.fuse_outage.pk}:", "liaison_id"),
        )
        self.assertEqual(Notice.objects.filter(key__startswith="inner_later:").count(), 1)

    def test_liaisons_only_the_leader_waits_for_its_quiet_time(self) -> None:
        """The pole's 13:19 five minutes after its first text told the leader 18:29: the fuse's
        17:28 (within an hour of it) is held until the leader's quiet time is over, then sent
        once."""
        self.cast(A.LIAISONS, fuse_back_in=3 * HOUR + 10 * MIN)
        self.revise(self.pole_outage, HOUR, after=5)
        self.assertEqual(self.texts("inner_later:", "liaison_id"), [])
        self.assertTrue(OutageEvent.objects.filter(outage=self.fuse_outage, what="estimate_held"))
        with time_machine.travel(self.now + 29 * MIN, tick=False):
            self.assertEqual(etr_held_scan(), 0)
        with time_machine.travel(self.now + 31 * MIN, tick=False):
            self.assertEqual(etr_held_scan(), 1)
        self.assertEqual(
            self.texts("inner_later:", "liaison_id"),
            [(self.leader.pk, self.at(3 * HOUR + 10 * MIN))],
        )
        with time_machine.travel(self.now + 32 * MIN, tick=False):
            self.assertEqual(etr_held_scan(), 0)
        self.assertEqual(Notice.objects.filter(key__startswith="inner_later:").count(), 1)

    def test_households_only_no_liaison(self) -> None:
        self.cast(A.HOUSEHOLDS)
        self.revise(self.pole_outage, HOUR, after=31)
        told = self.texts("inner_later:", "customer_id")
        self.assertEqual(told, [(c, self.at(3 * HOUR)) for c in sorted(self.below_fuse)])
        self.assertEqual(self.texts("", "liaison_id"), [])
        self.assertEqual(self.line().note_args["liaisons"], [])
        with translation.override("en"):
            self.assertIn("2 households texted a later time", self.line().shown_note)

    def test_both_the_households_and_the_leader_once_each(self) -> None:
        self.cast(A.HOUSEHOLDS, A.LIAISONS)
        self.revise(self.pole_outage, HOUR, after=31)
        self.assertEqual(
            self.texts("inner_later:", "customer_id"),
            [(c, self.at(3 * HOUR)) for c in sorted(self.below_fuse)],
        )
        self.assertEqual(
            self.texts("inner_later:", "liaison_id"), [(self.leader.pk, self.at(3 * HOUR))]
        )
        self.assertEqual(
            Delivery.objects.filter(
                notice__key__startswith="inner_later:", liaison=self.leader
            ).count(),
            1,
        )
        line = self.line()
        self.assertEqual(line.note_args["liaisons"], [self.leader.pk])
        with translation.override("en"):
            self.assertIn("2 households texted a later time", line.shown_note)
            self.assertIn("and 1 village liaison", line.shown_note)
