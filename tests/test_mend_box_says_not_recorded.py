"""A restore refused for what is missing is answered in a box that says it was not recorded and
names what is missing (walk58 L4): it was titled "已复电：<device>", which a quick reader takes
for the restore done."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase, zh


class MendBoxTests(BaseTestCase):
    def test_a_restore_with_no_cause_says_it_is_not_recorded_and_what_is_missing(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=None,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=30),
        )
        self.login(self.chief)
        response = self.client.post(
            reverse("outages:list"), {"action": "restore_at", "outage": outage.pk}
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        title = re.search(r'data-testid="mend-title">([^<]*)<', html)
        assert title is not None, html
        # Not "已复电：<device>": what was not done, for which device.
        self.assertFalse(title.group(1).startswith(zh("Power is back")), title.group(1))
        self.assertIn(str(self.fuse), title.group(1))
        said = re.search(r'data-testid="mend-errors">([^<]*)<', html)
        assert said is not None
        self.assertIn(zh("Cause"), said.group(1))
        self.assertNotIn(zh("Note"), said.group(1))  # nothing wrong with it
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.ACTIVE)
