"""walk41, 4: a transformer area's outage inside the fuse's above it showed on the liaison's
page as two blocks, "22 户仍停电" and "44 户仍停电", read as 66 households off while 44 were.
The inner one is said within the wider one, its households counted once, with the wider's."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase
from tests.outage_cast_liaisons import group_leader


class LiaisonNestedOutagesTests(BaseTestCase):
    def test_the_inner_outage_is_said_within_the_wider_and_counted_once(self) -> None:
        leader = group_leader(self)
        start = timezone.now() - dt.timedelta(minutes=30)
        for device in (self.fuse, self.pole):  # the inner one first, the fuse's above it later
            outage_declare(
                station=self.station_a,
                user=self.chief,
                device=device,
                kind=Outage.Kind.UNPLANNED,
                starts_at=start,
            )
        self.login(leader)
        page = self.client.get(reverse("web:liaison")).content.decode()
        self.assertEqual(page.count('data-testid="liaison-part"'), 1)  # counted once
        self.assertEqual(page.count('data-testid="liaison-within"'), 1)
        within = page.index('data-testid="liaison-within"')
        self.assertIn(str(self.pole), page[within : within + 300])
