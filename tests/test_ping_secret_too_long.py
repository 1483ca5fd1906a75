"""The meter ping's secret and address, too long, are refused whole at their fields with the
limit and the length typed (review 32, finding 20: the page cut them at 1,000 characters
without a word, and the refusal was at the top of the section)."""

from __future__ import annotations

from powerdesk.outages.models import PingSettings
from powerdesk.outages.models.pings import PING_SECRET_MAX, PING_URL_MAX
from tests.base import BaseTestCase
from tests.test_outage_form_errors import field_errors


class PingSecretTooLongTests(BaseTestCase):
    def post(self, **fields: str):  # type: ignore[no-untyped-def]
        self.login(self.chief)
        data = {"ping_form": "1", "ping_url": "https://he.example/ping", "ping_most": "10"}
        return self.client.post("/notifications/settings/", {**data, **fields})

    def test_a_secret_too_long_is_refused_at_it_with_its_limit(self) -> None:
        response = self.post(ping_secret="s" * 1500)
        self.assertEqual(response.status_code, 400)
        said = field_errors(response.content.decode(), "ping_secret")
        self.assertIn(str(PING_SECRET_MAX), said)
        self.assertIn("1500", said)  # what was typed, not what the page kept of it
        self.assertNotContains(response, 'data-testid="ping-error"', status_code=400)
        self.assertNotContains(response, "s" * 101, status_code=400)  # never sent back
        self.assertFalse(PingSettings.objects.exists())

    def test_an_address_too_long_is_refused_at_it_and_kept(self) -> None:
        url = "https://he.example/" + "p" * 1200
        response = self.post(ping_url=url)
        self.assertEqual(response.status_code, 400)
        said = field_errors(response.content.decode(), "ping_url")
        self.assertIn(str(PING_URL_MAX), said)
        self.assertIn(str(len(url)), said)
        self.assertContains(response, f'value="{url}"', status_code=400)
        self.assertFalse(PingSettings.objects.exists())

    def test_a_secret_within_the_limit_is_saved(self) -> None:
        self.assertEqual(self.post(ping_secret="s" * PING_SECRET_MAX).status_code, 302)
        self.assertEqual(PingSettings.objects.get().secret, "s" * PING_SECRET_MAX)
