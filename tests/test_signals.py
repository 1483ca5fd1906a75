"""Signals in: the rules of the signals API and of rejecting a signal, tenancy."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import Signal
from tests.base import BaseTestCase
from tests.servicedesk.test_api_language import station_said

ACCOUNT = "53250000001"


class SignalsApiTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="head-end")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        _, key_b = token_create(station_id=self.station_b.pk, name="B")
        self.auth_b = {"HTTP_AUTHORIZATION": f"Token {key_b}"}
        self.now = timezone.now()

    def post(self, body: Any, auth: dict[str, str] | None = None) -> Any:
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return self.client.post(
            "/api/v1/signals", data, content_type="application/json", **(auth or self.auth)
        )

    def at(self, minutes: float = 0) -> str:
        return (self.now + dt.timedelta(minutes=minutes)).isoformat()

    def test_one_event_or_many_are_stored_and_counted(self) -> None:
        response = self.post({"type": "ami_off", "customer": ACCOUNT, "t": self.at(-5)})
        self.assertEqual(response.status_code, 202)
        self.assertEqual(response.json(), {"accepted": 1, "duplicates": 0, "rejected": []})
        response = self.post(
            [
                {"type": "call", "customer": ACCOUNT, "t": self.at(-4)},
                {"type": "scada_open", "device": "ZM-CB", "t": self.now.timestamp() - 60},
                {"type": "confirm_open", "device": "ZM-B01-F", "t": "2026-01-01T08:00:00Z"},
            ]
        )
        self.assertEqual(response.json()["accepted"], 3)
        signal = Signal.objects.get(type="scada_open")
        self.assertEqual((signal.device, signal.source), (self.breaker, "api"))
        self.assertAlmostEqual(signal.event_at.timestamp(), self.now.timestamp() - 60, places=5)
        self.assertEqual(Signal.objects.get(type="call").customer, self.customer)

    def test_each_invalid_event_is_named_with_its_reason_and_the_rest_kept(self) -> None:
        events = [
            {"type": "call", "customer": "99999999999", "t": self.at()},
            {"type": "scada_open", "device": "NO-SUCH", "t": self.at()},
            {"type": "lightning", "customer": ACCOUNT, "t": self.at()},
            {"type": "call", "customer": ACCOUNT, "t": "2026-06-01T12:00:00"},
            {"type": "call", "customer": ACCOUNT, "t": self.at(25 * 60)},
            {"type": "call", "device": "ZM-B01-F", "t": self.at()},
            {"type": "call", "customer": ACCOUNT, "t": 120.0},
            "not an object",
            {"type": "call_on", "customer": ACCOUNT, "t": self.at()},
        ]
        body = self.post(events).json()
        self.assertEqual((body["accepted"], body["duplicates"]), (1, 0))
        errors = {r["index"]: r["error"] for r in body["rejected"]}
        self.assertEqual(sorted(errors), [0, 1, 2, 3, 4, 5, 6, 7])
        # Said in the station's language whatever the client's (``lib.language``).
        self.assertEqual(
            errors,
            {
                0: station_said(
                    "No customer on the grid has the account number “%(code)s”.",
                    code="99999999999",
                ),
                1: station_said(
                    "No grid device (nor customer) has the code “%(code)s”.", code="NO-SUCH"
                ),
                2: station_said("Unknown event type “%(type)s”.", type="lightning"),
                3: station_said("“t” has no time zone: “%(value)s”.", value="2026-06-01T12:00:00"),
                4: station_said("“t” is more than a day in the future."),
                5: station_said(
                    "A %(type)s event needs “customer”: an account number.", type="call"
                ),
                6: station_said("“t” is before the year 2000 (epoch seconds, not relative ones)."),
                7: station_said("An event must be a JSON object."),
            },
        )
        self.assertEqual(list(Signal.objects.values_list("type", flat=True)), ["call_on"])

    def test_a_retry_with_the_same_ids_stores_nothing(self) -> None:
        events = [
            {"type": "ami_off", "customer": ACCOUNT, "t": self.at(-3), "id": "he-1"},
            {"type": "ami_on", "customer": ACCOUNT, "t": self.at(-2), "id": "he-2"},
            {"type": "ami_on", "customer": ACCOUNT, "t": self.at(-2), "id": "he-2"},
        ]
        self.assertEqual(self.post(events).json(), {"accepted": 2, "duplicates": 1, "rejected": []})
        self.assertEqual(self.post(events).json(), {"accepted": 0, "duplicates": 3, "rejected": []})
        self.assertEqual(Signal.objects.count(), 2)

    def test_bad_json_or_too_many_events_is_a_400_and_stores_nothing(self) -> None:
        for body in ('[{"type": "call", ', "42", b"\xff\xfe"):
            response = self.post(body)
            self.assertEqual(response.status_code, 400, body)
            self.assertIn("detail", response.json())
        event = {"type": "call", "customer": ACCOUNT, "t": self.at()}
        response = self.post([event] * 10_001)
        self.assertEqual(response.status_code, 400)
        self.assertIn("10000", response.json()["detail"])
        self.assertFalse(Signal.objects.exists())
        self.assertEqual(self.post([event] * 10_000).json()["accepted"], 10_000)

    def test_a_refusal_is_said_in_the_station_language_whatever_the_client_asks(self) -> None:
        for language in ("en", "zh-hans"):
            response = self.client.post(
                "/api/v1/signals",
                json.dumps({"type": "lightning", "customer": ACCOUNT, "t": self.at()}),
                content_type="application/json",
                HTTP_ACCEPT_LANGUAGE=language,
                **self.auth,
            )
            self.assertEqual(
                response.json()["rejected"][0]["error"],
                station_said("Unknown event type “%(type)s”.", type="lightning"),
            )

    def test_a_token_of_station_b_can_neither_post_to_nor_read_station_a(self) -> None:
        response = self.post({"type": "call", "customer": ACCOUNT, "t": self.at()}, self.auth_b)
        self.assertEqual(response.status_code, 202)
        self.assertEqual(response.json()["accepted"], 0)
        self.assertEqual(
            response.json()["rejected"][0]["error"],
            station_said(
                "No customer on the grid has the account number “%(code)s”.", code=ACCOUNT
            ),
        )
        self.post({"type": "confirm_open", "device": "ZM-B01-F", "t": self.at()})
        call_command("outage_service", "--once", stderr=io.StringIO())
        mine = self.client.get("/api/v1/outages/picture", **self.auth).json()
        self.assertEqual(mine["outages"][0]["device"], "ZM-B01-F")
        theirs = self.client.get("/api/v1/outages/picture", **self.auth_b).json()
        self.assertEqual(theirs, {"t": None, "outages": [], "customers_out": 0})
        self.assertEqual(self.client.get("/api/v1/outages/picture").status_code, 401)
        self.assertEqual(
            self.client.post("/api/v1/signals", "[]", "application/json").status_code, 401
        )


class RejectSignalTests(BaseTestCase):
    """Another system (an ADMS) says the engine's outage at a device is not one: the
    contract's ``reject``, named by device like the picture names it."""

    setUp = SignalsApiTests.setUp
    post = SignalsApiTests.post
    at = SignalsApiTests.at

    def picture(self, auth: dict[str, str] | None = None) -> list[str]:
        # Each run gives up the station's lease when done, so the next one takes it at once.
        call_command("outage_service", "--once", stderr=io.StringIO())
        body = self.client.get("/api/v1/outages/picture", **(auth or self.auth)).json()
        return [o["device"] for o in body["outages"]]

    def test_a_reject_of_a_device_is_stored_and_the_engine_lets_the_outage_go(self) -> None:
        self.post({"type": "confirm_open", "device": "ZM-B01-F", "t": self.at(-10)})
        self.assertEqual(self.picture(), ["ZM-B01-F"])
        response = self.post({"type": "reject", "device": "ZM-B01-F", "t": self.at(-5), "id": "r1"})
        self.assertEqual(response.json(), {"accepted": 1, "duplicates": 0, "rejected": []})
        signal = Signal.objects.get(type="reject")
        self.assertEqual((signal.device, signal.customer, signal.source), (self.fuse, None, "api"))
        self.assertEqual(self.picture(), [])
        # Sent again with its id: stored once.
        again = self.post({"type": "reject", "device": "ZM-B01-F", "t": self.at(-5), "id": "r1"})
        self.assertEqual(again.json()["duplicates"], 1)

    def test_a_reject_is_checked_like_the_other_device_events(self) -> None:
        body = self.post(
            [
                {"type": "reject", "customer": ACCOUNT, "t": self.at()},
                {"type": "reject", "device": "NO-SUCH", "t": self.at()},
                {"type": "reject", "device": "ZM-B01-F", "t": "2026-06-01T12:00:00"},
                {"type": "reject", "device": "ZM-B01-F", "t": self.at(25 * 60)},
                {"type": "reject", "device": "", "t": self.at()},
            ]
        ).json()
        self.assertEqual(body["accepted"], 0)
        errors = {r["index"]: r["error"] for r in body["rejected"]}
        needs = station_said("A %(type)s event needs “device”: a device code.", type="reject")
        self.assertEqual(errors[0], needs)
        self.assertIn("“NO-SUCH”", errors[1])
        self.assertEqual(
            errors[2],
            station_said("“t” has no time zone: “%(value)s”.", value="2026-06-01T12:00:00"),
        )
        self.assertEqual(errors[3], station_said("“t” is more than a day in the future."))
        self.assertEqual(errors[4], needs)
        self.assertFalse(Signal.objects.filter(type="reject").exists())

    def test_a_token_of_station_b_cannot_reject_station_as_outage(self) -> None:
        self.post({"type": "confirm_open", "device": "ZM-B01-F", "t": self.at(-10)})
        response = self.post({"type": "reject", "device": "ZM-B01-F", "t": self.at()}, self.auth_b)
        self.assertEqual(response.status_code, 202)
        self.assertEqual(response.json()["accepted"], 0)
        self.assertEqual(
            response.json()["rejected"][0]["error"],
            station_said("No grid device (nor customer) has the code “%(code)s”.", code="ZM-B01-F"),
        )
        self.assertFalse(Signal.objects.filter(type="reject").exists())
        self.assertEqual(self.picture(), ["ZM-B01-F"])

    def test_the_schema_offers_reject(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        body = schema["paths"]["/api/v1/signals"]["post"]["requestBody"]["content"]
        event = body["application/json"]["schema"]["oneOf"][0]
        self.assertIn("reject", event["properties"]["type"]["enum"])
