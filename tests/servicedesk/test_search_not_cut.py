"""A search box carries no ``maxlength`` and its view no shorter cut: what was typed is searched
and shown whole (up to what the session keeps of a search), never a prefix of it."""

from __future__ import annotations

from django.urls import reverse

from tests.base import BaseTestCase


class SearchNotCutTests(BaseTestCase):
    def test_the_call_and_delivery_searches_are_whole(self) -> None:
        self.login(self.chief)
        typed = "普光荣" + "家" * 70
        for name, field in (("servicedesk:calls", "q"), ("notifications:deliveries", "address")):
            with self.subTest(name):
                url = reverse(name)
                response = self.client.post(url, {field: typed}, follow=True)
                html = response.content.decode()
                self.assertIn(f'name="{field}" value="{typed}"', html)
                self.assertNotIn('maxlength="', html)
