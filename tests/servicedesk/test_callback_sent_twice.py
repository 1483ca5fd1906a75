"""A try that reached nobody ("not reached", "call again later") sent twice — a double click on
the order's page, a retry of the API without an Idempotency-Key, both at once — is one try: one
``Callback`` row, one call in the monthly report (probe71 L1). The same words from the same
person within ``SAME_TRY_WITHIN`` answer the first; later, or with other words, it is a second
try. A household's callback after an outage likewise counts one try (fix71c, 5). Two threads at
once on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import time_machine
from django.test import Client, TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.outage_callback_record import outage_callback_record
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.models import Callback, WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_transition
from tests.base import BaseTestCase, Cast, build_cast
from tests.racing import sent_at_once

# Past the 60 seconds in which the same try sent again answers the first (SAME_TRY_WITHIN).
LATER = dt.timedelta(seconds=61)


def resolved(case: Any) -> WorkOrder:
    order = work_order_create(
        station=case.station_a, user=case.clerk, category="complaint",
        summary="抄表员态度差", customer=case.customer,
    )  # fmt: skip
    return work_order_transition(
        work_order=order, to_status="resolved", user=case.clerk, note="已处理"
    )


def restored_callback(case: Any) -> OutageCallback:
    outage = outage_declare(station=case.station_a, user=None, device=case.fuse, kind="unplanned")
    Outage.objects.filter(pk=outage.pk).update(
        status=Outage.Status.RESTORED, restored_at=timezone.now()
    )
    return OutageCallback.objects.create(
        outage=outage, customer=case.customer, reason="elderly_alone", due_at=timezone.now()
    )


class SentAgainTests(BaseTestCase):
    def setUp(self) -> None:
        self.order = resolved(self)
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def press(self, **fields: str) -> Any:
        return self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]),
            {"action": "callback", "outcome": "not_reached", **fields},
        )

    def api(self, body: dict[str, Any], **headers: str) -> Any:
        return self.client.post(
            f"/api/v1/work-orders/{self.order.pk}/callbacks",
            body, content_type="application/json", **self.auth, **headers,
        )  # fmt: skip

    def test_the_page_pressed_twice_records_one_try(self) -> None:
        self.login(self.clerk)
        self.assertEqual([self.press().status_code, self.press().status_code], [302, 302])
        self.assertEqual(Callback.objects.filter(work_order=self.order).count(), 1)

    def test_the_api_sent_twice_without_a_key_answers_the_first_try(self) -> None:
        body = {"outcome": "retry", "comment": "占线"}
        first, again = self.api(body), self.api(body)
        self.assertEqual((first.status_code, again.status_code), (201, 201))
        self.assertEqual(first.json()["id"], again.json()["id"])
        self.assertEqual(Callback.objects.filter(work_order=self.order).count(), 1)

    def test_with_a_key_the_first_answer_is_given_again(self) -> None:
        body = {"outcome": "not_reached"}
        first = self.api(body, HTTP_IDEMPOTENCY_KEY="cb-1")
        with time_machine.travel(timezone.now() + LATER):
            again = self.api(body, HTTP_IDEMPOTENCY_KEY="cb-1")
        self.assertEqual(again["Idempotent-Replayed"], "true")
        self.assertEqual(first.json()["id"], again.json()["id"])
        self.assertEqual(Callback.objects.filter(work_order=self.order).count(), 1)

    def test_a_try_later_or_in_other_words_or_by_another_is_a_second_try(self) -> None:
        callback_record(work_order=self.order, user=self.clerk, outcome="not_reached")
        callback_record(work_order=self.order, user=self.clerk, outcome="retry")
        callback_record(work_order=self.order, user=self.clerk, outcome="retry", comment="关机")
        callback_record(work_order=self.order, user=self.chief, outcome="retry", comment="关机")
        self.assertEqual(Callback.objects.filter(work_order=self.order).count(), 4)
        with time_machine.travel(timezone.now() + LATER):
            callback_record(work_order=self.order, user=self.clerk, outcome="not_reached")
        self.assertEqual(Callback.objects.filter(work_order=self.order).count(), 5)

    def test_the_schema_says_what_a_call_or_a_try_sent_without_a_key_does(self) -> None:
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        calls = paths["/api/v1/calls"]["post"]["description"]
        self.assertIn("Without an Idempotency-Key and without a cti_call_id, each POST is a", calls)
        tries = paths["/api/v1/work-orders/{order_id}/callbacks"]["post"]["description"]
        self.assertIn("within 60 seconds answers the first try", tries)

    def test_a_household_after_an_outage_tried_twice_has_one_try(self) -> None:
        callback = restored_callback(self)
        for _twice in range(2):
            outage_callback_record(callback=callback, user=self.clerk, outcome="not_reached")
        callback.refresh_from_db()
        self.assertEqual(callback.attempts, 1)
        outage_callback_record(callback=callback, user=self.clerk, outcome="retry", note="关机")
        with time_machine.travel(timezone.now() + LATER):
            outage_callback_record(callback=callback, user=self.clerk, outcome="retry", note="关机")
        callback.refresh_from_db()
        self.assertEqual(callback.attempts, 3)


class AtOnceTests(Cast, TransactionTestCase):
    """The same try sent twice at the same moment, each in its own thread and connection."""

    def setUp(self) -> None:
        build_cast(self)

    def race(self, send: Callable[[Client], Any], n: int = 2) -> list[Any]:
        return sent_at_once(self.clerk, send, n)

    def test_the_page_and_the_api_at_once_record_one_try(self) -> None:
        order = resolved(self)
        page = reverse("servicedesk:work_order_action", args=[order.pk])
        answers = self.race(lambda c: c.post(page, {"action": "callback", "outcome": "retry"}))
        self.assertEqual([a.status_code for a in answers], [302, 302])
        api = f"/api/v1/work-orders/{order.pk}/callbacks"
        _, key = token_create(station_id=self.station_a.pk, name="county")
        answers = self.race(
            lambda c: c.post(
                api,
                {"outcome": "not_reached"},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {key}",
            )
        )
        self.assertEqual([a.status_code for a in answers], [201, 201])
        self.assertEqual(len({a.json()["id"] for a in answers}), 1)
        self.assertEqual(Callback.objects.filter(work_order=order).count(), 2)

    def test_a_households_try_sent_twice_at_once_is_one_try(self) -> None:
        callback = restored_callback(self)

        def send(_client: Client) -> Any:
            return outage_callback_record(callback=callback, user=self.clerk, outcome="retry")

        answers = self.race(send)
        self.assertFalse([a for a in answers if isinstance(a, Exception)])
        callback.refresh_from_db()
        self.assertEqual(callback.attempts, 1)
