"""A training session, a self-study or a plan's course sent twice — a double click, a retry,
Back and send, the page sent twice at once — is recorded once (probe72 M1-M3): each page
carries a one-time token (``servicedesk.idempotency.form_once``, the intake's and the outreach
plan's way); a sending without it is refused, nothing recorded. Two threads at once on SQLite
and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.messages import INFO
from django.test import Client, TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from powerdesk.training.models import PlanItem, SelfStudy, TrainingSession
from powerdesk.training.services import plan_create
from tests.base import BaseTestCase, Cast, build_cast
from tests.racing import sent_at_once


def session(case: Any, token: str) -> dict[str, Any]:
    return {
        "date": timezone.localdate().isoformat(),
        "topic": "触电急救",
        "trainer": "县红十字会",
        "hours": "2",
        "attendees": [case.clerk.pk, case.chief.pk],
        "form_token": token,
    }


def study(token: str, hours: str = "1.5") -> dict[str, Any]:
    return {
        "date": timezone.localdate().isoformat(),
        "topic": "供电服务规范",
        "hours": hours,
        "form_token": token,
    }


def course(token: str) -> dict[str, Any]:
    return {"action": "item", "topic": "防汛", "month": "12", "hours": "2", "form_token": token}


def plan_url(year: int) -> str:
    return reverse("training:plan") + f"?year={year}"


class Planned:
    def make_plan(self: Any) -> None:
        self.year = timezone.localdate().year
        plan_create(station=self.station_a, user=self.chief, year=self.year, hours_per_person="8")


class SentAgainTests(Planned, BaseTestCase):
    def setUp(self) -> None:
        self.make_plan()
        self.login(self.chief)

    def test_a_session_page_sent_again_records_one_session(self) -> None:
        url = reverse("training:session_new")
        page = self.client.get(url)
        token = page.context["form_token"]
        self.assertIn(f'name="form_token" value="{token}"', page.content.decode())
        first = self.client.post(url, session(self, token))
        self.assertEqual(first.status_code, 302)
        self.client.get(first["Location"])  # its "recorded" read
        again = self.client.post(url, session(self, token), follow=True)
        self.assertEqual(TrainingSession.objects.count(), 1)
        self.assertEqual([m.level for m in again.context["messages"]], [INFO])
        self.client.post(url, session(self, "another-page"))  # another page: another session
        self.assertEqual(TrainingSession.objects.count(), 2)

    def test_a_self_study_sent_again_is_recorded_once(self) -> None:
        url = reverse("training:person", args=[self.chief.pk])
        token = self.client.get(url).context["form_token"]
        for _ in range(3):
            self.assertEqual(self.client.post(url, study(token)).status_code, 302)
        self.assertEqual(SelfStudy.objects.count(), 1)

    def test_a_refused_self_study_answers_400_and_keeps_its_token(self) -> None:
        url = reverse("training:person", args=[self.chief.pk])
        for hours in ("0", "nan", "24.5"):
            refused = self.client.post(url, study("page-1", hours))
            self.assertEqual(refused.status_code, 400, hours)
            self.assertEqual(refused.context["form_token"], "page-1")
        self.assertEqual(self.client.post(url, study("page-1")).status_code, 302)
        self.assertEqual(SelfStudy.objects.count(), 1)

    def test_a_course_sent_again_is_in_the_plan_once(self) -> None:
        token = self.client.get(plan_url(self.year)).context["form_token"]
        for _ in range(3):
            self.assertEqual(self.client.post(plan_url(self.year), course(token)).status_code, 302)
        self.assertEqual(PlanItem.objects.count(), 1)

    def test_a_sending_without_the_page_s_token_is_refused_and_records_nothing(self) -> None:
        sent = [
            (reverse("training:session_new"), session(self, "")),
            (reverse("training:person", args=[self.chief.pk]), study("")),
            (plan_url(self.year), course("")),
        ]
        for url, data in sent:
            del data["form_token"]
            response = self.client.post(url, data)
            self.assertEqual(response.status_code, 400, url)
            self.assertTrue(list(response.context["messages"]), url)
        self.assertFalse(TrainingSession.objects.exists())
        self.assertFalse(SelfStudy.objects.exists())
        self.assertFalse(PlanItem.objects.exists())

    def test_a_course_for_a_year_without_a_plan_is_refused_and_said(self) -> None:
        response = self.client.post(plan_url(self.year + 3), course("page-2"))
        self.assertEqual(response.status_code, 400)
        said = " ".join(str(m) for m in response.context["messages"])
        self.assertIn(str(self.year + 3), said)
        self.assertFalse(PlanItem.objects.exists())


class AtOnceTests(Planned, Cast, TransactionTestCase):
    """The same page sent twice at the same moment, each in its own thread and connection."""

    def setUp(self) -> None:
        build_cast(self)
        self.make_plan()

    def race(self, send: Callable[[Client], Any]) -> list[int]:
        return [answer.status_code for answer in sent_at_once(self.chief, send, 2)]

    def test_a_session_sent_twice_at_once_is_one_session(self) -> None:
        data = session(self, "at-once")
        answers = self.race(lambda c: c.post(reverse("training:session_new"), data))
        self.assertEqual(answers, [302, 302])
        self.assertEqual(TrainingSession.objects.count(), 1)

    def test_a_self_study_sent_twice_at_once_is_one_record(self) -> None:
        url = reverse("training:person", args=[self.chief.pk])
        self.assertEqual(self.race(lambda c: c.post(url, study("at-once"))), [302, 302])
        self.assertEqual(SelfStudy.objects.count(), 1)

    def test_a_course_sent_twice_at_once_is_one_course(self) -> None:
        answers = self.race(lambda c: c.post(plan_url(self.year), course("at-once")))
        self.assertEqual(answers, [302, 302])
        self.assertEqual(PlanItem.objects.count(), 1)
