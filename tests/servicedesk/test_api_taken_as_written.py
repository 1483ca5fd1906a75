"""probe73's findings on the JSON API: a time sent as a JSON string of digits is no time (M1,
every time the API takes: promises, arrears notices and visits, a hard problem's days); a key
written twice is refused, naming it, on every way in (M2); pydantic's refusals said in the
station's words, never its English (L4); a browser session without its CSRF token is told so
(L6); the signals refuse a field they do not have and say a NUL as a NUL (L11)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import time_machine
from django.test import Client
from django.utils import timezone

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import Promise, WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.arrears.api_cast import START, URL, ArrearsApiCase
from tests.base import BaseTestCase
from tests.servicedesk.test_api_language import station_said


def soon() -> str:
    """A time a promise may be due at: two days ahead, written with its zone."""
    return (timezone.now() + dt.timedelta(days=2)).isoformat(timespec="minutes")


class ApiCase(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        self.order = work_order_create(
            station=self.station_a, user=None, category="business", summary="过户"
        )

    def post(self, path: str, body: Any) -> Any:
        raw = body if isinstance(body, str) else json.dumps(body)
        return self.client.post(path, raw, content_type="application/json", **self.auth)

    def refused(self, answer: Any, field: str) -> str:
        self.assertEqual(answer.status_code, 422, answer.content)
        said = {e["field"]: e for e in answer.json()["detail"]}
        self.assertIn(field, said)
        return str(said[field]["msg"])


class TimesTakenAsWrittenTests(ApiCase):
    def test_a_time_in_seconds_written_as_a_string_is_refused_at_its_field(self) -> None:
        for due_at in ("1800000000", "20260101", " 1800000000 ", "1.8e9"):
            with self.subTest(due_at):
                answer = self.post(
                    "/api/v1/promises",
                    {"work_order_id": self.order.pk, "text": "p", "due_at": due_at},
                )
                msg = self.refused(answer, "due_at")
                self.assertNotIn("Input should", msg)
        self.assertFalse(Promise.objects.exists())

    def test_pydantic_s_english_is_never_the_answer(self) -> None:
        wrong = {
            "an impossible date": "2026-02-30T10:00:00+08:00",
            "an offset past a day": "2026-12-30T10:00:00+25:00",
            "an hour past 23": "2026-12-30T25:00:00+08:00",
            "full-width digits": "２０２６-12-30T10:00:00+08:00",
        }
        for what, due_at in wrong.items():
            with self.subTest(what):
                answer = self.post(
                    "/api/v1/promises",
                    {"work_order_id": self.order.pk, "text": "p", "due_at": due_at},
                )
                msg = self.refused(answer, "due_at")
                self.assertNotIn("Input should", msg)
                self.assertNotIn("value is outside", msg)
        offset = self.post(
            "/api/v1/promises",
            {"work_order_id": self.order.pk, "text": "p", "due_at": "2099-12-30T10:00+25:00"},
        )
        self.assertEqual(
            self.refused(offset, "due_at"),
            station_said("Must have a time zone offset within ±14:00."),
        )
        surrogate = self.post(
            "/api/v1/work-orders", '{"category": "business", "summary": "\\ud800x"}'
        )
        self.assertNotIn("Input should", self.refused(surrogate, "summary"))
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertFalse(Promise.objects.exists())

    def test_a_good_time_is_still_taken(self) -> None:
        answer = self.post(
            "/api/v1/promises",
            {"work_order_id": self.order.pk, "text": "p", "due_at": soon()},
        )
        self.assertEqual(answer.status_code, 201, answer.content)


class ArrearsTimesTests(ArrearsApiCase):
    def test_a_notice_delivered_in_seconds_or_amounts_of_odd_digits_are_refused(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.open_case()
            self.login(self.clerk)
            for at in ("1772000000", "2026-02-30T10:00:00+08:00"):
                answer = self.post(
                    f"{URL}/{case.pk}/notice", {"method": "door", "delivered_at": at}
                )
                self.assertEqual(answer.status_code, 422, answer.content)
                msg = answer.json()["detail"][0]["msg"]
                self.assertEqual(answer.json()["detail"][0]["field"], "delivered_at")
                self.assertNotIn("Input should", msg)
            case.refresh_from_db()
            self.assertIsNone(case.notice_delivered_at)
            huge = self.post(f"{URL}/{case.pk}/amount", {"amount": "1e308"})
            self.assertEqual(huge.status_code, 422, huge.content)
            self.assertNotIn("Decimal input", str(huge.json()))
            for amount, said in (
                ("123456.789", "At most %(count)s digits after the decimal point."),
                ("0.001", "At most %(count)s digits after the decimal point."),
                ("NaN", "Must be a finite number (not NaN or infinity)."),
                ("１２", "Write the amount in the digits 0-9, e.g. 120.50."),
            ):
                with self.subTest(amount):
                    answer = self.post(f"{URL}/{case.pk}/amount", {"amount": amount})
                    self.assertEqual(answer.status_code, 422, answer.content)
                    msg = answer.json()["detail"][0]["msg"]
                    self.assertTrue(msg.startswith(station_said(said).split("%")[0]), msg)


class DuplicateKeyTests(ApiCase):
    def test_a_key_written_twice_is_refused_naming_it_on_every_way_in(self) -> None:
        bodies = {
            "/api/v1/work-orders": (
                '{"category": "business", "summary": "a", "summary": "b"}',
                "summary",
            ),
            "/api/v1/calls": (
                '{"text": "x", "category": "billing", "category": "complaint"}',
                "category",
            ),
            "/api/v1/signals": ('{"type": "call", "customer": "1", "t": 1, "t": 2}', "t"),
            "/api/v1/sms/inbound": ('{"id": "1", "id": "2", "from": "1", "text": "x"}', "id"),
        }
        for path, (raw, key) in bodies.items():
            with self.subTest(path):
                answer = self.post(path, raw)
                self.assertEqual(answer.status_code, 400, answer.content)
                self.assertEqual(answer.json()["field"], key)
        self.assertEqual(WorkOrder.objects.count(), 1)

    def test_a_promise_settled_with_kept_twice_is_not_settled(self) -> None:
        promise = self.post(
            "/api/v1/promises",
            {"work_order_id": self.order.pk, "text": "p", "due_at": soon()},
        ).json()
        answer = self.post(
            f"/api/v1/promises/{promise['id']}/settle",
            '{"kept": false, "reason": "x", "kept": true}',
        )
        self.assertEqual((answer.status_code, answer.json()["field"]), (400, "kept"))
        self.assertEqual(
            answer.json()["detail"],
            station_said("The body names “%(key)s” twice: send each field once.", key="kept"),
        )
        self.assertNotEqual(Promise.objects.get().state, Promise.State.KEPT)


class SessionWithoutCsrfTests(BaseTestCase):
    def test_the_401_says_the_csrf_token_is_missing(self) -> None:
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(self.clerk)
        answer = browser.post(
            "/api/v1/work-orders",
            {"category": "business", "summary": "x"},
            content_type="application/json",
        )
        self.assertEqual(answer.status_code, 401, answer.content)
        self.assertIn("X-CSRFToken", answer.json()["detail"])
        self.assertFalse(WorkOrder.objects.exists())
        anonymous = Client(enforce_csrf_checks=True).post(
            "/api/v1/work-orders", {}, content_type="application/json"
        )
        self.assertNotIn("X-CSRFToken", anonymous.json()["detail"])


class SignalsStrictTests(ApiCase):
    def test_an_unknown_field_and_a_nul_id_are_refused_saying_so(self) -> None:
        answer = self.post(
            "/api/v1/signals",
            [
                {
                    "type": "call",
                    "customer": "53250000001",
                    "t": "2026-12-01T10:00+08:00",
                    "evil": 1,
                },
                {
                    "type": "call",
                    "customer": "53250000001",
                    "t": "2026-12-01T10:00+08:00",
                    "id": "a\u0000b",
                },
            ],
        )
        self.assertEqual(answer.status_code, 202, answer.content)
        said = answer.json()
        self.assertEqual(said["accepted"], 0)
        errors = [r["error"] for r in said["rejected"]]
        self.assertIn("evil", errors[0])
        self.assertEqual(
            errors[1], station_said("“id” holds a NUL character, which no id may hold.")
        )
