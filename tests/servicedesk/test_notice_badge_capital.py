"""A notice's kind, the badge before it, starts with a capital in English as every other label
of the page does (walk61, L8: "your crew's jobs" beside "Job 2026-02475 …" on the crew's phone);
in Chinese nothing changes."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.servicedesk.models import Notification
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews


class NoticeBadgeCapitalTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        for i in range(2):
            Notification.objects.create(
                station=self.station_a,
                recipient=self.member if i == 0 else self.chief,
                kind=Notification.Kind.CREW_JOB,
                key=f"crew_job:{i}",
                text="派工 工单 2026-00001",
            )

    def badges(self, url: str, language: str) -> list[str]:
        self.client.cookies["django_language"] = language
        page = self.client.get(url).content.decode()
        return [
            part.split(">", 1)[1].split("</span>", 1)[0]
            for part in page.split('<span class="badge warn')[1:]
        ]

    def test_the_crew_s_phone_and_the_notices_page_say_the_kind_with_a_capital(self) -> None:
        self.login(self.member)
        self.assertIn("Your crew&#x27;s jobs", self.badges(reverse("servicedesk:crew_jobs"), "en"))
        self.assertIn("Your crew&#x27;s jobs", self.badges(reverse("servicedesk:notices"), "en"))
        self.assertIn("班组派工", self.badges(reverse("servicedesk:crew_jobs"), "zh-hans"))

    def test_the_home_page_s_notices_too(self) -> None:
        self.login(self.chief)
        self.assertIn("Your crew&#x27;s jobs", self.badges(reverse("web:home"), "en"))
