"""The bad-web-input tests' chief at station A, the errors a page shows, and the list pages
that must all still answer after bad input."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.base import BaseTestCase

LIST_PAGES = [
    "arrears:cases",
    "outages:list",
    "servicedesk:promises",
    "servicedesk:hard_problems",
    "servicedesk:feedback",
    "outreach:calendar",
    "training:plan",
    "community:villages",
]


class BadWebInputCase(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.chief)

    def errors(self, response: Any) -> str:
        """The error messages the page shows, after following any redirect."""
        self.assertLess(response.status_code, 500)
        return " ".join(str(m) for m in response.context["messages"] if m.level_tag == "error")

    def assert_pages_answer(self) -> None:
        for name in LIST_PAGES:
            self.assertEqual(self.client.get(reverse(name)).status_code, 200, name)
