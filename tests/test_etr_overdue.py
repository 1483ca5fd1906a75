"""The expected restoration stays where it is as the clock runs, and once past the pages say so
(walkthrough: during a storm the board's estimate was always about ten minutes from now, at the
bottom of its range, and the public page's "最近更新" stayed at the outage's start while the
time it showed moved). A rough estimate (no model yet) once past is a later one, said late,
that stays put until it passes in turn (walkthrough 26: never a time already gone)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.etr import etr_for
from powerdesk.outages.models import Outage
from powerdesk.public.selectors import station_status
from tests.base import BaseTestCase

HX = {"HX-Request": "true"}


class EtrOverdueTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()
        # No history: the rule of thumb for a fuse, power back about 3 hours after the start.
        self.start = (timezone.now() - dt.timedelta(hours=2)).replace(second=0, microsecond=0)
        self.outage = Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=self.start,
        )

    def test_the_estimate_does_not_slide_with_the_clock(self) -> None:
        now = timezone.now()
        first = etr_for(self.outage, now=now)
        self.assertFalse(first.overdue)
        later = etr_for(self.outage, now=now + dt.timedelta(minutes=50))
        self.assertEqual((later.at, later.low, later.high), (first.at, first.low, first.high))
        # Past it: a rough time (no model yet) is never told once past: a later one, said late,
        # which stays where it is until it passes too (not "ten minutes from now").
        past = now + dt.timedelta(hours=3)
        gone = etr_for(self.outage, now=past)
        self.assertGreater(gone.low, past)
        self.assertEqual(gone.late_from, first.at)
        self.assertFalse(gone.overdue)
        still = etr_for(self.outage, now=gone.at - dt.timedelta(minutes=1))
        self.assertEqual(still.at, gone.at)

    def test_the_board_says_a_rough_estimate_is_late_and_a_staff_time_past(self) -> None:
        self.login(self.chief)
        board = self.client.get(reverse("outages:board"), headers=HX).content.decode()
        self.assertNotIn('data-testid="etr-overdue"', board)
        self.assertNotIn("badge warn", board.split('data-testid="etr-rough"')[1][:40])
        with time_machine.travel(timezone.now() + dt.timedelta(hours=4)):
            board = self.client.get(reverse("outages:board"), headers=HX).content.decode()
        self.assertNotIn('data-testid="etr-overdue"', board)
        self.assertIn('data-testid="etr-rough" class="badge warn"', board)
        outage_estimate(
            outage=self.outage,
            user=self.chief,
            expected_restore_at=timezone.now() + dt.timedelta(minutes=30),
            note="等备件",
        )
        with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
            board = self.client.get(reverse("outages:board"), headers=HX).content.decode()
        self.assertIn('data-testid="etr-overdue"', board)

    def test_a_staff_time_past_is_said_past_too(self) -> None:
        told = timezone.now() + dt.timedelta(minutes=30)
        outage_estimate(
            outage=self.outage, user=self.chief, expected_restore_at=told, note="等备件"
        )
        self.outage.refresh_from_db()
        self.assertFalse(etr_for(self.outage).overdue)
        self.assertTrue(etr_for(self.outage, now=told + dt.timedelta(minutes=1)).overdue)

    def test_the_public_page_never_says_a_rough_time_past_and_last_changed_is_when_it_changed(
        self,
    ) -> None:
        url = reverse("public:status", args=[self.station_a.code])
        (shown,) = station_status(self.station_a).outages
        assert shown.estimate is not None
        told = shown.estimate.at
        self.assertIsNone(shown.overdue_at)
        self.assertEqual(shown.updated_at, self.start)  # nothing changed since it began
        self.assertNotContains(self.client.get(url), 'data-testid="public-overdue"')

        # Past the rough estimate (no model yet): a later time, never one gone by, and its
        # "last changed" is the moment the first passed.
        after = told + dt.timedelta(minutes=20)
        with time_machine.travel(after, tick=False):  # the board's estimates are of the clock's now
            (shown,) = station_status(self.station_a, now=after).outages
        assert shown.estimate is not None
        self.assertGreater(shown.estimate.at, after)
        self.assertIsNone(shown.overdue_at)
        self.assertEqual(shown.updated_at, told)
        cache.clear()
        with time_machine.travel(after):
            page = self.client.get(url).content.decode()
        self.assertNotIn('data-testid="public-overdue"', page)
        self.assertIn(f"{timezone.localtime(shown.estimate.at):%m-%d %H:%M}", page)

        # Staff give a new time: shown, and "last changed" moves to when they gave it.
        with time_machine.travel(after, tick=False):
            outage_estimate(
                outage=self.outage,
                user=self.chief,
                expected_restore_at=after + dt.timedelta(hours=1),
                note="换杆",
            )
        self.outage.refresh_from_db()
        (shown,) = station_status(self.station_a, now=after + dt.timedelta(minutes=1)).outages
        self.assertIsNone(shown.overdue_at)
        self.assertEqual(shown.updated_at, after)
