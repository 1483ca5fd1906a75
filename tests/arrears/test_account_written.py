"""An account number written with its digits grouped ("5325 0000 777", "5325-0000-777") or in
full-width digits finds the household, on the page and through the API, as intake finds a phone
written in any form (walk71, L5)."""

from __future__ import annotations

import time_machine
from django.urls import reverse

from powerdesk.arrears.models import ArrearsCase
from powerdesk.customers.selectors import account_written
from tests.arrears.api_cast import URL, ArrearsApiCase
from tests.arrears.cast import START

WRITTEN = ["5325 0000 777", " 5325-0000-777 ", "5325－0000－777", "５３２５００００７７７"]


class AccountWrittenTests(ArrearsApiCase):
    def test_the_account_is_the_digits_whatever_groups_them(self) -> None:
        for written in WRITTEN:
            self.assertEqual(account_written(written), "53250000777")

    def test_the_page_opens_the_case_of_the_account_written_with_spaces(self) -> None:
        self.login(self.clerk)
        for written in WRITTEN:
            ArrearsCase.objects.all().delete()
            with time_machine.travel(START, tick=False):
                response = self.client.post(
                    reverse("arrears:cases"),
                    {"account_number": written, "amount": "120.00", "owed_since": "2026-01-01"},
                )
            case = ArrearsCase.objects.get()
            self.assertEqual(case.customer, self.household, written)
            self.assertRedirects(response, case.get_absolute_url())

    def test_an_account_no_customer_has_is_still_refused_as_written(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("arrears:cases"),
            {"account_number": "5325 0000 999", "amount": "120.00", "owed_since": "2026-01-01"},
        )
        self.assertContains(response, "5325 0000 999", status_code=400)
        self.assertFalse(ArrearsCase.objects.exists())

    def test_the_api_opens_the_case_of_the_account_written_with_hyphens(self) -> None:
        self.login(self.clerk)
        with time_machine.travel(START, tick=False):
            response = self.post(
                URL,
                {
                    "customer_account": "5325-0000-777",
                    "amount": "236.50",
                    "owed_since": "2025-12-01",
                },
            )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["customer_account"], "53250000777")
