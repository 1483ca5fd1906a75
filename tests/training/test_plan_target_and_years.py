"""The training page's figures and the session form's plan items (walk71, L3 and L4): the plan's
hours per person is its target, said so, with the hours people did on average beside it (30.0
read as the average when it was 26.8); a session is offered the plan items of its date's year,
the newest year first, each year's by month (the years were interleaved month by month, and a
2026 session was offered 2025's items, which the service then refused)."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.training.services import plan_create, plan_item_add, session_record
from tests.base import BaseTestCase, page_token

EN = {"accept-language": "en"}


class PlanTargetAndAverageTests(BaseTestCase):
    def test_the_target_is_said_as_one_and_the_average_done_beside_it(self) -> None:
        today = timezone.localdate()
        plan = plan_create(
            station=self.station_a, user=self.chief, year=today.year, hours_per_person="30"
        )
        item = plan_item_add(
            plan=plan, user=self.chief, topic="触电急救", month=today.month, hours="3"
        )
        session_record(
            station=self.station_a,
            user=self.chief,
            date=today,
            topic="触电急救",
            trainer="县红十字会",
            hours="3",
            attendees=[self.clerk],
            plan_item=item,
        )
        self.login(self.chief)
        page = self.client.get(reverse("training:plan"), headers=EN).content.decode()
        figures = page[page.index('data-testid="plan-progress"') : page.index("</dl>")]
        self.assertIn("Target hours per person", figures)
        self.assertNotIn("<dt>Hours per person</dt>", figures)
        self.assertIn('data-figure="target-hours">30', figures)
        # Two people at the station (the chief and the clerk), 3 hours done between them.
        self.assertIn("Average hours done per person", figures)
        self.assertIn('data-figure="average-hours">1.5<', figures)


class SessionPlanItemsByYearTests(BaseTestCase):
    def setUp(self) -> None:
        self.today = timezone.localdate()
        this = plan_create(
            station=self.station_a, user=self.chief, year=self.today.year, hours_per_person="4"
        )
        last = plan_create(
            station=self.station_a, user=self.chief, year=self.today.year - 1, hours_per_person="4"
        )
        for plan, word in ((last, "旧"), (this, "新")):
            for month in (2, 1):
                plan_item_add(
                    plan=plan, user=self.chief, topic=f"{word}课{month}", month=month, hours="1"
                )
        self.login(self.chief)

    def groups(self, page: str) -> list[tuple[str, bool, list[str]]]:
        """Each year's group of the plan item list: its year, whether it is offered, its items."""
        start = page.index('name="plan_item"')
        select = page[start : page.index("</select>", start)]
        found = []
        for attrs, body in re.findall(r"<optgroup ([^>]*)>(.*?)</optgroup>", select):
            year = re.search(r'data-year="(\d+)"', attrs)
            assert year is not None
            offered = "disabled" not in attrs
            found.append((year.group(1), offered, re.findall(r"\d+-\d+ (\S+?)</option>", body)))
        return found

    def test_the_newest_year_first_each_by_month_and_only_the_date_s_year_offered(self) -> None:
        page = self.client.get(reverse("training:session_new")).content.decode()
        this, last = str(self.today.year), str(self.today.year - 1)
        self.assertEqual(
            self.groups(page),
            [(this, True, ["新课1", "新课2"]), (last, False, ["旧课1", "旧课2"])],
        )
        self.assertIn("training/session_new.js", page)  # follows the date when it is changed

    def test_a_form_drawn_again_for_last_year_s_date_offers_last_year_s(self) -> None:
        day = dt.date(self.today.year - 1, 12, 31)
        response = self.client.post(
            reverse("training:session_new"),
            {
                "form_token": page_token(),
                "date": day.isoformat(),
                "topic": "旧课1",
                "trainer": "",
                "hours": "1",
            },
        )
        this, last = str(self.today.year), str(self.today.year - 1)
        self.assertEqual(
            [(y, offered) for y, offered, _items in self.groups(response.content.decode())],
            [(this, False), (last, True)],
        )
