"""The training plan's forms: a text too long is refused at its field with its limit and the
length typed, never cut by a ``maxlength``; the page is drawn again with all that was typed (a
refusal redirected to an empty form: what was typed was lost)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.training.models import PlanItem, TrainingPlan
from powerdesk.training.services import TrainingError, plan_create, plan_item_add
from tests.base import BaseTestCase, page_token
from tests.test_outage_form_errors import field_errors


class PlanTextTooLongTests(BaseTestCase):
    def setUp(self) -> None:
        self.year = timezone.localdate().year
        self.plan = plan_create(
            station=self.station_a, user=self.chief, year=self.year, hours_per_person="4"
        )
        self.login(self.chief)

    def post(self, year: int, data: dict[str, str]) -> Any:
        return self.client.post(
            reverse("training:plan") + f"?year={year}", {**data, "form_token": page_token()}
        )

    def test_the_plan_pages_carry_no_maxlength(self) -> None:
        for year in (self.year, self.year + 1):  # a plan's course form; a new plan's form
            page = self.client.get(reverse("training:plan") + f"?year={year}").content.decode()
            self.assertIn('name="hours"' if year == self.year else 'name="notes"', page)
            self.assertNotIn('maxlength="', page)

    def test_a_course_topic_too_long_is_refused_at_it_and_all_typed_kept(self) -> None:
        typed = "触" * 101
        data = {
            "action": "item",
            "month": "7",
            "topic": typed,
            "audience": "抢修班",
            "hours": "1.5",
        }
        response = self.post(self.year, data)
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        said = field_errors(html, "topic")
        self.assertIn("100", said)
        self.assertIn("101", said)
        self.assertIn(f'value="{typed}"', html)
        self.assertIn('value="抢修班"', html)
        self.assertIn('value="1.5"', html)
        self.assertIn('<option value="7" selected>', html)
        self.assertFalse(PlanItem.objects.exists())

    def test_a_course_refused_by_the_service_keeps_what_was_typed(self) -> None:
        response = self.post(
            self.year, {"action": "item", "month": "3", "topic": "触电急救", "hours": "1.2"}
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn("半小时", field_errors(html, "hours"))
        self.assertIn('value="触电急救"', html)
        self.assertIn('value="1.2"', html)
        self.assertFalse(PlanItem.objects.exists())

    def test_a_new_plan_s_notes_too_long_are_refused_and_kept(self) -> None:
        typed = "注" * 4001
        response = self.post(
            self.year + 1, {"action": "create", "hours_per_person": "32", "notes": typed}
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        said = field_errors(html, "notes")
        self.assertIn("4000", said)
        self.assertIn("4001", said)
        self.assertIn(f'value="{typed}"', html)
        self.assertIn('value="32"', html)
        self.assertFalse(TrainingPlan.objects.filter(year=self.year + 1).exists())

    def test_hours_typed_too_long_are_refused_not_cut_to_a_number(self) -> None:
        typed = "2." + "0" * 30 + "1"
        response = self.post(
            self.year, {"action": "item", "month": "3", "topic": "x", "hours": typed}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("20", field_errors(response.content.decode(), "hours"))
        self.assertFalse(PlanItem.objects.exists())

    def test_the_services_refuse_texts_too_long_at_their_field(self) -> None:
        with self.assertRaises(TrainingError) as caught:
            plan_item_add(plan=self.plan, user=self.chief, topic="x" * 101, month=3, hours="2")
        self.assertEqual(caught.exception.field, "topic")
        with self.assertRaises(TrainingError) as caught:
            plan_item_add(
                plan=self.plan, user=self.chief, topic="x", month=3, hours="2", audience="y" * 61
            )
        self.assertEqual(caught.exception.field, "audience")
        with self.assertRaises(TrainingError) as caught:
            plan_create(
                station=self.station_a,
                user=self.chief,
                year=self.year + 1,
                hours_per_person="4",
                notes="z" * 4001,
            )
        self.assertEqual(caught.exception.field, "notes")
        self.assertFalse(PlanItem.objects.exists())
