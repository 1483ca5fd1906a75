"""The public page says the time the households were texted beside the time it shows when the
two differ (walk 39, 4: a change under 30 minutes is not texted, so the page said 18:25 while
the households held 18:20); an outage whose shown time is the one texted says nothing more."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.notifications.models import Notice
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase


class PublicTextedTimeTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.url = reverse("public:status", args=[self.station_a.code])
        self.outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            expected_restore_at=timezone.now() + dt.timedelta(hours=3),
        )
        etr = Notice.objects.get(key=f"outage_known:{self.outage.pk}").facts["etr"]
        self.texted = timezone.localtime(dt.datetime.fromisoformat(etr))

    def test_the_time_texted_is_said_beside_a_time_moved_by_less_than_30_minutes(self) -> None:
        page = self.client.get(self.url).content.decode()
        self.assertIn(f"{self.texted:%m-%d %H:%M}", page)
        self.assertNotIn('data-testid="public-texted"', page)
        moved = self.texted + dt.timedelta(minutes=5)
        outage_estimate(outage=self.outage, user=self.chief, expected_restore_at=moved)
        cache.clear()
        page = self.client.get(self.url).content.decode()
        self.assertIn(f"{moved:%m-%d %H:%M}", page)
        said = page.split('data-testid="public-texted">', 1)[1].split("</span>", 1)[0]
        self.assertEqual(
            said, _("(households were texted %(at)s)") % {"at": f"{self.texted:%m-%d %H:%M}"}
        )
