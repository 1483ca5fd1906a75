"""Errors in the product's own words, naming the field, at the field (walkthrough 24, finding 7):
Django's defaults read "确保该变量包含不超过 200 字符" ("this variable") and "确保该值大于或等于0.01";
the arrears form said them at the top of the page; a fault outage's start out of range named a
range up to next year, though a fault outage cannot start in the future."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.arrears.models import ArrearsCase
from powerdesk.community.forms import LiaisonReportForm
from powerdesk.outages.forms import OutageDeclareForm
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase


def said(errors: list[str]) -> str:
    return " ".join(errors)


class NamedErrorTests(BaseTestCase):
    def test_an_outage_s_long_cause_is_named(self) -> None:
        with translation.override("zh-hans"):
            form = OutageDeclareForm(
                {"device": "ZM-B01-F", "kind": Outage.Kind.PLANNED, "cause": "长" * 425}
            )
            self.assertFalse(form.is_valid())
            error = said(form.errors["cause"])
            label = str(form.fields["cause"].label)
        self.assertNotIn("变量", error)
        self.assertIn(label, error)
        self.assertIn("425", error)
        self.assertIn("60", error)  # a cause is said in the households' text: a few words

    def test_a_fault_outage_s_start_says_the_range_up_to_now(self) -> None:
        form = OutageDeclareForm(
            {
                "device": "ZM-B01-F",
                "kind": Outage.Kind.UNPLANNED,
                "starts_at": "2020-01-01 08:00",
            }
        )
        self.assertFalse(form.is_valid())
        error = said(form.errors["starts_at"])
        dates = re.findall(r"\d{4}-\d\d-\d\d", error)
        self.assertEqual(dates[-1], f"{timezone.localdate():%Y-%m-%d}", error)
        # A planned outage may still be announced up to a year ahead.
        ahead = timezone.localtime() + dt.timedelta(days=500)
        form = OutageDeclareForm(
            {"device": "x", "kind": Outage.Kind.PLANNED, "starts_at": f"{ahead:%Y-%m-%d %H:%M}"}
        )
        self.assertFalse(form.is_valid())
        self.assertIn(
            f"{timezone.localdate() + dt.timedelta(days=366):%Y}", form.errors["starts_at"][0]
        )

    def test_the_villager_s_long_name_is_named(self) -> None:
        with translation.override("zh-hans"):
            form = LiaisonReportForm(
                {"text": "电杆歪了", "villager_name": "王" * 180},
                village=self.village,
                groups=[],
            )
            self.assertFalse(form.is_valid())
            error = said(form.errors["villager_name"])
            label = str(form.fields["villager_name"].label)
        self.assertNotIn("变量", error)
        self.assertIn(label, error)
        self.assertIn("180", error)

    def test_arrears_errors_are_at_their_field_naming_it(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("arrears:cases"),
            {
                "account_number": self.customer.account_number,
                "amount": "-50",
                "owed_since": "2026-10-01",
            },
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        found = re.search(r'data-testid="arrears-amount-error">([^<]*)<', html)
        assert found is not None, html
        label = str(ArrearsCase._meta.get_field("amount").verbose_name)
        self.assertIn(label, found.group(1))
        self.assertIn("0.01", found.group(1))
        self.assertNotIn("确保", html)
        self.assertIn('value="-50"', html)  # what was typed comes back
        self.assertEqual(list(response.context["messages"]), [])  # not at the top
        response = self.client.post(
            reverse("arrears:cases"),
            {"account_number": "99999", "amount": "50", "owed_since": "2026-10-01"},
        )
        self.assertRegex(
            response.content.decode(), r'data-testid="arrears-account-error">[^<]*99999'
        )
        self.assertFalse(ArrearsCase.objects.exists())
