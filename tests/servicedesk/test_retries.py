"""A request sent again — a double click, a retry, an exchange repeating an event — stores
nothing twice: the intake and liaison pages' one-time tokens, the API's Idempotency-Key, the
telephone system's call id."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any
from unittest import skipUnless

import time_machine
from django.db import connection
from django.test import Client, TransactionTestCase
from django.urls import reverse

from powerdesk.accounts.models import Membership, Role
from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.calls import call_log
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase, Cast, build_cast, make_user, zh
from tests.racing import sent_at_once

FAULT = {"caller_number": "0878-1234567", "text": "家里停电了，邻居也没电"}


class IntakeTokenTests(BaseTestCase):
    def intake_page(self) -> tuple[str, str]:
        page = self.client.get(reverse("servicedesk:intake"))
        token = page.context["form"]["form_token"].value()
        self.assertIn(f'name="form_token" value="{token}"', page.content.decode())
        return reverse("servicedesk:intake"), token

    def test_the_same_page_sent_twice_logs_one_call_and_shows_its_order_both_times(self) -> None:
        self.login(self.clerk)
        url, token = self.intake_page()
        first = self.client.post(url, {**FAULT, "form_token": token})
        second = self.client.post(url, {**FAULT, "form_token": token})
        order = WorkOrder.objects.get()
        self.assertEqual(Call.objects.count(), 1)
        self.assertRedirects(first, order.get_absolute_url())
        self.assertRedirects(second, order.get_absolute_url())

    def test_each_page_shown_logs_its_own_call(self) -> None:
        self.login(self.clerk)
        for _ in range(2):
            url, token = self.intake_page()
            self.client.post(url, {"text": "问一下电价", "form_token": token})
        self.assertEqual(Call.objects.count(), 2)

    def test_a_page_without_its_token_keeps_what_was_typed_and_stores_nothing(self) -> None:
        self.login(self.clerk)
        response = self.client.post(reverse("servicedesk:intake"), FAULT)
        self.assertContains(response, "页面已过期")
        self.assertContains(response, "家里停电了")
        self.assertTrue(response.context["form"]["form_token"].value())
        self.assertFalse(Call.objects.exists())

    def test_a_telephone_call_already_logged_is_not_logged_again_unless_the_clerk_says_so(
        self,
    ) -> None:
        call_log(station=self.station_a, user=None, status="missed", cti_call_id="pbx-7")
        self.login(self.clerk)
        url, token = self.intake_page()
        response = self.client.post(url, {**FAULT, "cti_call_id": "pbx-7", "form_token": token})
        self.assertContains(response, "这通电话已在")
        self.assertEqual(Call.objects.count(), 1)
        self.assertEqual(response.context["form"]["cti_call_id"].value(), "")
        self.client.post(url, {**FAULT, "cti_call_id": "", "form_token": token})
        self.assertEqual(Call.objects.count(), 2)
        self.assertEqual(WorkOrder.objects.count(), 1)


class LiaisonTokenTests(BaseTestCase):
    def test_a_report_sent_twice_is_one_call_and_one_order(self) -> None:
        liaison = make_user("zm_liaison", self.station_a)
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.login(liaison)
        page = self.client.get(reverse("web:liaison"))
        token = page.context["form_token"]
        self.assertContains(page, f'name="form_token" value="{token}"')
        report = {
            "action": "report",
            "group": self.group.pk,
            "text": "哔叭组电杆被水冲歪了，快倒了",
            "form_token": token,
        }
        for _ in range(2):
            self.client.post(reverse("web:liaison"), report)
        self.assertEqual((Call.objects.count(), WorkOrder.objects.count()), (1, 1))


class ApiRetryTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def post(self, body: dict[str, Any], key: str | None = None, **headers: str) -> Any:
        if key is not None:
            headers["HTTP_IDEMPOTENCY_KEY"] = key
        return self.client.post(
            "/api/v1/calls", body, content_type="application/json", **{**self.auth, **headers}
        )

    def test_the_same_key_and_body_answers_the_first_response_again(self) -> None:
        first = self.post(FAULT, key="k-1")
        again = self.post(FAULT, key="k-1")
        self.assertEqual((first.status_code, again.status_code), (201, 201))
        self.assertEqual(first.json(), again.json())
        self.assertEqual(again["Idempotent-Replayed"], "true")
        self.assertEqual(Call.objects.count(), 1)

    def test_the_same_key_with_another_body_is_refused(self) -> None:
        self.post(FAULT, key="k-2")
        response = self.post({**FAULT, "text": "另一件事"}, key="k-2")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            response.json()["detail"],
            zh(
                "This Idempotency-Key was sent with a different request in the last "
                "24 hours; send a new key with a new request."
            ),
        )
        self.assertEqual(Call.objects.count(), 1)

    def test_keys_belong_to_one_client(self) -> None:
        _, other = token_create(station_id=self.station_a.pk, name="dashboard")
        self.post(FAULT, key="k-3")
        self.post(FAULT, key="k-3", HTTP_AUTHORIZATION=f"Token {other}")
        self.assertEqual(Call.objects.count(), 2)

    def test_a_key_is_forgotten_after_a_day(self) -> None:
        with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)):
            self.post(FAULT, key="k-4")
        with time_machine.travel(dt.datetime(2026, 3, 3, 10, tzinfo=dt.UTC)):
            self.assertEqual(self.post(FAULT, key="k-4").status_code, 201)
        self.assertEqual(Call.objects.count(), 2)

    def test_keys_past_their_day_are_deleted_now_and_then_not_at_every_call(self) -> None:
        from powerdesk.servicedesk import idempotency
        from powerdesk.servicedesk.models import IdempotencyKey

        idempotency._last_purge.clear()
        with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)):
            self.post(FAULT, key="old-1")
            self.post(FAULT, key="old-2")
        with time_machine.travel(dt.datetime(2026, 3, 3, 10, tzinfo=dt.UTC)):
            self.post(FAULT, key="new-1")  # the purge ran a moment ago: the old keys stay
            self.assertEqual(IdempotencyKey.objects.count(), 3)
            idempotency._last_purge.clear()  # a minute later
            self.post(FAULT, key="new-2")
        self.assertEqual(
            sorted(IdempotencyKey.objects.values_list("key", flat=True)), ["new-1", "new-2"]
        )

    def test_an_unusable_key_is_refused(self) -> None:
        self.assertEqual(self.post(FAULT, key="x" * 256).status_code, 400)
        self.assertFalse(Call.objects.exists())

    def test_an_order_is_created_once_per_key(self) -> None:
        body = {"category": "fault_repair", "summary": "停电"}
        for _ in range(2):
            response = self.client.post(
                "/api/v1/work-orders",
                body,
                content_type="application/json",
                HTTP_IDEMPOTENCY_KEY="o-1",
                **self.auth,
            )
            self.assertEqual(response.status_code, 201)
        self.assertEqual(WorkOrder.objects.count(), 1)

    def test_a_telephone_call_id_already_logged_answers_that_call(self) -> None:
        first = self.post({**FAULT, "cti_call_id": "pbx-1"})
        again = self.post({**FAULT, "cti_call_id": "pbx-1"})
        self.assertEqual((first.status_code, again.status_code), (201, 200))
        self.assertEqual(first.json()["id"], again.json()["id"])
        self.assertEqual(Call.objects.count(), 1)

    def test_the_same_call_id_at_another_station_is_another_call(self) -> None:
        _, key_b = token_create(station_id=self.station_b.pk, name="B")
        self.post({**FAULT, "cti_call_id": "pbx-1"})
        self.post({**FAULT, "cti_call_id": "pbx-1"}, HTTP_AUTHORIZATION=f"Token {key_b}")
        self.assertEqual(Call.objects.count(), 2)


class ConcurrentRetryTests(Cast, TransactionTestCase):
    """Ten identical requests at the same moment, each in its own thread and connection."""

    def setUp(self) -> None:
        build_cast(self)

    def race(self, send: Callable[[Client], Any], n: int = 10) -> list[Any]:
        return sent_at_once(self.clerk, send, n)

    @skipUnless(connection.vendor == "postgresql", "needs PostgreSQL's concurrent writers")
    def test_ten_sends_of_one_intake_page_make_one_call_and_one_order(self) -> None:
        data = {**FAULT, "form_token": "page-1"}
        answers = self.race(lambda c: c.post(reverse("servicedesk:intake"), data))
        order = WorkOrder.objects.get()
        self.assertEqual(Call.objects.count(), 1)
        self.assertEqual({a["Location"] for a in answers}, {order.get_absolute_url()})

    @skipUnless(connection.vendor == "postgresql", "needs PostgreSQL's concurrent writers")
    def test_ten_api_posts_with_one_key_make_one_call(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        answers = self.race(
            lambda c: c.post(
                "/api/v1/calls",
                FAULT,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {key}",
                HTTP_IDEMPOTENCY_KEY="same",
            )
        )
        self.assertEqual(Call.objects.count(), 1)
        self.assertEqual({a.status_code for a in answers}, {201})
        self.assertEqual({a.json()["id"] for a in answers}, {Call.objects.get().pk})

    @skipUnless(connection.vendor == "postgresql", "needs PostgreSQL's concurrent writers")
    def test_ten_api_posts_of_one_telephone_call_id_make_one_call(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        answers = self.race(
            lambda c: c.post(
                "/api/v1/calls",
                {**FAULT, "cti_call_id": "pbx-9"},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {key}",
            )
        )
        self.assertEqual(Call.objects.count(), 1)
        self.assertEqual(sorted(a.status_code for a in answers), [200] * 9 + [201])

    @skipUnless(connection.vendor == "postgresql", "needs PostgreSQL's concurrent writers")
    def test_ten_missed_events_of_one_call_make_one_call_in_the_queue(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="交换机")
        event = json.dumps({"caller_number": "0878-1234567", "call_id": "c-1", "event": "missed"})
        answers = self.race(
            lambda c: c.post(
                reverse("servicedesk:cti"),
                event,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {key}",
            )
        )
        self.assertEqual(Call.objects.count(), 1)
        self.assertEqual({a.status_code for a in answers}, {200})
        self.assertEqual(sum(1 for a in answers if a.json()["logged"]), 1)
