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


class PingRefusalsAtTheirFieldsTests(BaseTestCase):
    """Every refusal of the ping form at its field, all of them in one answer, what was typed
    kept (review 33: the address's scheme and the meters a round were said at the top)."""

    def post(self, **fields: str):  # type: ignore[no-untyped-def]
        self.login(self.chief)
        data = {"ping_form": "1", "ping_url": "https://he.example/ping", "ping_most": "10"}
        return self.client.post("/notifications/settings/", {**data, **fields})

    def test_an_address_not_https_is_said_at_the_address(self) -> None:
        response = self.post(ping_url="ftp://he.example/ping")
        self.assertEqual(response.status_code, 400)
        self.assertIn("https://", field_errors(response.content.decode(), "ping_url"))
        self.assertNotContains(response, 'data-testid="ping-error"', status_code=400)
        self.assertContains(response, 'value="ftp://he.example/ping"', status_code=400)

    def test_an_address_with_a_password_is_said_at_the_address(self) -> None:
        response = self.post(ping_url="https://me:pw@he.example/ping")
        said = field_errors(response.content.decode(), "ping_url")
        self.assertIn("密码", said)
        self.assertNotContains(response, 'data-testid="ping-error"', status_code=400)

    def test_every_problem_is_said_at_once_each_at_its_field(self) -> None:
        response = self.post(
            ping_url="http://he.example/ping", ping_secret="s" * 1500, ping_most="99"
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn("https://", field_errors(html, "ping_url"))
        self.assertIn(str(PING_SECRET_MAX), field_errors(html, "ping_secret"))
        self.assertIn("50", field_errors(html, "ping_most"))
        self.assertNotContains(response, 'data-testid="ping-error"', status_code=400)
        self.assertContains(response, 'value="99"', status_code=400)  # kept as typed
        self.assertFalse(PingSettings.objects.exists())
