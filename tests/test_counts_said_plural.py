"""A count is said in the plural it needs (walk51, F14: the audit trail read "exported Work orders
(1 rows)"): the audit trail's exports and notices put away, the notices' summary lines, and the
crew phone's clock a minute off."""

from __future__ import annotations

import datetime as dt

from django.test import SimpleTestCase
from django.utils import timezone, translation

from powerdesk.accounts.models import ExportLog
from powerdesk.ops.audit import audit_entries
from powerdesk.servicedesk.crew_sync import _clock_off_words
from powerdesk.servicedesk.models import NotificationsRead
from powerdesk.servicedesk.notices import summary_words
from tests.base import BaseTestCase


class AuditTrailCountsTests(BaseTestCase):
    def said(self) -> list[str]:
        with translation.override("en"):
            return [str(e.what) for e in audit_entries(station=self.station_a)]

    def test_one_row_exported_is_said_in_the_singular(self) -> None:
        for rows in (1, 2):
            ExportLog.objects.create(
                station=self.station_a,
                at=timezone.now(),
                by=self.chief,
                list_name="work_orders",
                format="csv",
                rows=rows,
            )
        said = self.said()
        self.assertIn("exported Work orders (1 row)", said)
        self.assertIn("exported Work orders (2 rows)", said)
        self.assertFalse([line for line in said if "(1 rows)" in line])

    def test_one_notice_put_away_is_said_in_the_singular(self) -> None:
        NotificationsRead.objects.create(
            station=self.station_a, user=self.chief, at=timezone.now(), upto=1, count=1
        )
        self.assertIn("marked 1 notice read", self.said())


class SummaryAndClockCountsTests(SimpleTestCase):
    def test_one_is_singular_and_many_plural_and_grouped(self) -> None:
        with translation.override("en"):
            self.assertEqual(summary_words("overdue", 1), "1 work order overdue")
            self.assertEqual(summary_words("overdue", 1671), "1,671 work orders overdue")
            self.assertEqual(summary_words("no such kind", 1), "1 notice")

    def test_a_clock_a_minute_off_is_one_minute(self) -> None:
        at = dt.datetime(2026, 12, 6, 4, 0, tzinfo=dt.UTC)
        with translation.override("en"):
            said = _clock_off_words(dt.timedelta(seconds=40), at)
        self.assertTrue(said.startswith("The phone's clock is 1 minute slow"), said)
