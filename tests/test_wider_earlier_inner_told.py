"""The pole's outage texted first with a later time than the fuse's within it (the pole's
"18:29", the fuse's "17:18"): the households below the fuse hold the pole's time (the fuse's first
text spares them). The pole's time revised to "13:19", earlier than the fuse's: they are not
texted it (the fuse keeps them dark until later), but are texted the fuse's time, once, with its
quiet time; from then on they count as told of the fuse (its revisions reach them). The margin
is measured from the time they hold (their last text), not the pole's newest time (fix54d)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from powerdesk.notifications.estimate_held import etr_held_scan
from powerdesk.notifications.models import (
    Audience,
    Channel,
    Delivery,
    Event,
    Notice,
)
from powerdesk.notifications.services import settings_for
from powerdesk.notifications.texts import render_text
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.models import Outage, OutageEvent
from tests.outage_cast import declared, texted
from tests.outage_cast_told import PoleTextedFirstTestCase

HOUR = dt.timedelta(hours=1)
MIN = dt.timedelta(minutes=1)


class WiderEarlierInnerToldTests(PoleTextedFirstTestCase):
    POLE_BACK_IN = 4 * HOUR

    def find_fuse(self, back_in: dt.timedelta) -> Outage:
        fuse = super().find_fuse(back_in)
        assert not texted(f"outage_known:{fuse.pk}") & self.below_fuse  # they hold the pole's
        return fuse

    def liaisons_of(self, key_prefix: str) -> set[int]:
        return set(
            Delivery.objects.filter(
                notice__key__startswith=key_prefix, channel=Channel.SMS, liaison__isnull=False
            ).values_list("liaison_id", flat=True)
        )

    def test_the_fuse_s_time_is_texted_when_the_pole_s_comes_earlier(self) -> None:
        fuse_outage = self.find_fuse(3 * HOUR)  # "17:18", before the pole's "18:29"
        self.revise(self.pole_outage, HOUR, after=31)  # "13:19"
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(self.pole_outage, customer), [self.at(4 * HOUR)])
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(3 * HOUR)])
        self.assertEqual(
            self.times_to(self.pole_outage, self.beside), [self.at(4 * HOUR), self.at(HOUR)]
        )
        self.assertEqual(self.times_to(fuse_outage, self.beside), [])
        # 哔叭's group leader (the group all below the fuse) is not texted the pole's 13:19.
        self.assertNotIn(self.leader.pk, self.liaisons_of(f"etr_moved:{self.pole_outage.pk}:"))
        self.assertIn(self.director.pk, self.liaisons_of(f"etr_moved:{self.pole_outage.pk}:"))
        line = OutageEvent.objects.get(outage=fuse_outage, what="later_time_told")
        self.assertEqual(set(line.note_args["customers"]), self.below_fuse)
        self.assertEqual(line.note_args["outages"], [self.pole_outage.pk])
        with translation.override("en"):
            self.assertIn("a later time", line.shown_note)
            self.assertIn(f"{timezone.localtime(self.now + 3 * HOUR):%H:%M}", line.shown_note)
        spared = OutageEvent.objects.get(outage=self.pole_outage, what="estimate_spared")
        self.assertLessEqual(self.below_fuse, set(spared.note_args["customers"]))
        # Told of the fuse now: its revision to 17:50 reaches them (and the group leader).
        self.revise(fuse_outage, 3 * HOUR + 32 * MIN, after=63)
        for customer in self.below_fuse:
            self.assertEqual(
                self.times_to(fuse_outage, customer),
                [self.at(3 * HOUR), self.at(3 * HOUR + 32 * MIN)],
            )
        self.assertIn(self.leader.pk, self.liaisons_of(f"etr_moved:{fuse_outage.pk}:"))
        self.assertEqual(Notice.objects.filter(key__startswith="inner_later:").count(), 1)

    def test_the_group_leader_of_a_group_all_below_the_fuse_is_told_its_time_once(self) -> None:
        """哔叭's group leader, spared the fuse's first text (the pole's later time then) and the
        pole's 13:19, is texted the fuse's 17:18 with the households, once; 左门's director
        (钱七 is outside the fuse) keeps the pole's."""
        fuse_outage = self.find_fuse(3 * HOUR)
        self.assertNotIn(self.leader.pk, self.liaisons_of(f"outage_known:{fuse_outage.pk}"))
        self.revise(self.pole_outage, HOUR, after=31)
        told = Notice.objects.get(key__startswith=f"inner_later:{fuse_outage.pk}:")
        self.assertEqual(told.facts["etr"][:16], self.at(3 * HOUR))
        self.assertEqual(self.liaisons_of(told.key), {self.leader.pk})
        leader = Delivery.objects.get(notice=told, liaison=self.leader)
        self.assertEqual(leader.template, "still_open")
        with translation.override("en"):
            text = render_text(leader.template, told.facts)
        self.assertIn("still off", text)
        self.assertIn(f"{timezone.localtime(self.now + 3 * HOUR):%H:%M}", text)
        line = OutageEvent.objects.get(outage=fuse_outage, what="later_time_told")
        self.assertEqual(line.note_args["liaisons"], [self.leader.pk])
        with translation.override("en"):
            self.assertIn("and 1 village liaison", line.shown_note)
        # Its revision reaches the leader as before; the still-open text is not sent again.
        self.revise(fuse_outage, 3 * HOUR + 32 * MIN, after=63)
        self.assertIn(self.leader.pk, self.liaisons_of(f"etr_moved:{fuse_outage.pk}:"))
        self.assertEqual(
            Delivery.objects.filter(
                notice__key__startswith="inner_later:", liaison__isnull=False
            ).count(),
            1,
        )

    def test_the_group_leader_waits_with_the_households_quiet_time(self) -> None:
        fuse_outage = self.find_fuse(3 * HOUR + 10 * MIN)
        self.revise(self.pole_outage, HOUR, after=5)
        self.assertEqual(self.liaisons_of("inner_later:"), set())
        with time_machine.travel(self.now + 31 * MIN, tick=False):
            self.assertEqual(etr_held_scan(), 1)
        self.assertEqual(self.liaisons_of(f"inner_later:{fuse_outage.pk}:"), {self.leader.pk})
        with time_machine.travel(self.now + 32 * MIN, tick=False):
            etr_held_scan()
        self.assertEqual(
            Delivery.objects.filter(
                notice__key__startswith="inner_later:", liaison__isnull=False
            ).count(),
            1,
        )

    def test_no_group_leader_where_the_station_texts_no_liaisons(self) -> None:
        conf = settings_for(self.station_a)
        conf.rules = {**conf.rules, Event.ETR_MOVED: [Audience.HOUSEHOLDS]}
        conf.save()
        fuse_outage = self.find_fuse(3 * HOUR)
        self.revise(self.pole_outage, HOUR, after=31)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(3 * HOUR)])
        self.assertEqual(self.liaisons_of("inner_later:"), set())

    def test_the_margin_is_from_the_time_they_hold(self) -> None:
        """The fuse's "18:19" within the margin of the pole's 18:29 they hold: the pole's 13:19
        texts them nothing; the fuse's 18:49 (20 minutes from theirs, not from 13:19) nothing
        either; its 19:09, 40 minutes from theirs, is texted to them."""
        fuse_outage = self.find_fuse(4 * HOUR - 10 * MIN)
        self.revise(self.pole_outage, HOUR, after=31)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [])
        self.revise(fuse_outage, 4 * HOUR + 20 * MIN, after=32)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [])
        self.revise(fuse_outage, 4 * HOUR + 40 * MIN, after=64)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(4 * HOUR + 40 * MIN)])

    def test_within_their_quiet_time_it_is_held_then_sent(self) -> None:
        """The fuse's "17:28", 50 minutes from the pole's 18:29 they were texted 5 minutes ago:
        held until their quiet time (from that text: review53, 2) is over, then sent once."""
        fuse_outage = self.find_fuse(3 * HOUR + 10 * MIN)
        self.revise(self.pole_outage, HOUR, after=5)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [])
        self.assertTrue(OutageEvent.objects.filter(outage=fuse_outage, what="estimate_held"))
        with time_machine.travel(self.now + 29 * MIN, tick=False):
            self.assertEqual(etr_held_scan(), 0)
        with time_machine.travel(self.now + 31 * MIN, tick=False):
            self.assertEqual(etr_held_scan(), 1)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(3 * HOUR + 10 * MIN)])
        with time_machine.travel(self.now + 32 * MIN, tick=False):
            self.assertEqual(etr_held_scan(), 0)
        self.assertEqual(Notice.objects.filter(key__startswith="inner_later:").count(), 1)

    def test_an_hour_from_the_time_they_hold_is_texted_at_once(self) -> None:
        """The fuse's 17:18, an hour before the pole's 18:29 they were texted 5 minutes ago: as
        a revision moved by ``ETR_MOVE_AT_ONCE``, texted at once."""
        fuse_outage = self.find_fuse(3 * HOUR)
        self.revise(self.pole_outage, HOUR, after=5)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(3 * HOUR)])
        self.assertFalse(OutageEvent.objects.filter(outage=fuse_outage, what="estimate_held"))

    def queries(self, households: int) -> int:
        """The queries of the pole's revision with ``households`` more below the fuse."""
        with transaction.atomic():
            self.more_below_the_fuse(households, "5325008", "+86139200")
            pole = declared(self, self.pole, began=10, back_in=4 * HOUR, now=self.now)
            fuse = self.find_fuse(3 * HOUR)
            with (
                time_machine.travel(self.now + 31 * MIN, tick=False),
                CaptureQueriesContext(connection) as captured,
            ):
                outage_estimate(outage=pole, user=self.chief, expected_restore_at=self.now + HOUR)
            told = Delivery.objects.filter(
                notice__key__startswith=f"inner_later:{fuse.pk}:", customer__isnull=False
            )
            self.assertEqual(told.count(), households + len(self.below_fuse) + 1)  # 李四: 2
            transaction.set_rollback(True)
        return len(captured)

    def test_the_queries_do_not_grow_with_the_households(self) -> None:
        self.pole_outage.delete()
        self.assertEqual(self.queries(3), self.queries(30))


class InnerToldWiderSinceTests(PoleTextedFirstTestCase):
    """The pole's "14:00" texted first; the fuse's "15:00", an hour later, texted to the
    households below it at its first text (walk47, 2); the pole's 14:40 then, 20 minutes before
    the fuse's, texted to them too: they hold 14:40. A move of the fuse under 30 minutes
    (15:25) is not its own revision, but it is 45 minutes from what they hold: texted to them,
    measured from their last text, not from the fuse's last time (fix58d)."""

    def told_fuse_then_pole(self) -> Outage:
        fuse = self.find_fuse(3 * HOUR)
        self.revise(self.pole_outage, 2 * HOUR + 40 * MIN, after=31)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse, customer), [self.at(3 * HOUR)])
            self.assertEqual(
                self.times_to(self.pole_outage, customer),
                [self.at(2 * HOUR), self.at(2 * HOUR + 40 * MIN)],
            )
        return fuse

    def test_a_small_move_is_texted_to_those_holding_the_pole_s_time(self) -> None:
        fuse = self.told_fuse_then_pole()
        self.revise(fuse, 3 * HOUR + 25 * MIN, after=63)
        self.assertFalse(Notice.objects.filter(key__startswith=f"etr_moved:{fuse.pk}:"))
        for customer in self.below_fuse:
            self.assertEqual(
                self.times_to(fuse, customer), [self.at(3 * HOUR), self.at(3 * HOUR + 25 * MIN)]
            )
        self.assertEqual(self.times_to(fuse, self.beside), [])  # under the pole only
        line = OutageEvent.objects.get(outage=fuse, what="later_time_told")
        self.assertEqual(set(line.note_args["customers"]), self.below_fuse)
        # Holding 15:25 now: 15:10, within the margin of theirs and of the fuse's, texts nothing.
        self.revise(fuse, 3 * HOUR + 10 * MIN, after=100)
        for customer in self.below_fuse:
            self.assertEqual(len(self.times_to(fuse, customer)), 2)

    def test_held_by_their_quiet_time_from_the_pole_s_text(self) -> None:
        """The same 15:25 nine minutes after the pole's text: held until 30 minutes after it."""
        fuse = self.told_fuse_then_pole()
        self.revise(fuse, 3 * HOUR + 25 * MIN, after=40)
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse, customer), [self.at(3 * HOUR)])
        line = OutageEvent.objects.get(outage=fuse, what="estimate_held")
        self.assertEqual(line.note_args["due"][:16], self.at(61 * MIN))
        with time_machine.travel(self.now + 60 * MIN, tick=False):
            self.assertEqual(etr_held_scan(), 0)
        with time_machine.travel(self.now + 62 * MIN, tick=False):
            self.assertEqual(etr_held_scan(), 1)
        for customer in self.below_fuse:
            self.assertEqual(
                self.times_to(fuse, customer), [self.at(3 * HOUR), self.at(3 * HOUR + 25 * MIN)]
            )
        with time_machine.travel(self.now + 63 * MIN, tick=False):
            self.assertEqual(etr_held_scan(), 0)

    def test_the_queries_do_not_grow_with_the_households(self) -> None:
        def queries(households: int) -> int:
            with transaction.atomic():
                self.more_below_the_fuse(households, "5325009", "+86139300")
                self.pole_outage = declared(
                    self, self.pole, began=10, back_in=2 * HOUR, now=self.now
                )
                fuse = self.told_fuse_then_pole()
                with (
                    time_machine.travel(self.now + 63 * MIN, tick=False),
                    CaptureQueriesContext(connection) as captured,
                ):
                    outage_estimate(
                        outage=fuse,
                        user=self.chief,
                        expected_restore_at=self.now + 3 * HOUR + 25 * MIN,
                    )
                told = Delivery.objects.filter(
                    notice__key__startswith=f"inner_later:{fuse.pk}:", customer__isnull=False
                )
                self.assertEqual(told.values("customer_id").distinct().count(), households + 2)
                transaction.set_rollback(True)
            return len(captured)

        self.pole_outage.delete()
        self.assertEqual(queries(3), queries(30))
