"""Staff training: plans, sessions and self-study recorded honestly; progress counted right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

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

    def test_a_refused_session_keeps_everything_typed_also_the_date(self) -> None:
        """Walk25: after a refusal the date came back empty, and the browser then refused the
        corrected form for the missing date."""
        self.login(self.chief)
        day = self.today - dt.timedelta(days=3)
        item = plan_item_add(plan=self.plan, user=self.chief, topic="安全规程", month=1, hours="2")
        response = self.client.post(
            reverse("training:session_new"),
            {
                "form_token": page_token(),
                "date": day.isoformat(),
                "plan_item": str(item.pk),
                "topic": "触电急救",
                "trainer": "县红十字会",
                "hours": "-2",
                "place": "所会议室",
                "material": "急救手册",
                "attendees": [self.clerk.pk],
            },
        )
        self.assertEqual(response.status_code, 400)  # refused, as the other forms (probe72 L2)
        self.assertIn("学时", said_at(response, "hours"))
        self.assertFalse(TrainingSession.objects.exists())
        page = response.content.decode()
        self.assertIn(f'name="date" value="{day.isoformat()}"', page)
        self.assertIn(f'<option value="{item.pk}" selected>', page)
        for typed in ('value="触电急救"', 'value="县红十字会"', 'value="-2"', 'value="所会议室"'):
            self.assertIn(typed, page)
        self.assertIn('value="急救手册"', page)
        self.assertIn(f'value="{self.clerk.pk}" checked', page)
        # The page first offered today's date.
        fresh = self.client.get(reverse("training:session_new")).content.decode()
        self.assertIn(f'name="date" value="{self.today.isoformat()}"', fresh)

    def assert_said_once_at_the_date(self, response: Any, said: tuple[str, str]) -> None:
        """The date refused is said at the date field, in the error style, and only there: not
        again in the banner above (walk27: only in the banner; walk29, finding 10: in both,
        and at the field in body text colour)."""
        page = response.content.decode()
        at_field = page[page.index('data-field-error="date"') :]
        at_field = at_field[: at_field.index("</span>")]
        self.assertIn(said[0], at_field)
        self.assertIn(said[1], at_field)
        self.assertIn("日期", at_field)
        self.assertRegex(page, r'<span class="[^"]*\berrors\b[^"]*" id="date-error"')
        sentence = at_field[at_field.index(">") + 1 :]
        self.assertEqual(page.count(sentence), 1)
        self.assertEqual([str(m) for m in response.context["messages"]], [])

    def test_a_date_is_taken_within_the_range_said_and_refused_outside_with_that_range(
        self,
    ) -> None:
        """Walk26: "日期须在 2025-10-29 至 2028-01-07 之间" was said of 2030-01-01, then
        2027-12-20, inside it, was refused with other words. The range said is the one
        allowed: not in the future, at most 400 days back; the date input has it as its
        min and max."""
        self.login(self.chief)
        earliest = self.today - dt.timedelta(days=400)
        said = (earliest.isoformat(), self.today.isoformat())
        page = self.client.get(reverse("training:session_new")).content.decode()
        self.assertIn(f'min="{said[0]}" max="{said[1]}"', page)
        own = reverse("training:person", args=[self.chief.pk])
        self.assertIn(f'min="{said[0]}" max="{said[1]}"', self.client.get(own).content.decode())
        base = {"topic": "触电急救", "trainer": "县红十字会", "hours": "2"}
        for day in (self.today + dt.timedelta(days=1), earliest - dt.timedelta(days=1)):
            with self.subTest(day=day):
                response = self.client.post(
                    reverse("training:session_new"),
                    {
                        "form_token": page_token(),
                        **base,
                        "date": day.isoformat(),
                        "attendees": [self.clerk.pk],
                    },
                )
                self.assert_said_once_at_the_date(response, said)
                response = self.client.post(
                    own,
                    {
                        "form_token": page_token(),
                        "date": day.isoformat(),
                        "topic": "规程",
                        "hours": "1",
                    },
                )
                self.assert_said_once_at_the_date(response, said)
        self.assertFalse(TrainingSession.objects.exists())
        self.assertFalse(SelfStudy.objects.exists())
        for day in (earliest, self.today):
            response = self.client.post(
                reverse("training:session_new"),
                {
                    "form_token": page_token(),
                    **base,
                    "date": day.isoformat(),
                    "attendees": [self.clerk.pk],
                },
            )
            self.assertEqual(response.status_code, 302)
            response = self.client.post(
                own,
                {
                    "form_token": page_token(),
                    "date": day.isoformat(),
                    "topic": "规程",
                    "hours": "1",
                },
            )
            self.assertEqual(response.status_code, 302)
        self.assertEqual(TrainingSession.objects.count(), 2)
        self.assertEqual(SelfStudy.objects.count(), 2)

    def test_a_date_and_another_field_refused_are_each_said_once(self) -> None:
        self.login(self.clerk)
        url = reverse("training:person", args=[self.clerk.pk])
        future = (self.today + dt.timedelta(days=200)).isoformat()
        response = self.client.post(
            url, {"form_token": page_token(), "date": future, "topic": "规" * 300, "hours": "1"}
        )
        banner = " ".join(str(m) for m in response.context["messages"])
        self.assertIn("300", said_at(response, "topic"))  # the topic's length, at the topic
        self.assertEqual(banner, "")  # the date's range and the topic's: at their fields only
        page = response.content.decode()
        at_field = page[page.index('data-field-error="date"') :]
        self.assertIn(self.today.isoformat(), at_field[: at_field.index("</span>")])
        self.assertFalse(SelfStudy.objects.exists())

    def test_a_refused_self_study_keeps_everything_typed(self) -> None:
        self.login(self.clerk)
        url = reverse("training:person", args=[self.clerk.pk])
        day = self.today - dt.timedelta(days=2)
        response = self.client.post(
            url,
            {
                "form_token": page_token(),
                "date": day.isoformat(),
                "topic": "供电服务规范",
                "hours": "30",
                "material": "手册",
            },
        )
        self.assertEqual(response.status_code, 400)  # refused, as the other forms (probe72 L2)
        self.assertIn("学时", said_at(response, "hours"))
        self.assertFalse(SelfStudy.objects.exists())
        page = response.content.decode()
        self.assertIn(f'name="date" value="{day.isoformat()}"', page)
        for typed in ('value="供电服务规范"', 'value="30"', 'value="手册"'):
            self.assertIn(typed, page)
        fresh = self.client.get(url).content.decode()
        self.assertIn(f'name="date" value="{self.today.isoformat()}"', fresh)
        self.assertIn('name="hours" value="1"', fresh)

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


def said_at(response: Any, name: str) -> str:
    """What the page says at the field ``name`` (its error), asserting the banner says nothing
    more (walkthrough 32, finding 5: a material too long was said only in the banner)."""
    page = response.content.decode()
    start = page.index(f'data-field-error="{name}"')
    said = page[page.index(">", start) + 1 : page.index("</span>", start)]
    assert [str(m) for m in response.context["messages"]] == [], response.context["messages"]
    return said


class TextsSaidAtTheirFieldsTests(BaseTestCase):
    def test_a_material_too_long_is_said_at_it_and_kept_whole(self) -> None:
        self.login(self.chief)
        long = "急救手册" * 750  # 3,000 characters
        base = {
            "date": timezone.localdate().isoformat(),
            "topic": "触电急救",
            "trainer": "县红十字会",
            "hours": "2",
            "attendees": [self.clerk.pk],
        }
        response = self.client.post(
            reverse("training:session_new"), {"form_token": page_token(), **base, "material": long}
        )
        self.assertIn("3000", said_at(response, "material"))
        self.assertIn(f'value="{long}"', response.content.decode())
        self.assertFalse(TrainingSession.objects.exists())
        own = reverse("training:person", args=[self.clerk.pk])
        self.login(self.clerk)
        response = self.client.post(
            own,
            {
                "form_token": page_token(),
                "date": base["date"],
                "topic": "规程",
                "hours": "1",
                "material": long,
            },
        )
        self.assertIn("3000", said_at(response, "material"))
        self.assertIn(f'value="{long}"', response.content.decode())
        self.assertFalse(SelfStudy.objects.exists())
