"""A household under two outages going on at once, one inside the other (a fuse's inside the
feeder's), looks up one entry on the public page: power is back for it when the last of them is
(never before the wider one's), off since the first began."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from powerdesk.public.selectors import PublicOutage, StationStatus, area_outages
from tests.base import BaseTestCase


class NestedOutagesOnePerHouseholdTests(BaseTestCase):
    def outage(
        self, device: object, *, since: int, back: int | None, **extra: object
    ) -> PublicOutage:
        now = timezone.now()
        return PublicOutage(
            device_id=device.pk,  # type: ignore[attr-defined]
            state=str(extra.pop("state", "off")),
            planned=bool(extra.pop("planned", False)),
            starts_at=now - dt.timedelta(minutes=since),
            expected_restore_at=now + dt.timedelta(minutes=back) if back is not None else None,
            cause="",
            notice="",
            updated_at=now,
        )

    def test_the_fuse_s_outage_inside_the_feeder_s_is_one_entry_ending_last(self) -> None:
        feeder = self.outage(self.breaker, since=30, back=150)  # back at 20:30, say
        fuse = self.outage(self.fuse, since=60, back=105)  # back at 19:45: not before 20:30
        planned = self.outage(self.fuse, since=-2000, back=-1800, state="planned", planned=True)
        status = StationStatus(outages=[fuse, feeder, planned], updated_at=timezone.now())
        shown = area_outages(status, self.customer)
        self.assertEqual(len(shown), 2)
        [now, later] = shown
        self.assertEqual(now.expected_restore_at, feeder.expected_restore_at)
        self.assertEqual(now.starts_at, fuse.starts_at)
        self.assertIs(later, planned)

    def test_a_time_not_yet_known_is_the_last(self) -> None:
        feeder = self.outage(self.breaker, since=30, back=None)
        fuse = self.outage(self.fuse, since=60, back=105)
        status = StationStatus(outages=[fuse, feeder], updated_at=timezone.now())
        [only] = area_outages(status, self.customer)
        self.assertIsNone(only.expected_restore_at)
