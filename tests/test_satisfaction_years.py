"""The satisfaction page links to the year before, and to the year after only up to this year:
a year still to come has no scores (walkthrough 33, item 8)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from tests.base import BaseTestCase, make_user


class SatisfactionYearsTests(BaseTestCase):
    def test_no_link_past_this_year(self) -> None:
        self.client.force_login(make_user("chief2", self.station_a, Role.CHIEF))
        url = reverse("servicedesk:satisfaction")
        this = timezone.localdate().year
        page = self.client.get(url).content.decode()
        self.assertIn(f'href="?year={this - 1}"', page)
        self.assertNotIn(f'href="?year={this + 1}"', page)
        before = self.client.get(url, {"year": this - 1}).content.decode()
        self.assertIn(f'href="?year={this}"', before)
