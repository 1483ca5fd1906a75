"""A link of another station the person also works at (a county dispatcher at two) offers to
switch to it and open the page; one of a station they do not work at stays a plain "not found"
that names no station (walkthrough 34, finding 5)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Membership, Role
from powerdesk.accounts.tenancy import SESSION_KEY
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, make_user


class OtherStationLinkTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.order_b = work_order_create(
            station=self.station_b, user=self.outsider, category="fault_repair", summary="停电"
        )
        self.url = reverse("servicedesk:work_order", args=[self.order_b.pk])

    def test_a_person_of_both_stations_is_offered_to_switch_and_open_it(self) -> None:
        county = make_user("county", self.station_a, Role.DISPATCHER, full_name="县调")
        Membership.objects.create(user=county, station=self.station_b, role=Role.DISPATCHER)
        self.login(county)
        session = self.client.session
        session[SESSION_KEY] = self.station_a.pk
        session.save()
        self.client.cookies["django_language"] = "en"
        page = self.client.get(self.url)
        self.assertEqual(page.status_code, 404)
        html = page.content.decode()
        self.assertIn(f"This is at {self.station_b.name}", html)
        self.assertIn('data-testid="switch-and-open"', html)
        self.assertIn(f'name="next" value="{self.url}"', html)
        self.assertNotIn(self.order_b.number, html)  # nothing of it shown before the switch
        switched = self.client.post(
            reverse("accounts:switch_station"), {"station": self.station_b.pk, "next": self.url}
        )
        self.assertRedirects(switched, self.url)
        self.assertContains(self.client.get(self.url), self.order_b.number)

    def test_a_person_of_one_station_is_told_only_not_found(self) -> None:
        self.login(self.clerk)
        self.client.cookies["django_language"] = "en"
        page = self.client.get(self.url)
        self.assertEqual(page.status_code, 404)
        html = page.content.decode()
        self.assertNotIn(self.station_b.name, html)
        self.assertNotIn("switch-and-open", html)
        self.assertIn("Not found", html)
        # A number that is nothing anywhere: the same.
        page = self.client.get(reverse("servicedesk:work_order", args=[self.order_b.pk + 999]))
        self.assertNotIn("switch-and-open", page.content.decode())
