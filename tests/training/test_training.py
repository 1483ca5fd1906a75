"""Staff training: plans, sessions and self-study recorded honestly; progress counted right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.training.models import SelfStudy, TrainingSession
from powerdesk.training.panels import month_name
from powerdesk.training.selectors import person_record, plan_progress
from powerdesk.training.services import (
    TrainingError,
    parse_hours,
    plan_create,
    plan_item_add,
    self_study_record,
    session_record,
)
from tests.base import BaseTestCase, make_user, page_token


class TrainingTests(BaseTestCase):
    def setUp(self) -> None:
        self.today = timezone.localdate()
        self.plan = plan_create(
            station=self.station_a, user=self.chief, year=self.today.year, hours_per_person="4"
        )

    def test_hours_are_half_hours_between_half_an_hour_and_a_day(self) -> None:
        self.assertEqual(parse_hours(" 1.5 "), Decimal("1.5"))
        for bad, message in [("两小时", "学时须为数字"), ("0", "0.5 到 24"), ("1.2", "半小时")]:
            with self.subTest(bad), self.assertRaisesMessage(TrainingError, message):
                parse_hours(bad)

    def test_one_plan_a_year(self) -> None:
        with self.assertRaisesMessage(TrainingError, f"本所已有 {self.today.year} 年的培训计划"):
            plan_create(
                station=self.station_a, user=self.chief, year=self.today.year, hours_per_person="8"
            )

    def test_a_session_is_for_this_station_s_people_and_already_held(self) -> None:
        stranger = make_user("stranger", self.station_b, "counter", full_name="外所员工")
        base = {
            "station": self.station_a,
            "user": self.chief,
            "date": self.today,
            "topic": "触电急救",
            "trainer": "县红十字会",
            "hours": "2",
            "attendees": [self.clerk],
        }
        cases = [
            ({"attendees": [stranger]}, "外所员工 不是本所人员"),
            ({"attendees": []}, "请勾选参加人员"),
            ({"trainer": ""}, "请填写授课人"),
            ({"date": self.today + dt.timedelta(days=1)}, "培训尚未举行"),
        ]
        for overrides, message in cases:
            with self.subTest(message), self.assertRaisesMessage(TrainingError, message):
                session_record(**{**base, **overrides})  # type: ignore[arg-type]
        last_year = plan_create(
            station=self.station_a, user=self.chief, year=self.today.year - 1, hours_per_person="4"
        )
        old_item = plan_item_add(plan=last_year, user=self.chief, topic="旧课", month=1, hours="1")
        with self.assertRaisesMessage(
            TrainingError, f"该计划项目属于 {self.today.year - 1} 年计划"
        ):
            session_record(**{**base, "plan_item": old_item})  # type: ignore[arg-type]
        self.assertFalse(TrainingSession.objects.exists())

    def test_progress_counts_courses_held_late_and_each_person_s_hours(self) -> None:
        held = plan_item_add(
            plan=self.plan, user=self.chief, topic="安规考试", month=self.today.month, hours="3"
        )
        session_record(
            station=self.station_a,
            user=self.chief,
            date=self.today,
            topic="",
            trainer="杨所长",
            hours="3",
            attendees=[self.clerk, self.chief],
            plan_item=held,
        )
        self_study_record(
            station=self.station_a,
            user=self.clerk,
            person=self.clerk,
            date=self.today,
            topic="供电服务规范",
            hours="1.5",
        )
        late = plan_item_add(plan=self.plan, user=self.chief, topic="防汛演练", month=1, hours="2")
        progress = plan_progress(self.plan, today=dt.date(self.today.year + 1, 1, 15))
        rows = {r.item: r for r in progress.items}
        self.assertTrue(rows[held].held)
        self.assertTrue(rows[late].overdue)
        self.assertEqual(progress.items_held, 1)
        people = {p.person: p for p in progress.people}
        self.assertEqual(people[self.clerk].total, Decimal("4.5"))
        self.assertEqual(people[self.clerk].percent, 100)
        self.assertEqual(people[self.chief].total, Decimal(3))
        self.assertEqual(people[self.chief].percent, 75)
        self.assertEqual(progress.people_on_target, 1)
        record = person_record(self.station_a, self.clerk)
        self.assertEqual(record.by_year, [(self.today.year, Decimal(3), Decimal("1.5"))])

    def test_only_the_chief_records_self_study_for_someone_else(self) -> None:
        with self.assertRaisesMessage(NotAllowed, "只有所长可以替他人登记自学"):
            self_study_record(
                station=self.station_a,
                user=self.clerk,
                person=self.chief,
                date=self.today,
                topic="x",
                hours="1",
            )
        self_study_record(
            station=self.station_a,
            user=self.chief,
            person=self.clerk,
            date=self.today,
            topic="供电服务规范",
            hours="1",
        )
        self.assertEqual(SelfStudy.objects.get().recorded_by, self.chief)

    def test_the_plan_page_shows_progress_and_only_managers_change_it(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("training:plan"),
            {
                "form_token": page_token(),
                "action": "item",
                "topic": "x",
                "month": "3",
                "hours": "2",
            },
        )
        self.assertEqual(response.status_code, 403)
        self.login(self.chief)
        self.client.post(
            reverse("training:plan") + f"?year={self.today.year}",
            {
                "form_token": page_token(),
                "action": "item",
                "topic": "触电急救",
                "month": "3",
                "hours": "2",
                "audience": "全体",
            },
        )
        page = self.client.get(reverse("training:plan"))
        self.assertContains(page, "触电急救")
        self.assertContains(page, "杨所长")

    def test_recording_a_session_and_self_study_from_the_pages(self) -> None:
        self.login(self.chief)
        response = self.client.post(
            reverse("training:session_new"),
            {
                "form_token": page_token(),
                "date": self.today.isoformat(),
                "topic": "触电急救",
                "trainer": "县红十字会",
                "hours": "2",
                "attendees": [self.clerk.pk],
            },
        )
        self.assertEqual(response.status_code, 302)
        self.login(self.clerk)
        self.client.post(
            reverse("training:person", args=[self.clerk.pk]),
            {
                "form_token": page_token(),
                "date": self.today.isoformat(),
                "topic": "供电服务规范",
                "hours": "1",
            },
        )
        page = self.client.get(reverse("training:me"), follow=True)
        self.assertContains(page, "触电急救")
        self.assertContains(page, "供电服务规范")

    def test_another_station_sees_neither_plan_nor_people(self) -> None:
        self.login(self.outsider)
        self.assertEqual(
            self.client.get(reverse("training:person", args=[self.clerk.pk])).status_code, 404
        )
        page = self.client.get(reverse("training:plan"))
        self.assertNotContains(page, "李秀英")
        self.assertIsNone(page.context["plan"])

    def test_the_home_page_shows_the_plan_s_late_courses(self) -> None:
        plan_item_add(plan=self.plan, user=self.chief, topic="防汛演练", month=1, hours="2")
        self.login(self.chief)
        page = self.client.get(reverse("web:home"))
        if self.today.month > 1:
            self.assertContains(page, "防汛演练")
        self.assertContains(page, "本年度培训")


class LateCourseMonthTests(BaseTestCase):
    """Walkthrough 46, finding 7: the home page's late course read "逾期：6 防汛…", "Late: 6 …"."""

    def setUp(self) -> None:
        self.enterContext(
            time_machine.travel(
                dt.datetime(2026, 8, 10, 10, tzinfo=timezone.get_current_timezone())
            )
        )
        self.plan = plan_create(
            station=self.station_a, user=self.chief, year=2026, hours_per_person="4"
        )
        plan_item_add(plan=self.plan, user=self.chief, topic="防汛演练", month=6, hours="2")
        self.login(self.chief)

    def late_badge(self, language: str) -> str:
        self.client.cookies["django_language"] = language
        page = self.client.get(reverse("web:home")).content.decode()
        end = page.index("</span> 防汛演练")
        return page[page.rindex(">", 0, end) + 1 : end]

    def test_a_late_course_s_month_is_named_in_the_page_s_language(self) -> None:
        self.assertEqual(self.late_badge("en"), "June")
        chinese = self.late_badge("zh-hans")
        with translation.override("zh-hans"):
            self.assertEqual(chinese, month_name(2026, 6))
        # "6月" once the catalogue has the format ("六月", Django's own, until then).
        self.assertIn(chinese, ["6月", "六月"])
