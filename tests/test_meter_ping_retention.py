"""Meter pings do not pile up for ever: those past their retention (90 days by default) are
deleted by a background task, in bounded batches, and each purge is recorded; never the pings
an outage still open or predicted may count on, nor those of the current and the last month.
The settings page says the retention and the last purge; the audit trail lists it."""

from __future__ import annotations

import datetime as dt
import io

import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role, Station
from powerdesk.ops.models import Purge
from powerdesk.outages.models import MeterPing, Outage, PingRound, PredictedOutage
from powerdesk.outages.ping_retention import ping_retention_cutoff, pings_purge
from powerdesk.outages.tasks import purge_meter_pings
from tests.base import BaseTestCase, make_user

# A day in the middle of a month: the last month's start is about 45 days before.
NOW = dt.datetime(2026, 6, 15, 4, 0, tzinfo=dt.UTC)


class PingsKept(BaseTestCase):
    def pinged(self, days_ago: float, *, station: Station | None = None) -> PingRound:
        """A sent round ``days_ago`` before NOW, with its one meter ping."""
        station = station or self.station_a
        at = NOW - dt.timedelta(days=days_ago)
        round_ = PingRound.objects.create(
            station=station,
            at=at,
            key=f"ping-{station.pk}-{at.timestamp()}",
            asked=1,
            state=PingRound.State.SENT,
        )
        MeterPing.objects.create(
            station=station,
            round=round_,
            customer=self.customer,
            device_code="ZM-B01-F",
            reason="silent",
            requested_at=at,
        )
        return round_

    def open_outage(self, *, days_ago: float) -> None:
        """A fault outage on the fuse since ``days_ago`` before NOW, still open."""
        Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=NOW - dt.timedelta(days=days_ago),
        )

    def predicted(self, first_sign_at: dt.datetime | None) -> None:
        """The engine's prediction on the fuse, its first sign at ``first_sign_at``."""
        PredictedOutage.objects.create(
            station=self.station_a,
            code="ZM-B01-F",
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.8,
            first_sign_at=first_sign_at,
        )


class PingRetentionTests(PingsKept):
    def test_pings_past_ninety_days_are_deleted_and_the_purge_recorded(self) -> None:
        old, older = self.pinged(91), self.pinged(200)
        kept = self.pinged(89)
        elsewhere = self.pinged(300, station=self.station_b)
        purge = pings_purge(self.station_a, now=NOW)
        assert purge is not None
        self.assertEqual(purge.removed, {"meter_pings": 2, "ping_rounds": 2})
        self.assertEqual(purge.keep_days, 90)
        self.assertEqual(purge.before, NOW - dt.timedelta(days=90))
        self.assertFalse(purge.more_left)
        self.assertFalse(PingRound.objects.filter(pk__in=[old.pk, older.pk]).exists())
        self.assertTrue(kept.pings.exists())
        # Another station's are its own purge's business.
        self.assertTrue(elsewhere.pings.exists())
        # Nothing more to do: no second record.
        self.assertIsNone(pings_purge(self.station_a, now=NOW))
        self.assertEqual(Purge.objects.count(), 1)

    def test_an_outage_still_open_keeps_the_pings_since_its_start(self) -> None:
        during = self.pinged(120)
        before = self.pinged(130)
        self.open_outage(days_ago=125)
        pings_purge(self.station_a, now=NOW)
        self.assertTrue(during.pings.exists())
        self.assertFalse(PingRound.objects.filter(pk=before.pk).exists())

    def test_a_prediction_keeps_the_pings_since_its_first_sign(self) -> None:
        during = self.pinged(100)
        self.predicted(NOW - dt.timedelta(days=101))
        self.assertEqual(ping_retention_cutoff(self.station_a, NOW), NOW - dt.timedelta(days=101))
        self.assertIsNone(pings_purge(self.station_a, now=NOW))
        self.assertTrue(during.pings.exists())

    @override_settings(PING_KEEP_DAYS=7)
    def test_a_short_retention_never_reaches_the_last_month(self) -> None:
        last_month = self.pinged(40)  # 2026-05-06: the last month, for its report
        before_it = self.pinged(50)  # 2026-04-26
        purge = pings_purge(self.station_a, now=NOW)
        assert purge is not None
        self.assertEqual(
            timezone.localtime(purge.before).strftime("%Y-%m-%d %H:%M"), "2026-05-01 00:00"
        )
        self.assertTrue(last_month.pings.exists())
        self.assertFalse(PingRound.objects.filter(pk=before_it.pk).exists())

    def test_a_backlog_goes_in_bounded_batches_over_several_runs(self) -> None:
        for days in range(100, 107):
            self.pinged(days)
        first = pings_purge(self.station_a, now=NOW, batch=2, batches_most=2)
        assert first is not None
        self.assertEqual(first.removed, {"meter_pings": 4, "ping_rounds": 4})
        self.assertTrue(first.more_left)
        second = pings_purge(self.station_a, now=NOW, batch=2, batches_most=2)
        assert second is not None
        self.assertEqual(second.removed, {"meter_pings": 3, "ping_rounds": 3})
        self.assertFalse(second.more_left)
        self.assertIsNone(pings_purge(self.station_a, now=NOW, batch=2, batches_most=2))
        self.assertFalse(MeterPing.objects.exists())
        self.assertFalse(PingRound.objects.exists())

    def test_the_task_and_the_command_purge_every_station(self) -> None:
        self.pinged(1000)
        self.pinged(1000, station=self.station_b)
        self.assertEqual(purge_meter_pings.call(), {"a": 1, "b": 1})
        self.assertEqual(purge_meter_pings.call(), {})
        said = io.StringIO()
        self.pinged(1000)
        call_command("purge_pings", stdout=said)
        self.assertIn("a: 1 meter ping(s) deleted", said.getvalue())
        self.assertFalse(MeterPing.objects.exists())

    def test_the_settings_page_and_the_audit_trail_say_it(self) -> None:
        admin = make_user("admin", self.station_a, Role.ADMIN)
        self.login(admin)
        page = self.client.get(reverse("notifications:settings"))
        line = page.content.decode().split('data-testid="ping-retention"')[1].split("</p>")[0]
        self.assertIn("90", line)
        self.pinged(100)
        purge = pings_purge(self.station_a, now=timezone.now())
        assert purge is not None
        page = self.client.get(reverse("notifications:settings"))
        line = page.content.decode().split('data-testid="ping-retention"')[1].split("</p>")[0]
        self.assertIn(timezone.localtime(purge.at).strftime("%Y-%m-%d %H:%M"), line)
        self.assertIn(timezone.localtime(purge.before).strftime("%Y-%m-%d"), line)
        audit = self.client.get(reverse("ops:audit"))
        self.assertContains(audit, 'data-kind="purge"')
        # Another station's chief sees nothing of it.
        self.login(self.outsider)
        self.assertNotContains(self.client.get(reverse("ops:audit")), 'data-kind="purge"')


class PredictionWithoutFirstSignTests(PingsKept):
    """A prediction whose first sign is not known held the cutoff back to 1970, so that nothing
    was ever purged while the engine's picture held one, and the settings page's line went on
    saying "kept 90 days" (review of round 24, finding 2)."""

    def test_it_holds_nothing_back(self) -> None:
        old, kept = self.pinged(120), self.pinged(30)
        self.predicted(None)  # no first sign known
        self.assertEqual(ping_retention_cutoff(self.station_a, NOW), NOW - dt.timedelta(days=90))
        purge = pings_purge(self.station_a, now=NOW)
        assert purge is not None
        self.assertEqual(purge.removed, {"meter_pings": 1, "ping_rounds": 1})
        self.assertFalse(PingRound.objects.filter(pk=old.pk).exists())
        self.assertTrue(kept.pings.exists())

    def test_the_settings_page_says_what_the_next_purge_keeps(self) -> None:
        admin = make_user("admin", self.station_a, Role.ADMIN)
        self.login(admin)
        self.predicted(None)  # no first sign known
        with time_machine.travel(NOW, tick=False):
            page = self.client.get(reverse("notifications:settings")).content.decode()
        since = page.split('data-testid="ping-kept-since">')[1].split("</span>")[0]
        kept_from = timezone.localtime(NOW - dt.timedelta(days=90))
        self.assertIn(f"{kept_from:%Y-%m-%d %H:%M}", since)
        # An outage open since before that holds it back, and the page says so.
        self.open_outage(days_ago=125)
        with time_machine.travel(NOW, tick=False):
            page = self.client.get(reverse("notifications:settings")).content.decode()
        since = page.split('data-testid="ping-kept-since">')[1].split("</span>")[0]
        opened = timezone.localtime(NOW - dt.timedelta(days=125))
        self.assertIn(f"{opened:%Y-%m-%d %H:%M}", since)
        self.assertIn("首个迹象", since)  # "the first sign of an outage still open"
