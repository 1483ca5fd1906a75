"""The API's refusals name the field they are about (probe 36, finding 9), and a promise is
settled from the JSON body, never from the address (finding 10)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.cache import cache

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.calls import call_log
from powerdesk.servicedesk.models import Promise
from powerdesk.servicedesk.promises import promise_make
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase

NOW = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)
JSON = "application/json"


class ApiCase(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.enterContext(time_machine.travel(NOW, tick=False))
        _token, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        self.order = work_order_create(
            station=self.station_a, user=None, category="business", summary="过户"
        )

    def post(self, url: str, body: object = None, **extra: object) -> object:
        if body is None:  # as curl -X POST sends it: no body, no content type
            return self.client.generic("POST", url, b"", **self.auth, **extra)
        return self.client.post(url, body, content_type=JSON, **self.auth, **extra)

    def assertRefusedAt(self, response: object, status: int, field: str) -> None:
        self.assertEqual(response.status_code, status, response.content)  # type: ignore[attr-defined]
        said = response.json()  # type: ignore[attr-defined]
        self.assertEqual(said["field"], field, said)
        self.assertIsInstance(said["detail"], str)
        self.assertTrue(said["detail"])


class SettleFromTheBodyTests(ApiCase):
    def setUp(self) -> None:
        super().setUp()
        self.promise = promise_make(
            station=self.station_a,
            user=None,
            text="明早10点前上门办理",
            due_at=NOW + dt.timedelta(hours=1),
            work_order=self.order,
        )
        self.url = f"/api/v1/promises/{self.promise.pk}/settle"

    def state(self) -> str:
        self.promise.refresh_from_db()
        return self.promise.state

    def test_kept_and_reason_in_the_address_are_refused_naming_them(self) -> None:
        with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):
            self.assertRefusedAt(self.post(f"{self.url}?kept=false&reason=路断"), 422, "kept")
            self.assertRefusedAt(
                self.post(f"{self.url}?reason=路断", {"kept": False}), 422, "reason"
            )
            self.assertRefusedAt(self.post(f"{self.url}?kept=true", {"kept": True}), 422, "kept")
            self.assertEqual(self.state(), Promise.State.OPEN)
            # Without a body at all: said at kept.
            self.assertRefusedAt(self.post(self.url), 422, "kept")
            self.assertEqual(self.state(), Promise.State.OPEN)
            answer = self.post(self.url, {"kept": False, "reason": "路被冲断，到不了"})
            self.assertEqual(answer.status_code, 200, answer.content)
            self.assertEqual(self.state(), Promise.State.BROKEN)
            self.assertEqual(self.promise.settled_note, "路被冲断，到不了")

    def test_the_body_is_checked_as_every_other_body(self) -> None:
        for body in ({"kept": "true"}, {"kept": True, "urgent": True}, {"reason": "x"}):
            with self.subTest(body=body):
                answer = self.post(self.url, body)
                self.assertEqual(answer.status_code, 422, answer.content)
                self.assertIsInstance(answer.json()["detail"], list)
        self.assertEqual(self.post(self.url, {"kept": True, "reason": "长" * 201}).status_code, 422)
        self.assertEqual(self.state(), Promise.State.OPEN)
        self.assertEqual(self.post(self.url, {"kept": True}).status_code, 200)
        self.assertEqual(self.state(), Promise.State.KEPT)

    def test_the_services_refusals_name_kept_or_reason(self) -> None:
        # Not kept before its time: it can still be kept.
        self.assertRefusedAt(self.post(self.url, {"kept": False, "reason": "x"}), 422, "kept")
        with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):
            # Past its time: not kept only with why; kept no more.
            self.assertRefusedAt(self.post(self.url, {"kept": False}), 422, "reason")
            self.assertRefusedAt(self.post(self.url, {"kept": True}), 422, "kept")
        self.assertEqual(self.state(), Promise.State.OPEN)

    def test_the_schema_says_the_body_and_no_query_parameters(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        operation = schema["paths"]["/api/v1/promises/{promise_id}/settle"]["post"]
        names = {p["name"] for p in operation.get("parameters", [])}
        self.assertFalse(names & {"kept", "reason"}, names)
        body = operation["requestBody"]
        self.assertTrue(body["required"])
        self.assertIn("SettleIn", str(body["content"]["application/json"]["schema"]))
        settle_in = schema["components"]["schemas"]["SettleIn"]
        self.assertEqual(settle_in["required"], ["kept"])
        self.assertIn("FieldErrorOut", str(operation["responses"]["422"]))


class FieldNamedTests(ApiCase):
    def test_a_work_order_s_refusals_name_their_field(self) -> None:
        other = call_log(station=self.station_b, user=None, caller_number="0878-7654321")
        self.assertRefusedAt(
            self.post(
                "/api/v1/work-orders", {"category": "business", "summary": "x", "call_id": other.pk}
            ),
            404,
            "call_id",
        )
        self.assertRefusedAt(
            self.post(
                "/api/v1/work-orders",
                {"category": "business", "summary": "x", "customer_account": "00000000"},
            ),
            422,
            "customer_account",
        )
        call = call_log(station=self.station_a, user=None, caller_number="0878-1234567")
        first = self.post(
            "/api/v1/work-orders", {"category": "business", "summary": "x", "call_id": call.pk}
        )
        self.assertEqual(first.status_code, 201)
        self.assertRefusedAt(
            self.post(
                "/api/v1/work-orders", {"category": "business", "summary": "y", "call_id": call.pk}
            ),
            422,
            "call_id",
        )

    def test_a_call_s_order_to_join_is_named_when_refused(self) -> None:
        for body in (
            {"text": "停电", "join_order_id": 999999},
            {"text": "停电", "join_order_id": self.order.pk, "open_order": True},
        ):
            with self.subTest(body=body):
                self.assertRefusedAt(self.post("/api/v1/calls", body), 422, "join_order_id")

    def test_a_device_and_a_crew_that_are_not_the_station_s_are_named(self) -> None:
        self.assertRefusedAt(
            self.post(
                f"/api/v1/work-orders/{self.order.pk}/transition",
                {"to": "resolved", "device": "NOPE-1"},
            ),
            422,
            "device",
        )
        self.assertRefusedAt(
            self.post(f"/api/v1/work-orders/{self.order.pk}/dispatch", {"crew": "抢修九班"}),
            422,
            "crew",
        )

    def test_a_promise_s_own_refusals_still_name_theirs(self) -> None:
        self.assertRefusedAt(
            self.post(
                "/api/v1/promises",
                {
                    "text": "p",
                    "due_at": "2001-01-01T00:00:00+08:00",
                    "work_order_id": self.order.pk,
                },
            ),
            422,
            "due_at",
        )

    def test_the_schema_documents_the_field_of_a_write_s_422(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        for path in ("/api/v1/work-orders", "/api/v1/calls", "/api/v1/promises"):
            with self.subTest(path=path):
                answer = schema["paths"][path]["post"]["responses"]["422"]
                self.assertIn("FieldErrorOut", str(answer))
        self.assertIn("field", schema["components"]["schemas"]["FieldErrorOut"]["properties"])
        not_found = schema["paths"]["/api/v1/work-orders"]["post"]["responses"]["404"]
        self.assertIn("FieldErrorOut", str(not_found))
