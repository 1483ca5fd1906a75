"""The JSON API reads a body only when it is sent as JSON (probe73 L5): a body sent as text, as a
form or with no ``Content-Type`` is answered 415 naming the type sent, and nothing is stored,
on every operation that takes a body (ninja's parser, the signals, the SMS gateway's). JSON with
its charset, or a JSON kind (``+json``), is read as before; so is a request without a body."""

from __future__ import annotations

import json
from typing import Any

from powerdesk.accounts.tokens import token_create
from powerdesk.notifications.models import InboundSms
from powerdesk.outages.models import Signal
from powerdesk.servicedesk.models import Promise, WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase
from tests.servicedesk.station_said import station_said

SENT_AS = (
    "The body must be sent as JSON, with the header “Content-Type: application/json”; "
    "it was sent as “%(type)s”."
)
SENT_WITHOUT = (
    "The body must be sent as JSON, with the header “Content-Type: application/json”; "
    "it was sent without a Content-Type."
)


class ContentTypeTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def send(self, path: str, body: Any, content_type: str) -> Any:
        raw = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
        return self.client.generic("POST", path, raw.encode(), content_type, **self.auth)

    def assertNotJson(self, response: Any, sent: str) -> None:
        self.assertEqual(response.status_code, 415, response.content)
        said = station_said(SENT_AS, type=sent) if sent else station_said(SENT_WITHOUT)
        self.assertEqual(response.json(), {"detail": said})
        self.assertEqual(response["Accept-Post"], "application/json")

    def test_a_json_body_sent_as_text_as_a_form_or_untyped_is_refused_and_nothing_made(
        self,
    ) -> None:
        order = {"category": "fault_repair", "summary": "停电"}
        for sent in (
            "text/plain",
            "text/plain; charset=utf-8",
            "application/x-www-form-urlencoded",
        ):
            with self.subTest(sent):
                self.assertNotJson(
                    self.send("/api/v1/work-orders", order, sent), sent.split(";")[0]
                )
        self.assertNotJson(self.send("/api/v1/work-orders", order, ""), "")
        self.assertNotJson(
            self.send("/api/v1/work-orders", "category=business", "text/html"), "text/html"
        )
        self.assertFalse(WorkOrder.objects.exists())
        made = work_order_create(
            station=self.station_a, user=None, category="business", summary="x"
        )
        promise = {"work_order_id": made.pk, "text": "明天来", "due_at": "2030-01-01T10:00+08:00"}
        self.assertNotJson(self.send("/api/v1/promises", promise, "text/plain"), "text/plain")
        self.assertFalse(Promise.objects.exists())

    def test_json_with_its_charset_or_a_json_kind_is_read_as_before(self) -> None:
        for n, sent in enumerate(
            ("application/json", "Application/JSON; charset=utf-8", "application/merge-patch+json")
        ):
            with self.subTest(sent):
                answer = self.send(
                    "/api/v1/work-orders", {"category": "fault_repair", "summary": f"停电{n}"}, sent
                )
                self.assertEqual(answer.status_code, 201, answer.content)
        self.assertEqual(WorkOrder.objects.count(), 3)

    def test_the_signals_and_the_sms_gateway_refuse_a_body_not_sent_as_json(self) -> None:
        event = {"type": "ami_off", "customer": "0000000000", "t": "2026-12-05T10:00+08:00"}
        self.assertNotJson(self.send("/api/v1/signals", [event], "text/plain"), "text/plain")
        self.assertFalse(Signal.objects.exists())
        text = {"id": "m1", "from": "+8613812345678", "text": "停电了"}
        self.assertNotJson(self.send("/api/v1/sms/inbound", text, ""), "")
        self.assertNotJson(
            self.send("/api/v1/sms/receipts", {"id": "x", "status": "delivered"}, "text/plain"),
            "text/plain",
        )
        self.assertFalse(InboundSms.objects.exists())
        taken = self.send("/api/v1/sms/inbound", text, "application/json")
        self.assertEqual(taken.status_code, 200, taken.content)
