"""/outages/board/ opened in the browser (a bookmark, a reload, a link) is a page around the
board, not the bare fragment htmx polls (walkthrough); the polling still gets the fragment."""

from __future__ import annotations

import time_machine
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase, make_user


class BoardPageTests(BaseTestCase):
    def setUp(self) -> None:
        outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            cause="雷击",
        )
        self.url = reverse("outages:board")

    def test_opened_directly_it_is_a_page_with_the_board_polled_in_it(self) -> None:
        self.login(self.chief)
        page = self.client.get(self.url)
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        self.assertTrue(html.lstrip().lower().startswith("<!doctype html"))
        self.assertIn('data-testid="board-page"', html)
        self.assertIn(f'hx-get="{self.url}"', html)
        self.assertIn('data-testid="board"', html)  # the rows, drawn at once
        self.assertIn("哔叭支线02号杆跌落式熔断器", html)
        self.assertIn(reverse("outages:list"), html)
        self.assertIn("HX-Request", page["Vary"])

    def test_htmx_polling_gets_the_fragment_and_its_304(self) -> None:
        self.login(self.chief)
        # The tag carries the minute (the board shows ages in minutes): both polls in one minute,
        # however slow the machine.
        with time_machine.travel(timezone.now().replace(second=5), tick=False):
            fragment = self.client.get(self.url, headers={"HX-Request": "true"})
            again = self.client.get(
                self.url, headers={"HX-Request": "true", "If-None-Match": fragment["ETag"]}
            )
        self.assertNotIn("<html", fragment.content.decode())
        self.assertIn('data-testid="board"', fragment.content.decode())
        self.assertIn("HX-Request", fragment["Vary"])
        self.assertEqual(again.status_code, 304)

    def test_the_page_is_for_the_same_roles_and_station_as_the_board(self) -> None:
        self.login(make_user("liaison", self.station_a, Role.LIAISON))
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.login(self.outsider)  # station B's chief: B's board, nothing of A's
        html = self.client.get(self.url).content.decode()
        self.assertNotIn("哔叭支线02号杆跌落式熔断器", html)
