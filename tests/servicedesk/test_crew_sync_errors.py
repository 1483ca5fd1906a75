"""What a refused batch of the crew's phone, or a refused event of ``/api/v1/signals``, is told:
the part that is wrong, in the page's language, never Python's own words (probe 36, F13 and
F13b)."""

from __future__ import annotations

import json

from django.utils import translation

from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import Signal
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews
from tests.servicedesk.test_api_language import station_said

URL = "/desk/crew/sync/"
ITEMS = "“items” must be a list of the steps to send."
SENT_AT = "“sent_at” must be a date and time with its zone."
DEEP = "The body is nested too deeply to be a batch of steps."


class CrewSyncErrorTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.login(self.member)

    def error(self, body: object) -> str:
        data = body if isinstance(body, str) else json.dumps(body)
        response = self.client.post(URL, data, content_type="application/json")
        self.assertEqual(response.status_code, 400)
        return str(response.json()["error"])

    def test_a_wrong_sent_at_is_named_as_such(self) -> None:
        self.assertEqual(self.error({"items": [{}], "sent_at": {"x": 1}}), zh(SENT_AT))
        # Both wrong: both named, not the items alone.
        self.assertEqual(
            self.error({"items": [], "sent_at": {"x": 1}}), f"{zh(ITEMS)} {zh(SENT_AT)}"
        )
        self.assertEqual(self.error({"items": []}), zh(ITEMS))

    def test_a_body_nested_too_deeply_is_said_in_the_page_s_words(self) -> None:
        self.assertEqual(self.error("[" * 100_000 + "]" * 100_000), zh(DEEP))
        self.assertEqual(self.error('{"items": ' + "[" * 100_000 + "]" * 100_000 + "}"), zh(DEEP))


class SignalTargetErrorTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="head-end")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def rejected(self, event: object) -> str:
        with translation.override("en"):
            response = self.client.post(
                "/api/v1/signals", json.dumps(event), content_type="application/json", **self.auth
            )
        self.assertEqual(response.status_code, 202, response.content)
        [rejected] = response.json()["rejected"]
        return str(rejected["error"])

    def test_a_target_too_long_or_with_a_nul_is_said_so(self) -> None:
        t = "2026-12-05T00:00:00+00:00"
        self.assertEqual(
            self.rejected({"type": "call", "t": t, "customer": "1" * 10_000}),
            station_said(
                "“customer” is %(length)s characters long: an account number has at most %(max)s.",
                length="10,000",
                max=60,
            ),
        )
        self.assertEqual(
            self.rejected({"type": "scada_open", "t": t, "device": "ZM-B01\x00F"}),
            station_said("“device” holds a NUL character, which a device code never has."),
        )
        self.assertEqual(
            self.rejected({"type": "call", "t": t}),
            station_said("A %(type)s event needs “customer”: an account number.", type="call"),
        )
        self.assertFalse(Signal.objects.exists())

    def test_a_body_nested_too_deeply_is_said_so(self) -> None:
        response = self.client.post(
            "/api/v1/signals",
            "[" * 100_000 + "]" * 100_000,
            content_type="application/json",
            **self.auth,
        )
        self.assertEqual(response.status_code, 400)
        # In the station's language, whatever the client asks.
        self.assertIn(
            zh("The body is not JSON of the expected shape: nested too deeply."),
            response.json()["detail"],
        )
