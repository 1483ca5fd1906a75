"""English mode: dates written one way in each language, labels followed by the page's own colon,
and lists joined with its own separator (walkthrough: "预计复电:" and "2026年9月17日" beside
"2026-11-22")."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import time_machine
from django.urls import reverse
from django.utils import translation

from powerdesk.network.models import Defect
from powerdesk.outages.patrol_reasons import reason_text
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Notification
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase


class PageLanguageTests(BaseTestCase):
    def get(self, url: str, language: str) -> str:
        with translation.override(language):  # (the page's language is left active after it)
            response = self.client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_date_printed_without_a_format_reads_as_the_page_s_other_dates(self) -> None:
        Defect.objects.filter(pk=self.defect.pk).update(found_on=dt.date(2026, 9, 17))
        self.login(self.chief)
        for language in ("zh-hans", "en"):
            page = self.get(reverse("network:defects"), language)
            self.assertIn("<td>2026-09-17</td>", page)
            self.assertNotIn("2026年9月17日", page)
            self.assertNotIn("Sept. 17, 2026", page)

    def test_the_home_page_s_defects_take_the_page_s_colon(self) -> None:
        Defect.objects.filter(pk=self.defect.pk).update(severity="critical")
        self.login(self.chief)
        chinese = self.get(reverse("web:home"), "zh-hans")
        self.assertIn("</a>：底座被雷击穿", chinese)
        english = self.get(reverse("web:home"), "en")
        self.assertIn("</a>: 底座被雷击穿", english)

    def test_reminders_read_in_the_page_s_language_and_say_what_happened_once(self) -> None:
        start = dt.datetime(2026, 6, 22, 2, 0, tzinfo=dt.UTC)
        with time_machine.travel(start, tick=False):
            order = work_order_create(
                station=self.station_a, user=self.clerk, category="hazard", summary="导线落地"
            )
        with time_machine.travel(start + dt.timedelta(hours=3), tick=False):
            escalations_scan(station=self.station_a)
            self.login(self.chief)
            english = self.get(reverse("web:home"), "en")
            chinese = self.get(reverse("web:home"), "zh-hans")
        (stored,) = Notification.objects.filter(recipient=self.chief).values_list("text", flat=True)
        # The line's badge names the kind; the station is the reader's own: neither is repeated
        # in the line (a text message keeps both).
        self.assertEqual(stored, f"{order.number} 导线落地")
        notices = english.split('data-slot="deadlines"')[1].split("</section>")[0]
        self.assertIn("Overdue</span>", notices)
        self.assertIn(f">{order.number} 导线落地</a>", notices)
        self.assertNotIn("已超期", notices)
        self.assertNotIn("光禄供电所", notices)
        self.assertIn(f">{order.number} 导线落地</a>", chinese)
        self.assertNotIn("【光禄供电所】", chinese.split('data-slot="deadlines"')[1])


def test_patrol_reasons_list_causes_with_the_language_s_separator() -> None:
    reason = SimpleNamespace(code="faulted_here", count=2, causes=("lightning", "tree"))
    with translation.override("en"):
        assert reason_text(reason).endswith("(lightning, tree)")
    with translation.override("zh-hans"):
        assert reason_text(reason).endswith("（雷击、树障）")
