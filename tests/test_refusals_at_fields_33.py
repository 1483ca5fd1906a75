"""Review 33, finding 4: arrears, outreach and training views raised an error without words
(``raise ArrearsError("")``) to carry a form's errors, and said the services' refusals in a
banner. Every refusal says what is wrong at its field, every one of the form at once, what was
typed kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.arrears.services import ArrearsError, case_open, notice_record
from powerdesk.outreach.services import visit_plan_once
from powerdesk.training.models import PlanItem, TrainingSession
from powerdesk.training.services import plan_create
from tests.base import BaseTestCase, page_token
from tests.test_outage_form_errors import field_errors


class AtTheFieldsTests(BaseTestCase):
    def assert_no_banner(self, response: Any) -> None:
        self.assertEqual([str(m) for m in response.context["messages"]], [])

    def test_an_arrears_step_s_refusals_are_at_their_fields(self) -> None:
        case = case_open(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            amount=Decimal("410.20"),
            owed_since=dt.date(2026, 8, 1),
        )
        self.login(self.chief)
        response = self.client.post(case.get_absolute_url(), {"step": "notice", "method": "pigeon"})
        self.assertEqual(response.status_code, 400)
        self.assert_no_banner(response)
        self.assertTrue(field_errors(response.content.decode(), "method"))
        notice_record(case=case, user=self.clerk, method="in_person")
        response = self.client.post(case.get_absolute_url(), {"step": "liaison", "outcome": " "})
        self.assertEqual(response.status_code, 400)
        self.assert_no_banner(response)
        self.assertIn("联络员", field_errors(response.content.decode(), "outcome"))

    def test_a_form_s_errors_are_carried_in_words(self) -> None:
        # (an error without words is no refusal: it says them all, each at its field)
        refused = ArrearsError(wrong={"outcome": "太长", "reason": "要写"})
        self.assertEqual(str(refused), "太长 要写")
        self.assertEqual(refused.field, "outcome")

    def test_a_visit_s_refusals_are_at_their_fields(self) -> None:
        visit = visit_plan_once(
            station=self.station_a,
            user=self.clerk,
            date=timezone.localdate(),
            title="左门村安全用电进村入户",
            villages=[self.village],
            staff=[self.clerk],
            topics=["safe_use"],
        )[0]
        url = reverse("outreach:visit", args=[visit.pk])
        self.login(self.clerk)
        response = self.client.post(url, {"action": "photo", "caption": "入户"})
        self.assertEqual(response.status_code, 400)
        self.assert_no_banner(response)
        self.assertIn("照片", field_errors(response.content.decode(), "image"))
        self.assertIn('value="入户"', response.content.decode())
        response = self.client.post(
            url, {"action": "record", "households_reached": "900", "materials": "传单"}
        )
        self.assertEqual(response.status_code, 400)
        self.assert_no_banner(response)
        self.assertIn("900", field_errors(response.content.decode(), "households_reached"))
        self.assertIn('value="900"', response.content.decode())

    def test_a_course_s_month_is_said_with_the_other_fields_at_once(self) -> None:
        year = timezone.localdate().year
        plan_create(station=self.station_a, user=self.chief, year=year, hours_per_person="4")
        self.login(self.chief)
        response = self.client.post(
            reverse("training:plan") + f"?year={year}",
            {
                "form_token": page_token(),
                "action": "item",
                "month": "13",
                "topic": "触" * 101,
                "audience": "",
                "hours": "1",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assert_no_banner(response)
        html = response.content.decode()
        self.assertIn("101", field_errors(html, "topic"))
        self.assertIn("12", field_errors(html, "month"))
        self.assertFalse(PlanItem.objects.exists())

    def test_a_session_without_a_topic_is_said_at_the_topic(self) -> None:
        self.login(self.chief)
        response = self.client.post(
            reverse("training:session_new"),
            {
                "form_token": page_token(),
                "date": timezone.localdate().isoformat(),
                "topic": "",
                "trainer": "县红十字会",
                "hours": "2",
                "attendees": [self.clerk.pk],
            },
        )
        self.assert_no_banner(response)
        self.assertIn('data-field-error="topic"', response.content.decode())
        self.assertIn('value="县红十字会"', response.content.decode())
        self.assertFalse(TrainingSession.objects.exists())

    def test_a_session_says_every_problem_at_its_field_at_once(self) -> None:
        self.login(self.chief)
        response = self.client.post(
            reverse("training:session_new"),
            {
                "form_token": page_token(),
                "date": "2026-02-30",
                "topic": "触电急救",
                "trainer": "",
                "hours": "-2",
                "place": "所会议室",
            },
        )
        # No one ticked, no trainer, hours out of bounds, a day that is none: one answer, each
        # at its field, nothing in the banner, what was typed kept.
        self.assert_no_banner(response)
        html = response.content.decode()
        for name in ("attendees", "trainer", "hours", "date"):
            self.assertIn(f'data-field-error="{name}"', html, name)
        self.assertIn('value="触电急救"', html)
        self.assertIn('value="所会议室"', html)
        self.assertFalse(TrainingSession.objects.exists())
        # The date right, the rest as before: the service's own problems, all at once.
        response = self.client.post(
            reverse("training:session_new"),
            {
                "form_token": page_token(),
                "date": timezone.localdate().isoformat(),
                "topic": "触电急救",
                "hours": "2",
            },
        )
        self.assert_no_banner(response)
        html = response.content.decode()
        for name in ("attendees", "trainer"):
            self.assertIn(f'data-field-error="{name}"', html, name)
        self.assertFalse(TrainingSession.objects.exists())
