"""An outreach visit's history says what the system wrote in the reader's language: an English
page said "覆盖 120 户" and "便民服务卡 2 张" (walkthrough). Stored with a code and its figures
(the station's words kept in ``note``); lines stored before are recognised by their wording."""

from __future__ import annotations

from django.utils import timezone, translation

from powerdesk.outreach.cards import cards_give
from powerdesk.outreach.models import OutreachVisit, OutreachVisitEvent
from powerdesk.outreach.services import visit_plan_once, visit_record
from tests.base import BaseTestCase


class VisitHistoryLanguageTests(BaseTestCase):
    def setUp(self) -> None:
        self.visit = visit_plan_once(
            station=self.station_a,
            user=self.clerk,
            date=timezone.localdate(),
            title="左门村安全用电进村入户",
            villages=[self.village],
            groups=[self.group],
            staff=[self.clerk],
            topics=["safe_use"],
        )[0]
        self.login(self.chief)

    def history(self, language: str) -> str:
        with translation.override(language):
            response = self.client.get(self.visit.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
        page = response.content.decode()
        return page[page.rindex("<ul>") : page.rindex("</ul>")]

    def test_households_reached_and_cards_read_in_english(self) -> None:
        visit_record(visit=self.visit, user=self.clerk, households_reached=1)
        cards_give(
            station=self.station_a,
            user=self.clerk,
            customers=[self.customer],
            given_on=timezone.localdate(),
            channel="visit",
            visit=self.visit,
        )
        done = self.visit.events.get(what=OutreachVisit.Status.DONE)
        self.assertEqual((done.note_code, done.note_args), ("households_reached", {"n": 1}))
        self.assertEqual(done.note, "覆盖 1 户")
        english = self.history("en")
        self.assertIn("1 household reached", english)
        self.assertIn("1 hotline card", english)
        chinese = self.history("zh-hans")
        self.assertIn(done.note, chinese)

    def test_lines_stored_before_the_codes_read_in_english(self) -> None:
        now = timezone.now()
        for what, note in (
            # As stored then, in the station's words (before the counts were said in the plural).
            ("done", "覆盖 120 户"),
            ("cards", "便民服务卡 35 张"),
            ("cancelled", "下大雨，改期"),
        ):
            OutreachVisitEvent.objects.create(visit=self.visit, at=now, what=what, note=note)
        english = self.history("en")
        self.assertIn("120 households reached", english)
        self.assertIn("35 hotline cards", english)
        self.assertIn("下大雨，改期", english)  # typed by a person: as typed
