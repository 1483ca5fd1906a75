"""What staff wrote that the public page shows (an outage's cause, what to tell callers) is
masked where it would name someone: a phone or account number however it is written, as the
app writes numbers itself ("139 8765 4321") or as people type them ("139-8765-4321")."""

from __future__ import annotations

from django.core.cache import cache
from django.urls import reverse

from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.public.redaction import Redactor
from tests.base import BaseTestCase

NUMBERS = [
    "139 8765 4321",  # a mobile as format_phone writes it
    "139-8765-4321",
    "+86 139 8765 4321",
    "0878 571 1095",  # a landline as format_phone writes it
    "(0878) 571 1095",
    "139.8765.4321",
    "5325 0000 0001",  # an account number in groups
    "１３９ ８７６５ ４３２１",  # full-width digits
    "571 1095",  # a landline without its area code
]


class RedactionTests(BaseTestCase):
    def test_a_number_written_in_groups_is_masked(self) -> None:
        redact = Redactor(self.station_a)
        for number in NUMBERS:
            with self.subTest(number=number):
                shown = redact(f"联系{number}的师傅")
                self.assertNotIn("8765", shown)
                self.assertNotIn("4321", shown)
                self.assertNotIn("571", shown)
                self.assertNotIn("0000", shown)
                self.assertNotIn("８７６５", shown)
                self.assertTrue(shown.startswith("联系") and shown.endswith("的师傅"), shown)

    def test_times_dates_and_small_figures_stay(self) -> None:
        redact = Redactor(self.station_a)
        for text in (
            "10kV左门线 02号杆",
            "预计 12-03 18:30 恢复",
            "2026-12-03 18:30 起停电",
            "影响 120 户",
            "3 号台区 2 户",
            # Spans and lists that are no number (review 28, M2).
            "2025-2026年度检修",
            "1998 2026",
            "停电时间 0830-1130",
            "0830-1130、1400-1700 分两段停电",
            "100 200 300 号杆",
            "更换 120-150-180 号杆导线",
        ):
            with self.subTest(text=text):
                self.assertEqual(redact(text), text)

    def test_the_public_page_shows_no_number_written_in_groups(self) -> None:
        outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            cause="树倒压线，户主电话 139 8765 4321",
            notice="有事请找村联络员 139-1234-5678",
        )
        cache.clear()
        page = self.client.get(reverse("public:status", args=[self.station_a.code]))
        self.assertContains(page, "树倒压线")
        for digits in ("8765", "4321", "1234", "5678"):
            self.assertNotContains(page, digits)
