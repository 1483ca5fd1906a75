"""In English the outage board and the home page write English punctuation: villages joined
with ", " (not "、"), "80% between" (no space before %)."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.outages.models import Outage, OutageEvent
from tests.base import BaseTestCase


class EnglishPunctuationTests(BaseTestCase):
    def setUp(self) -> None:
        village = Village.objects.create(station=self.station_a, name="三角")
        group = VillageGroup.objects.create(station=self.station_a, village=village, name="河边")
        Customer.objects.create(
            station=self.station_a,
            account_number="53250000002",
            name="李四",
            village=village,
            group=group,
            transformer=self.transformer,
        )
        Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=timezone.now() - dt.timedelta(minutes=30),
            customers=2,
        )
        self.login(self.chief)

    def page(self, name: str, language: str) -> str:
        with translation.override(language):
            response = self.client.get(reverse(name), HTTP_ACCEPT_LANGUAGE=language)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_villages_are_joined_as_the_language_joins_a_list(self) -> None:
        english = self.page("outages:board", "en")
        self.assertNotIn("、", english)
        self.assertRegex(english, r"(三角|左门) · \S+, (三角|左门) · ")
        self.assertRegex(
            self.page("outages:board", "zh-hans"), r"(三角|左门) · \S+、(三角|左门) · "
        )

    def test_the_likely_range_has_no_space_before_the_percent_sign(self) -> None:
        outage = Outage.objects.get()
        etr = type("Etr", (), {"at": timezone.now(), "low_text": "14:05", "high_text": "17:30"})()
        with translation.override("en"):
            html = render_to_string("outages/_etr.html", {"etr": etr, "outage": outage})
        self.assertIn("80% between 14:05 and 17:30", html)

    def test_the_outage_s_history_reads_in_english(self) -> None:
        # Written in the station's language, as every line of an outage's history.
        outage = Outage.objects.get()
        OutageEvent.objects.create(
            outage=outage,
            at=timezone.now(),
            what="dispatched",
            note="抢修一班；已为抢修班开立工单 2026-00001",
        )
        OutageEvent.objects.create(
            outage=outage, at=timezone.now(), what="cause_found", note="树障 03号杆旁竹子搭线"
        )
        english = self.page("outages:board", "en")
        self.assertIn("抢修一班; work order 2026-00001 opened for the crew", english)
        self.assertNotIn("已为抢修班开立工单", english)
        # Stored before the kind was kept apart: the kind's label in English, the crew's words
        # as written.
        self.assertIn("cause found · tree · 03号杆旁竹子搭线", english)
        self.assertNotIn("树障", english)
        self.assertIn("已为抢修班开立工单", self.page("outages:board", "zh-hans"))
