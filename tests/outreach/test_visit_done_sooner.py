"""An outreach visit done before the day it was planned for (walk71, L9): one rule for the page,
the service and the history. The form asks the day it was done (today, for a visit whose day
is still to come); the visit moves to that day; its history says both days; the page says so
(it said the visit could be recorded only on or after its day, and took it done sooner)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from powerdesk.outreach.models import OutreachVisit
from powerdesk.outreach.services import visit_plan_once, visit_record
from tests.base import BaseTestCase

EN = {"accept-language": "en"}


class VisitDoneSoonerTests(BaseTestCase):
    def setUp(self) -> None:
        self.today = timezone.localdate()
        self.planned = self.today + dt.timedelta(days=8)
        self.visit = visit_plan_once(
            station=self.station_a,
            user=self.clerk,
            date=self.planned,
            title="小邑新村冬季安全用电宣传",
            villages=[self.village],
            groups=[self.group],
            staff=[self.clerk],
            topics=["safe_use"],
        )[0]
        self.login(self.clerk)

    def page(self) -> str:
        return self.client.get(self.visit.get_absolute_url(), headers=EN).content.decode()

    def test_the_page_says_the_rule_and_asks_the_day_done(self) -> None:
        page = self.page()
        self.assertNotIn("The visit can be recorded on or after its day.", page)
        self.assertIn(
            f"Planned for {self.planned.isoformat()}. Done sooner? Record it with the day it was "
            "done: the visit moves to that day.",
            page,
        )
        form = page[page.index('id="record"') :]
        date_input = form[form.index('name="date"') : form.index(">", form.index('name="date"'))]
        self.assertIn(f'value="{self.today.isoformat()}"', date_input)

    def test_recorded_done_today_it_moves_and_its_history_says_both_days(self) -> None:
        response = self.client.post(
            self.visit.get_absolute_url(),
            {"action": "record", "date": self.today.isoformat(), "households_reached": "1"},
        )
        self.assertEqual(response.status_code, 302)
        self.visit.refresh_from_db()
        self.assertEqual(
            (self.visit.status, self.visit.date), (OutreachVisit.Status.DONE, self.today)
        )
        done = self.visit.events.get(what="done")
        self.assertIn(self.today.isoformat(), done.note)
        self.assertIn(self.planned.isoformat(), done.note)
        page = self.page()
        self.assertIn(
            f"1 household reached; done on {self.today.isoformat()}, planned for "
            f"{self.planned.isoformat()}",
            page,
        )
        self.assertNotIn("Planned for", page)

    def test_a_day_corrected_later_says_so(self) -> None:
        visit_record(visit=self.visit, user=self.clerk, households_reached=1, date=self.today)
        earlier = self.today - dt.timedelta(days=1)
        visit_record(visit=self.visit, user=self.clerk, households_reached=1, date=earlier)
        self.visit.refresh_from_db()
        self.assertEqual(self.visit.date, earlier)
        self.assertIn(
            f"1 household reached; the day corrected to {earlier.isoformat()} (was "
            f"{self.today.isoformat()})",
            self.page(),
        )

    def test_done_on_its_day_the_history_says_the_households_alone(self) -> None:
        visit_record(visit=self.visit, user=self.clerk, households_reached=1, date=self.today)
        self.visit.refresh_from_db()
        # A correction on its day (the same record again writes nothing: probe71 L2).
        again = visit_record(
            visit=self.visit, user=self.clerk, households_reached=1, materials="宣传单 10 份"
        )
        self.assertEqual(again.date, self.today)
        last = self.visit.events.filter(what="done").last()
        assert last is not None
        self.assertEqual(last.note_code, "households_reached")
