"""A promise is kept to someone: one with neither a work order nor a known customer is refused by
the service, whoever calls it — the JSON API said 201 to it while the intake form refused it
(review 33, finding 3). The API says so at the field, 400 ``{"detail", "field"}``, and stores
nothing; a promise to a customer by their account number is taken."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import Promise
from powerdesk.servicedesk.promises import PromiseNobodyError, promise_make
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, zh


class PromiseNeedsSomeoneTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        self.due = (timezone.now() + dt.timedelta(hours=10)).isoformat()

    def post(self, body: dict[str, object]):  # type: ignore[no-untyped-def]
        return self.client.post(
            "/api/v1/promises", body, content_type="application/json", **self.auth
        )

    def test_the_api_refuses_a_promise_to_nobody_at_its_field(self) -> None:
        response = self.post({"text": "明早10点前回电", "due_at": self.due})
        self.assertEqual(response.status_code, 400, response.content)
        body = response.json()
        self.assertEqual(body["field"], "work_order_id")
        self.assertEqual(
            zh(
                "A promise needs a work order or a known customer to be kept to: name the work "
                "order it is about, or the customer it was made to."
            ),
            body["detail"],
        )
        self.assertFalse(Promise.objects.exists())

    def test_the_api_takes_one_to_a_known_customer_or_on_an_order(self) -> None:
        response = self.post(
            {"text": "明早10点前回电", "due_at": self.due, "customer_account": "53250000001"}
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(Promise.objects.get().customer, self.customer)
        order = work_order_create(
            station=self.station_a, user=None, category="business", summary="过户"
        )
        response = self.post({"text": "明天上门", "due_at": self.due, "work_order_id": order.pk})
        self.assertEqual(response.status_code, 201, response.content)

    def test_an_account_of_no_customer_is_said_at_its_field(self) -> None:
        response = self.post({"text": "明早回电", "due_at": self.due, "customer_account": "999"})
        self.assertEqual(response.status_code, 400, response.content)
        self.assertEqual(response.json()["field"], "customer_account")
        # Another station's customer is no customer of this one.
        _, key_b = token_create(station_id=self.station_b.pk, name="B")
        response = self.client.post(
            "/api/v1/promises",
            {"text": "明早回电", "due_at": self.due, "customer_account": "53250000001"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key_b}",
        )
        self.assertEqual(response.status_code, 400, response.content)
        self.assertFalse(Promise.objects.exists())

    def test_the_service_refuses_it_whoever_calls(self) -> None:
        with self.assertRaises(PromiseNobodyError) as refused:
            promise_make(
                station=self.station_a,
                user=self.clerk,
                text="今晚回电",
                due_at=timezone.now() + dt.timedelta(hours=2),
            )
        self.assertEqual(refused.exception.field, "work_order")
        self.assertFalse(Promise.objects.exists())
