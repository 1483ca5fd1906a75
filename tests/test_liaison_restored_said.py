"""Walk78 L6: once restored, an outage left the liaison's page without a word (the liaison had
it only by text). The page says the village's outages restored within the last day, with the
time power came back, as the board's "recently restored" does; older ones are gone."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Outage
from powerdesk.outages.power_found_on import outage_not_interruption, outage_not_interruption_undo
from powerdesk.outages.services import outage_restore
from powerdesk.web.templatetags.moments import day_time
from tests.base import BaseTestCase
from tests.outage_cast import fault_declare
from tests.outage_cast_liaisons import group_leader


class LiaisonRestoredSaidTests(BaseTestCase):
    def setUp(self) -> None:
        self.leader = group_leader(self)
        self.outage = fault_declare(self, self.fuse, began=40)
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

    def test_an_outage_confirmed_no_interruption_is_not_said_restored(self) -> None:
        # Review79 L9: the crew found the power on at arrival and the chief confirmed it was no
        # interruption: the page does not say "power back" of it; undone, it is said again.
        restored = outage_restore(outage=self.outage, user=self.chief, how="remote", cause="tree")
        Outage.objects.filter(pk=restored.pk).update(power_on_found_at=restored.restored_at)
        self.assertTrue(outage_not_interruption(outage=restored, user=self.chief))
        self.assertEqual(self.restored_lines(), [])
        self.assertTrue(outage_not_interruption_undo(outage=restored, user=self.chief))
        self.assertEqual(len(self.restored_lines()), 1)
