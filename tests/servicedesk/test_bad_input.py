"""Bad input to the JSON API and the telephone webhook: a 4xx naming what is wrong, and
nothing stored (these answered 500, or stored nonsense, before)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase
from tests.servicedesk.station_said import station_said


class ApiBoundsTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(path, body, content_type="application/json", **self.auth)

    def fields_named(self, response: Any) -> set[str]:
        self.assertEqual(response.status_code, 422, response.content)
        return {str(error["loc"][-1]) for error in response.json()["detail"]}

    def test_an_unknown_status_to_move_to_is_named(self) -> None:
        order = work_order_create(
            station=self.station_a, user=None, category="fault_repair", summary="x"
        )
        response = self.post(f"/api/v1/work-orders/{order.pk}/transition", {"to": "exploded"})
        self.assertEqual(self.fields_named(response), {"to"})
        self.assertEqual(WorkOrder.objects.get().status, "received")

    def test_paging_beyond_what_the_database_counts_is_refused(self) -> None:
        for query in ("limit=18446744073709551616", "offset=18446744073709551616", "limit=501"):
            for path in ("/api/v1/calls", "/api/v1/work-orders", "/api/v1/promises"):
                response = self.client.get(f"{path}?{query}", **self.auth)
                self.assertEqual(self.fields_named(response), {query.split("=")[0]}, path)
        response = self.client.get("/api/v1/work-orders?limit=500&offset=1000", **self.auth)
        self.assertEqual(response.status_code, 200)

    def test_an_id_beyond_a_64_bit_key_is_refused(self) -> None:
        response = self.client.get("/api/v1/work-orders/18446744073709551616", **self.auth)
        self.assertEqual(self.fields_named(response), {"order_id"})

    def test_text_longer_than_its_column_is_refused_and_nothing_stored(self) -> None:
        response = self.post("/api/v1/calls", {"caller_number": "1" * 41, "text": "停电"})
        self.assertEqual(self.fields_named(response), {"caller_number"})
        response = self.post("/api/v1/work-orders", {"category": "hazard", "summary": "倒" * 201})
        self.assertEqual(self.fields_named(response), {"summary"})
        self.assertFalse(Call.objects.exists() or WorkOrder.objects.exists())

    def test_a_nul_character_is_refused(self) -> None:
        response = self.post("/api/v1/calls", {"text": "停\x00电"})
        self.assertEqual(self.fields_named(response), {"text"})
        self.assertIn("NUL", response.json()["detail"][0]["msg"])

    def test_a_promise_needs_a_time_with_its_zone_in_this_century(self) -> None:
        for due_at in ("2026-05-01T18:00:00", "9999-12-31T23:59:59-12:00"):
            response = self.post("/api/v1/promises", {"text": "明天来修", "due_at": due_at})
            self.assertEqual(self.fields_named(response), {"due_at"})

    def test_a_score_outside_one_to_five_is_refused(self) -> None:
        order = work_order_create(
            station=self.station_a, user=None, category="fault_repair", summary="x"
        )
        response = self.post(
            f"/api/v1/work-orders/{order.pk}/callbacks", {"outcome": "reached", "satisfaction": 6}
        )
        self.assertEqual(self.fields_named(response), {"satisfaction"})

    def test_a_body_that_is_not_json_is_a_bad_request_saying_where(self) -> None:
        for body, said in (
            (
                b'{"text": "x",\n not json',
                station_said(
                    "The body is not valid JSON: %(what)s at line %(line)s, column %(column)s.",
                    what=station_said("a name in double quotes is expected"),
                    line=2,
                    column=2,
                ),
            ),
            (
                b'{"text": "\xff"}',
                station_said("The body is not UTF-8 text (byte %(position)s).", position=11),
            ),
            (
                b"[" * 100_000,
                station_said("The body is not JSON of the expected shape: nested too deeply."),
            ),
        ):
            response = self.client.post(
                "/api/v1/calls", body, content_type="application/json", **self.auth
            )
            self.assertEqual(response.status_code, 400, body[:10])
            self.assertEqual(response.json()["detail"], said)
        self.assertFalse(Call.objects.exists())

    def test_every_answer_of_every_operation_is_in_the_schema(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        transition = schema["paths"]["/api/v1/work-orders/{order_id}/transition"]["post"]
        self.assertEqual(
            set(transition["responses"]), {"200", "400", "401", "403", "404", "409", "422"}
        )
        create_call = schema["paths"]["/api/v1/calls"]["post"]
        self.assertEqual(set(create_call["responses"]), {"200", "201", "400", "401", "403", "422"})


class WebhookBadInputTests(BaseTestCase):
    def setUp(self) -> None:
        _, self.key = token_create(station_id=self.station_a.pk, name="交换机")

    def send(self, body: bytes) -> Any:
        return self.client.post(
            reverse("servicedesk:cti"),
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {self.key}",
        )

    def assert_refused(self, body: bytes, says: str, **args: object) -> None:
        """Refused with ``says`` (a msgid, with its ``args``) in the station's language."""
        response = self.send(body)
        self.assertEqual(response.status_code, 400, response.content)
        self.assertEqual(response.json()["error"], station_said(says, **args))
        self.assertFalse(Call.objects.exists())

    def test_a_body_that_is_not_utf8_is_refused(self) -> None:
        self.assert_refused(
            b'{"event": "missed", "caller_number": "\xff\xfe"}',
            "The body is not UTF-8 text (byte %(position)s).",
            position=39,  # counted from 1, as lines and columns are
        )

    def test_deeply_nested_brackets_are_refused(self) -> None:
        self.assert_refused(
            b"[" * 100_000 + b"]" * 100_000,
            "The body is not JSON of the expected shape: nested too deeply.",
        )

    def test_a_body_that_is_not_json_says_where(self) -> None:
        self.assert_refused(
            b'{"event": "missed",\n "call_id": c1}',
            "The body is not valid JSON: %(what)s at line %(line)s, column %(column)s.",
            what=station_said("a value is missing"),
            line=2,
            column=13,
        )

    def test_a_number_that_is_not_text_is_refused(self) -> None:
        self.assert_refused(
            b'{"event": "ringing", "call_id": "c1", "caller_number": {"a": 1}}',
            "%(field)s must be a string.",
            field="caller_number",
        )

    def test_a_number_longer_than_its_column_is_refused(self) -> None:
        body = f'{{"event": "ringing", "call_id": "c1", "caller_number": "{"1" * 10_000}"}}'
        self.assert_refused(
            body.encode(),
            "%(field)s must be at most %(count)d characters.",
            field="caller_number",
            count=40,
        )

    def test_a_call_id_longer_than_its_column_is_refused(self) -> None:
        body = f'{{"event": "answered", "call_id": "{"c" * 65}", "caller_number": "1234567"}}'
        self.assert_refused(
            body.encode(),
            "%(field)s must be at most %(count)d characters.",
            field="call_id",
            count=64,
        )

    def test_a_number_of_more_digits_than_can_be_read_is_refused(self) -> None:
        body = f'{{"event": "missed", "call_id": {"9" * 5000}}}'
        self.assert_refused(body.encode(), "The body is not JSON that can be read.")

    def test_a_numeric_call_id_is_taken_as_text(self) -> None:
        response = self.send(b'{"event": "missed", "call_id": 4711, "caller_number": "1234567"}')
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Call.objects.get().cti_call_id, "4711")
