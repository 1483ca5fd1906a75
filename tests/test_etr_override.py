"""Staff overriding the estimated restoration on the board: with a reason, never cut short
without a word, and the same time again changes nothing."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.notifications.models import Notice
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase


class EstimateOverrideTests(BaseTestCase):
    def setUp(self) -> None:
        self.outage = outage_declare(
            station=self.station_a,
            user=None,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=5),
        )
        self.at = timezone.localtime() + dt.timedelta(hours=6)
        self.login(self.chief)

    def post(self, note: str, at: dt.datetime | None = None):  # type: ignore[no-untyped-def]
        return self.client.post(
            reverse("outages:list"),
            {
                "action": "estimate",
                "outage": self.outage.pk,
                "expected_restore_at": f"{at or self.at:%Y-%m-%dT%H:%M}",
                "note": note,
            },
            follow=True,
        )

    def estimated(self) -> int:
        return self.outage.events.filter(what="estimated").count()

    def test_an_override_without_a_reason_is_refused(self) -> None:
        response = self.post("  ")
        self.assertContains(response, "说明原因", status_code=400)
        self.assertIn("说明原因", " ".join(response.context["mend"].wrong["note"]))  # at the reason
        self.outage.refresh_from_db()
        self.assertIsNone(self.outage.expected_restore_at)
        self.assertEqual(self.estimated(), 0)

    def test_a_reason_too_long_is_refused_naming_the_limit_not_cut(self) -> None:
        response = self.post("路" * 4000)
        self.assertContains(response, "4000", status_code=400)
        self.assertIn("150", " ".join(response.context["mend"].wrong["note"]))
        self.outage.refresh_from_db()
        self.assertIsNone(self.outage.expected_restore_at)
        self.assertEqual(self.estimated(), 0)

    def test_the_reason_is_kept_in_the_history(self) -> None:
        self.post("山路塌方，等挖机")
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.expected_restore_at, self.at.replace(second=0, microsecond=0))
        self.assertIn("山路塌方，等挖机", self.outage.events.get(what="estimated").note)

    def test_the_same_time_again_adds_no_history_line_and_no_text(self) -> None:
        self.post("山路塌方")
        lines, texts = self.estimated(), Notice.objects.count()
        response = self.post("山路塌方")
        self.assertEqual(self.estimated(), lines)
        self.assertEqual(Notice.objects.count(), texts)
        self.assertContains(response, "已经是")
