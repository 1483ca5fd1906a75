"""A new promise's answer writes its time in UTC as every time of the API, whatever offset it was
sent in; the same promise sent again without its Idempotency-Key answers 200 with the one made
(nothing made), and with its key the first answer word for word, 201 (probe78 L4: the first
answer said +08:00, the second 201 in Z)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import Promise
from tests.base import BaseTestCase
from tests.servicedesk.promise_cast import promised_order


class PromiseAnsweredTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        self.order = promised_order(self)
        due = (timezone.now() + dt.timedelta(days=3)).astimezone(dt.timezone(dt.timedelta(hours=8)))
        self.due = due.replace(microsecond=0)
        self.body = {
            "work_order_id": self.order.pk,
            "text": "明天来",
            "due_at": self.due.isoformat(),
        }

    def make(self, **headers: Any) -> Any:
        return self.client.post(
            "/api/v1/promises", self.body, content_type="application/json", **self.auth, **headers
        )

    def utc(self) -> str:
        return self.due.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def test_a_new_promise_answers_its_time_in_utc_and_again_200(self) -> None:
        first = self.make()
        self.assertEqual(first.status_code, 201, first.content)
        self.assertEqual(first.json()["due_at"], self.utc())
        again = self.make()
        self.assertEqual(again.status_code, 200, again.content)
        self.assertEqual(again.json(), first.json())
        self.assertEqual(Promise.objects.count(), 1)

    def test_with_its_key_the_first_answer_is_replayed(self) -> None:
        first = self.make(HTTP_IDEMPOTENCY_KEY="k1")
        self.assertEqual(first.status_code, 201, first.content)
        self.assertEqual(first.json()["due_at"], self.utc())
        replayed = self.make(HTTP_IDEMPOTENCY_KEY="k1")
        self.assertEqual(replayed.status_code, 201, replayed.content)
        self.assertEqual(replayed["Idempotent-Replayed"], "true")
        self.assertEqual(replayed.json(), first.json())
        self.assertEqual(Promise.objects.count(), 1)
