"""English pages read English: an outage's work order is titled in the reader's language
("Outage: …", stored "停电：…"), rows stored before included; no label with two colons; SAIDI
and its kin are per customer."""

from __future__ import annotations

import datetime as dt
import importlib
import re

from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.outages.joined import outage_link
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase

NUMBER = "0878-1234567"


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


class OutageOrderTitleTests(BaseTestCase):
    def get(self, url: str, language: str) -> str:
        self.login(self.clerk)
        with translation.override(language):
            response = self.client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        self.assertEqual(response.status_code, 200)
        return text(response.content.decode())

    def outage(self) -> Outage:
        return outage_declare(
            station=self.station_a,
            user=self.clerk,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=10),
        )

    def test_the_outage_s_order_is_titled_in_the_reader_s_language(self) -> None:
        self.outage()
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="家里停电了",
            category="fault_repair",
        ).work_order
        assert order is not None
        self.assertEqual(order.summary, f"停电：{self.fuse.name}")  # stored: searched so
        english = self.get(order.get_absolute_url(), "en")
        # Its title; its history keeps what was stored, in the station's language.
        title = english[: english.index("History")]
        self.assertIn(f"Outage: {self.fuse.name}", title)
        self.assertNotIn("停电：", title)
        self.assertIn(
            f"Outage: {self.fuse.name}", self.get(reverse("servicedesk:work_orders"), "en")
        )
        self.assertIn(f"停电：{self.fuse.name}", self.get(order.get_absolute_url(), "zh-hans"))

    def test_orders_stored_before_are_titled_so_too_and_a_caller_s_stays_as_written(
        self,
    ) -> None:
        outage = self.outage()
        made = [
            work_order_create(
                station=self.station_a,
                user=self.clerk,
                category="fault_repair",
                urgent=urgent,
                summary=summary,
            )
            for summary, urgent in (
                (f"停电：{self.fuse.name}", True),  # an outage's, before the field
                ("Outage: 哔叭支线", True),  # one written in English
                ("停电：家里没电", False),  # a caller's words, joined to the outage
            )
        ]
        outage_link(outage).work_orders.add(*made)
        migration = importlib.import_module(
            "powerdesk.servicedesk.migrations.0017_work_order_summary_kind"
        )
        migration.mark_outage_orders(apps, None)
        old, english, callers = (WorkOrder.objects.get(pk=o.pk) for o in made)
        with translation.override("en"):
            self.assertEqual(old.title, f"Outage: {self.fuse.name}")
            self.assertEqual(callers.title, "停电：家里没电")
        with translation.override("zh-hans"):
            self.assertEqual(english.title, "停电：哔叭支线")


class EnglishTermsTests(BaseTestCase):
    def get(self, url: str, language: str = "en", **params: str) -> str:
        self.login(self.chief)
        with translation.override(language):
            response = self.client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)
        self.assertEqual(response.status_code, 200)
        return text(response.content.decode())

    def test_no_label_has_two_colons_and_indices_are_per_customer(self) -> None:
        month = timezone.localdate().strftime("%Y-%m")
        monthly = self.get(reverse("reports:monthly"), month=month)
        village = self.get(reverse("community:village", args=[self.village.pk]))
        for page in (monthly, village):
            self.assertNotIn(": in time", page)  # "Resolved this month: in time: …"
            self.assertNotIn("per household", page)
        self.assertIn("Resolved in time this month", monthly)
        self.assertIn("SAIDI in minutes per customer", monthly)
