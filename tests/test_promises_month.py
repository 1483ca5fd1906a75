"""The promises page answers a month that is not one with 400 and a note, as the report pages do,
instead of ignoring it silently (walkthrough 33, item 8)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Role
from tests.base import BaseTestCase, make_user


class PromisesMonthTests(BaseTestCase):
    def test_a_month_that_is_not_one_is_said(self) -> None:
        self.client.force_login(make_user("desk2", self.station_a, Role.COUNTER))
        url = reverse("servicedesk:promises")
        bad = self.client.get(url, {"month": "2026-99"})
        self.assertContains(bad, 'data-testid="month-error"', status_code=400)
        self.assertContains(bad, "2026-99", status_code=400)
        good = self.client.get(url, {"month": "2026-10"})
        self.assertEqual(good.status_code, 200)
        self.assertNotContains(good, 'data-testid="month-error"')
        self.assertEqual(self.client.get(url).status_code, 200)
