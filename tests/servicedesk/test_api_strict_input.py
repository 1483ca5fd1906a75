"""The API refuses what it would not take rather than drop it without a word: a field its
schema does not have (an integration sending "urgent" believed it marked the call urgent), an
order about nothing, a call's note longer than the intake page takes; nothing is stored."""

from __future__ import annotations

from typing import Any

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.forms import INTAKE_TEXT_MAX
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase


class StrictInputTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def post(self, url: str, body: dict[str, Any]) -> Any:
        return self.client.post(url, body, content_type="application/json", **self.auth)

    def test_a_field_the_schema_does_not_have_is_refused_naming_it(self) -> None:
        answer = self.post("/api/v1/calls", {"text": "没电了", "urgent": True})
        self.assertEqual(answer.status_code, 422, answer.content)
        self.assertIn("urgent", str(answer.json()))
        owner = self.post("/api/v1/work-orders", {"category": "business", "summary": "x", "who": 1})
        self.assertEqual(owner.status_code, 422)
        self.assertFalse(Call.objects.exists())
        self.assertFalse(WorkOrder.objects.exists())

    def test_an_order_about_nothing_is_refused_at_its_summary(self) -> None:
        for summary in ("", "   "):
            with self.subTest(repr(summary)):
                answer = self.post(
                    "/api/v1/work-orders", {"category": "business", "summary": summary}
                )
                self.assertEqual(answer.status_code, 400, answer.content)
                self.assertEqual(answer.json()["field"], "summary")
        self.assertFalse(WorkOrder.objects.exists())

    def test_a_call_s_note_is_bounded_as_the_intake_page_bounds_it(self) -> None:
        longest = self.post("/api/v1/calls", {"text": "电" * INTAKE_TEXT_MAX, "open_order": False})
        self.assertEqual(longest.status_code, 201, longest.content)
        longer = self.post(
            "/api/v1/calls", {"text": "电" * (INTAKE_TEXT_MAX + 1), "open_order": False}
        )
        self.assertEqual(longer.status_code, 422)
        self.assertEqual(Call.objects.count(), 1)

    def test_ids_flags_and_times_are_taken_as_written_not_guessed(self) -> None:
        wrong = {
            "a flag written as a word": ("/api/v1/calls", {"text": "x", "open_order": "yes"}),
            "an id written true": (
                "/api/v1/work-orders",
                {"category": "business", "summary": "x", "call_id": True},
            ),
            "an id written as text": ("/api/v1/calls", {"text": "x", "join_order_id": "5"}),
            "a time in seconds": (
                "/api/v1/promises",
                {"text": "p", "due_at": 1800000000, "customer_account": "x"},
            ),
            "an offset no place uses": (
                "/api/v1/promises",
                {"text": "p", "due_at": "2026-12-06T18:00:00+23:59", "customer_account": "x"},
            ),
        }
        for what, (url, body) in wrong.items():
            with self.subTest(what):
                answer = self.post(url, body)
                self.assertEqual(answer.status_code, 422, answer.content)
        self.assertFalse(Call.objects.exists())
        self.assertFalse(WorkOrder.objects.exists())

    def test_a_promise_refused_says_its_field(self) -> None:
        order = self.post("/api/v1/work-orders", {"category": "business", "summary": "过户"})
        self.assertEqual(order.status_code, 201, order.content)
        base = {"work_order_id": order.json()["id"], "due_at": "2100-01-01T00:00:00+08:00"}
        wrong = {
            "text": {**base, "text": "   ", "due_at": "2099-01-01T00:00:00+08:00"},
            "due_at": {**base, "text": "明天来", "due_at": "2001-01-01T00:00:00+08:00"},
        }
        for field, body in wrong.items():
            with self.subTest(field):
                answer = self.post("/api/v1/promises", body)
                self.assertEqual(answer.status_code, 422, answer.content)
                self.assertEqual(answer.json()["field"], field)
                self.assertTrue(answer.json()["detail"])
