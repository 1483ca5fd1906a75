"""The arrears API as a web worker runs it: each request in autocommit, not inside a test's
transaction (a row locked outside a transaction is an error there, not here)."""

from __future__ import annotations

import time_machine
from django.test import TransactionTestCase

from powerdesk.accounts.tokens import token_create
from powerdesk.arrears.models import ArrearsCase
from powerdesk.customers.models import Customer
from tests.arrears.api_cast import AFTER_NOTICE, START, URL
from tests.base import Cast, build_cast


class ArrearsApiAutocommitTests(Cast, TransactionTestCase):
    def setUp(self) -> None:
        build_cast(self)
        Customer.objects.create(
            station=self.station_a,
            account_number="53250000777",
            name="起文明",
            village=self.village,
        )
        _token, key = token_create(station_id=self.station_a.pk, name="billing")
        self.token = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def post(self, url: str, body: dict[str, str] | None = None, **headers: str) -> int:
        answer = self.client.post(url, body or {}, content_type="application/json", **headers)
        return int(answer.status_code)

    def test_each_step_with_and_without_a_key(self) -> None:
        opened = {"customer_account": "53250000777", "amount": "10.00", "owed_since": "2025-12-01"}
        with time_machine.travel(START, tick=False):
            self.assertEqual(self.post(URL, opened, **self.token), 201)
            self.assertEqual(self.post(URL, opened, **self.token), 200)
            case = ArrearsCase.objects.get()
            url = f"{URL}/{case.pk}"
            self.client.force_login(self.clerk)
            for name, body in (
                ("notice", {"method": "door"}),
                ("liaison", {"outcome": "说了"}),
                ("household", {"situation": "一家三口"}),
            ):
                self.assertEqual(self.post(f"{url}/{name}", body), 200, name)
                self.assertEqual(
                    self.post(f"{url}/{name}", body, HTTP_IDEMPOTENCY_KEY=f"k-{name}"), 200, name
                )
            self.client.force_login(self.chief)
            self.assertEqual(self.post(f"{url}/approve"), 200)
        with time_machine.travel(AFTER_NOTICE, tick=False):
            self.client.force_login(self.chief)
            self.assertEqual(self.post(f"{url}/disconnect"), 200)
            self.assertEqual(self.post(f"{url}/paid", HTTP_IDEMPOTENCY_KEY="pay-1"), 200)
            self.assertEqual(self.post(f"{url}/paid"), 200)
        case.refresh_from_db()
        self.assertEqual(case.stage, "paid")
        self.assertIsNotNone(case.reconnection_id)
