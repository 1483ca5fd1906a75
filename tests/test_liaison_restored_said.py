"""Walk78 L6: once restored, an outage left the liaison's page without a word (the liaison had
it only by text). The page says the village's outages restored within the last day, with the
time power came back, as the board's "recently restored" does; older ones are gone."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.web.templatetags.moments import day_time
from tests.base import BaseTestCase
from tests.outage_cast_liaisons import group_leader


class LiaisonRestoredSaidTests(BaseTestCase):
    def setUp(self) -> None:
        self.leader = group_leader(self)
        self.outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=40),
        )
        self.login(self.leader)

    def restored_lines(self) -> list[str]:
        page = self.client.get(reverse("web:liaison")).content.decode()
        return [part.split("</p>")[0] for part in page.split('data-testid="liaison-restored">')[1:]]

    def test_a_restored_outage_stays_on_the_page_with_its_time(self) -> None:
        self.assertEqual(self.restored_lines(), [])
        restored = outage_restore(outage=self.outage, user=self.chief, how="remote", cause="tree")
        (line,) = self.restored_lines()
        self.assertIn(day_time(restored.restored_at), line)
        self.assertIn(str(self.fuse), line)

    def test_after_a_day_it_is_gone(self) -> None:
        outage_restore(outage=self.outage, user=self.chief, how="remote", cause="tree")
        Outage.objects.filter(pk=self.outage.pk).update(
            restored_at=timezone.now() - dt.timedelta(hours=25),
            starts_at=timezone.now() - dt.timedelta(hours=26),
        )
        self.assertEqual(self.restored_lines(), [])
