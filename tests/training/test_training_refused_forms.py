"""Staff training's forms refused: what was typed comes back (the date too), a date is taken within
the range said, each problem is said once and at its field (split out of test_training, review72
L6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.training.models import SelfStudy, TrainingSession
from powerdesk.training.services import plan_create, plan_item_add
from tests.base import BaseTestCase, page_token


class RefusedFormsTests(BaseTestCase):
    def setUp(self) -> None:
        self.today = timezone.localdate()
        self.plan = plan_create(
            station=self.station_a, user=self.chief, year=self.today.year, hours_per_person="4"
        )

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
