"""Each station's live engine is run by one process at a time: a second service (another
machine) leaves it alone while the owner lives, and takes it over, with the same picture, once
the owner is gone."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase
from django.utils import timezone

from powerdesk.ops.lease import lease_hold, lease_release
from powerdesk.ops.models import EngineLease
from powerdesk.outages.live_service import OutageService
from powerdesk.outages.selectors import live_picture
from tests import test_live_engine
from tests.base import BaseTestCase


class LeaseTests(BaseTestCase):
    def test_one_owner_at_a_time_and_the_lease_passes_once_expired(self) -> None:
        now = timezone.now()
        station = self.station_a.pk
        self.assertTrue(lease_hold(station_id=station, owner="a", now=now))
        self.assertFalse(lease_hold(station_id=station, owner="b", now=now))
        self.assertTrue(lease_hold(station_id=station, owner="a", now=now))  # renewed
        later = now + dt.timedelta(seconds=31)
        self.assertTrue(lease_hold(station_id=station, owner="b", now=later))
        self.assertFalse(lease_hold(station_id=station, owner="a", now=later))
        self.assertEqual(EngineLease.objects.get(station_id=station).owner, "b")

    def test_a_clean_stop_frees_the_stations_at_once(self) -> None:
        lease_hold(station_id=self.station_a.pk, owner="a")
        lease_hold(station_id=self.station_b.pk, owner="a")
        self.assertEqual(lease_release(owner="a"), 2)
        self.assertTrue(lease_hold(station_id=self.station_a.pk, owner="b"))


_Live = test_live_engine.LiveEngineTests


class TakeoverTests(TestCase):
    """On the storm station of the live engine's tests (its grid and recorded storm); its set-up
    borrowed rather than inherited, so that its tests do not run twice."""

    setUpTestData = classmethod(_Live.setUpTestData.__func__)  # type: ignore[attr-defined]
    setUp = _Live.setUp
    post = _Live.post
    picture = _Live.picture

    def test_a_second_service_waits_then_takes_over_with_the_same_picture(self) -> None:
        half = len(self.storm.chunks) // 2
        first, second = OutageService(owner="machine-1"), OutageService(owner="machine-2")
        for chunk in self.storm.chunks[:half]:
            self.post(chunk)
            self.assertIn(self.station.code, first.step())
            self.assertEqual(second.step(), {})  # the owner lives: hands off
        self.assertEqual(self.picture(), self.expected[half - 1])
        # machine-1 dies (killed: no clean stop) and its lease runs out.
        del first
        EngineLease.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        for chunk, expected in zip(self.storm.chunks[half:], self.expected[half:], strict=True):
            self.post(chunk)
            second.step()
            self.assertEqual(self.picture(), expected)
        self.assertEqual(EngineLease.objects.get().owner, "machine-2")
        self.assertEqual(live_picture(self.station), self.expected[-1])


del _Live  # not collected again here
