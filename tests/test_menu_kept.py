"""The main menu is drawn once per process for each language, set of roles and page (it depends
on nothing else), and kept: each person still sees the menu of their own roles and page."""

from __future__ import annotations

import re

from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from powerdesk.accounts.models import Membership, Role
from tests.base import BaseTestCase


def menu(html: str) -> str:
    found = re.search(r'<nav class="main".*?</nav>', html, re.S)
    assert found is not None, "no main menu on the page"
    return found.group(0)


class KeptMenuTests(BaseTestCase):
    def setUp(self) -> None:
        caches["template_fragments"].clear()

    def page_menu(self, url: str) -> str:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return menu(response.content.decode())

    def test_the_kept_menu_is_the_menu_drawn_afresh(self) -> None:
        self.login(self.chief)
        kept = self.page_menu(reverse("servicedesk:intake"))
        with override_settings(
            CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
        ):
            # No cache at all: the menu drawn on every request.
            drawn = self.page_menu(reverse("servicedesk:intake"))
        self.assertEqual(kept, drawn)
        self.assertEqual(kept, self.page_menu(reverse("servicedesk:intake")))

    def test_each_role_sees_its_own_menu(self) -> None:
        self.login(self.chief)
        self.assertIn(reverse("reports:monthly"), self.page_menu(reverse("servicedesk:intake")))
        self.login(self.clerk)
        self.assertNotIn(reverse("reports:monthly"), self.page_menu(reverse("servicedesk:intake")))
        Membership.objects.create(user=self.clerk, station=self.station_a, role=Role.CHIEF)
        self.assertIn(reverse("reports:monthly"), self.page_menu(reverse("servicedesk:intake")))

    def test_the_page_shown_is_marked_in_the_menu(self) -> None:
        self.login(self.clerk)
        intake = self.page_menu(reverse("servicedesk:intake"))
        calls = self.page_menu(reverse("servicedesk:calls"))
        active = re.compile(r'<a href="([^"]+)" class="active">')
        self.assertEqual(active.findall(intake), [reverse("servicedesk:intake")])
        self.assertIn(reverse("servicedesk:calls") + "?fresh=1", active.findall(calls))
        self.assertNotIn(reverse("servicedesk:intake"), active.findall(calls))

    def test_the_menu_speaks_the_language_chosen(self) -> None:
        self.login(self.clerk)
        self.assertIn("来电受理", self.page_menu(reverse("servicedesk:intake")))
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        english = self.page_menu(reverse("servicedesk:intake"))
        self.assertIn("Take a call", english)
        self.assertNotIn("来电受理", english)

    def test_the_menu_is_kept_once_for_each_page_and_roles(self) -> None:
        self.login(self.clerk)
        self.page_menu(reverse("servicedesk:intake"))
        self.page_menu(reverse("servicedesk:intake"))
        self.page_menu(reverse("servicedesk:calls"))
        kept = caches["template_fragments"]
        names = [k for k in kept._cache if "main_menu" in k]  # type: ignore[attr-defined]
        self.assertEqual(len(names), 2)


class MissedCallsInTheMenuTests(BaseTestCase):
    """Walkthrough 33: the callers to call back were reached only from the home page's card and
    the intake badge; the office finds them in the menu, a crew member does not."""

    def setUp(self) -> None:
        caches["template_fragments"].clear()

    def test_the_office_finds_the_callers_to_call_back_in_the_menu(self) -> None:
        from tests.base import make_user

        missed = reverse("servicedesk:missed_calls")
        self.login(self.clerk)
        shown = menu(self.client.get(reverse("web:home")).content.decode())
        self.assertIn(f'href="{missed}"', shown)
        opened = menu(self.client.get(missed).content.decode())
        self.assertRegex(opened, rf'href="{missed}" class="active"')
        crew = make_user("crew_only", self.station_a, Role.CREW)
        self.login(crew)
        self.assertNotIn(missed, menu(self.client.get(reverse("web:home")).content.decode()))
