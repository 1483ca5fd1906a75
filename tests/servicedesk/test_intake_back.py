"""Back to the intake page after saving, and Save again: the browser fetches the page anew (a
fresh token) and restores what was typed in its text fields. The token is one of them, so the
note comes back with the token it was saved with and the second Save shows the first call's
order instead of opening another; the caller's number comes back too (walkthrough: a second
order with no number)."""

from __future__ import annotations

import re

from django.urls import reverse

from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase

NUMBER = "0878-1234567"


def _input(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert found is not None, name
    return found[0]


class IntakeBackTests(BaseTestCase):
    def test_the_token_and_the_number_are_fields_a_browser_restores_on_back(self) -> None:
        self.login(self.clerk)
        html = self.client.get(reverse("servicedesk:intake")).content.decode()
        token = _input(html, "form_token")
        # A browser restores a text input's value on Back, never a hidden input's, and
        # nothing marked autocomplete="off".
        self.assertIn('type="text"', token)
        self.assertRegex(token, r"\shidden[\s>]")  # out of sight all the same
        self.assertNotIn("autocomplete", token)
        self.assertNotIn('autocomplete="off"', _input(html, "caller_number"))
        form = re.search(r'<form method="post" id="intake-form"[^>]*>', html)
        assert form is not None
        self.assertNotIn("autocomplete", form[0])

    def test_saving_again_what_the_browser_restored_shows_the_first_order(self) -> None:
        self.login(self.clerk)
        url = reverse("servicedesk:intake")
        first_page = self.client.get(url).content.decode()
        token = re.search(r'name="form_token" value="([^"]+)"', first_page)
        assert token is not None
        typed = {
            "form_token": token[1],
            "caller_number": NUMBER,
            "text": "家里停电了",
            "category": "fault_repair",
        }
        saved = self.client.post(url, typed)
        order = WorkOrder.objects.get()
        self.assertRedirects(saved, order.get_absolute_url(), fetch_redirect_response=False)
        # Back: the page comes again with a new token; the browser puts back what was typed,
        # the token among it.
        again_page = self.client.get(url).content.decode()
        self.assertNotIn(token[1], again_page)
        again = self.client.post(url, typed)
        self.assertRedirects(again, order.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual((WorkOrder.objects.count(), Call.objects.count()), (1, 1))
        self.assertEqual(re.sub(r"\D", "", Call.objects.get().caller_number), "08781234567")
