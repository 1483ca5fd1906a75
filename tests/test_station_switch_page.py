"""``/accounts/station/`` opened (walkthrough 28, finding 15): docs/roles.md gives every role
the page, and a GET said "this address only takes a form". It is the top bar's station list as
a page: the person's stations, the current one marked, a button for each other one."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Membership, Role
from powerdesk.accounts.tenancy import SESSION_KEY
from tests.base import BaseTestCase, make_user


class StationSwitchPageTests(BaseTestCase):
    def test_someone_of_two_stations_sees_both_and_switches_from_the_page(self) -> None:
        Membership.objects.create(user=self.clerk, station=self.station_b, role=Role.COUNTER)
        self.login(self.clerk)
        response = self.client.get(reverse("accounts:switch_station"))
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertIn('data-testid="stations"', page)
        self.assertIn(self.station_a.name, page)
        self.assertIn(f'data-testid="switch-to-{self.station_b.pk}"', page)
        self.assertNotIn(f'data-testid="switch-to-{self.station_a.pk}"', page)
        self.client.post(
            reverse("accounts:switch_station"), {"station": self.station_b.pk, "next": "/"}
        )
        self.assertEqual(self.client.session[SESSION_KEY], self.station_b.pk)

    def test_someone_of_one_station_is_told_there_is_no_other(self) -> None:
        for user in (self.clerk, make_user("liaison", self.station_a, Role.LIAISON)):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(reverse("accounts:switch_station"))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, 'data-testid="only-station"')
                self.assertContains(response, self.station_a.name)
