"""/figures/ (where the menu's "Figures" goes) lists the figures pages for those who may open
them, and is no page for a crew."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Role
from tests.base import BaseTestCase, make_user


class FiguresIndexTests(BaseTestCase):
    def test_the_figures_address_lists_every_figures_page(self) -> None:
        self.login(self.chief)
        response = self.client.get("/figures/")
        self.assertEqual(response.status_code, 200)
        for name in ("reliability", "service", "calls", "outages"):
            self.assertContains(response, f'href="{reverse(f"dashboards:{name}")}"')

    def test_the_menu_s_figures_link_opens_the_index(self) -> None:
        self.login(self.chief)
        home = self.client.get(reverse("web:home"))
        self.assertContains(home, f'<a href="{reverse("dashboards:index")}"')

    def test_a_crew_member_may_not_open_it(self) -> None:
        self.login(make_user("crew1", self.station_a, Role.CREW))
        self.assertEqual(self.client.get("/figures/").status_code, 403)
