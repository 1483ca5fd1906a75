"""The chief's staff page says that only the administrator ends someone's work (docs/roles.md),
with no button for it (walkthrough 35, 11); the administrator gets the button, not the line."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext

from powerdesk.accounts.models import Role
from tests.base import BaseTestCase, make_user

SAID = "Only the administrator ends someone's work at the station: ask them when someone leaves."


class StaffEndAdminOnlyTests(BaseTestCase):
    def test_the_chief_is_told_who_ends_work_and_gets_no_button(self) -> None:
        self.login(self.chief)
        page = self.client.get(reverse("accounts:staff")).content.decode()
        self.assertIn(gettext(SAID), page)
        self.assertNotIn('data-testid="staff-end"', page)

    def test_the_administrator_has_the_button_not_the_line(self) -> None:
        admin = make_user("gl_admin", self.station_a, Role.ADMIN, is_staff=True)
        self.login(admin)
        page = self.client.get(reverse("accounts:staff")).content.decode()
        self.assertNotIn('data-testid="staff-end-admin-only"', page)
        self.assertIn('data-testid="staff-end"', page)
