"""A visit planned or recorded twice — a double click, a retry, the page sent twice at once —
is one visit with one "planned" and one "done" line (probe71 M1, L2): the planning page carries
a one-time token that answers the visit its first sending planned; the same record sent again
changes nothing. Two threads at once on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client, TransactionTestCase
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.outreach.models import OutreachVisit, OutreachVisitEvent
from powerdesk.outreach.services import visit_plan_once, visit_record
from tests.base import BaseTestCase, Cast, build_cast
from tests.racing import sent_at_once


def plan(case: Any, token: str) -> dict[str, Any]:
    return {
        "date": timezone.localdate().isoformat(),
        "title": "左门村安全用电宣传",
        "villages": [case.village.pk],
        "staff": [case.clerk.pk],
        "topics": ["safe_use"],
        "form_token": token,
    }


def record(households: int = 1) -> dict[str, Any]:
    return {"action": "record", "households_reached": households, "materials": "宣传单 30 份"}


class SentAgainTests(BaseTestCase):
    def test_the_planning_page_sent_twice_plans_one_visit_and_answers_it_both_times(self) -> None:
        self.login(self.clerk)
        url = reverse("outreach:visit_new")
        page = self.client.get(url)
        token = page.context["form_token"]
        self.assertIn(f'name="form_token" value="{token}"', page.content.decode())
        with translation.override("en"):
            first = self.client.post(url, plan(self, token))
            again = self.client.post(url, plan(self, token), follow=True)
        visit = OutreachVisit.objects.get()
        self.assertEqual(first["Location"], visit.get_absolute_url())
        self.assertEqual(again.redirect_chain[-1][0], visit.get_absolute_url())
        self.assertIn("这份计划已经提交过", again.content.decode())
        self.assertEqual(visit.events.filter(what="planned").count(), 1)
        # Another page (its own token) is another visit, as a second plan should be.
        self.client.post(url, plan(self, "another-page"))
        self.assertEqual(OutreachVisit.objects.count(), 2)

    def test_a_refused_page_keeps_its_token_and_once_corrected_plans_one_visit(self) -> None:
        self.login(self.clerk)
        url = reverse("outreach:visit_new")
        refused = self.client.post(url, {**plan(self, "page-1"), "title": ""})
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(refused.context["form_token"], "page-1")
        self.client.post(url, plan(self, "page-1"))
        self.client.post(url, plan(self, "page-1"))
        self.assertEqual(OutreachVisit.objects.count(), 1)

    def test_the_same_token_at_the_service_answers_the_first_visit(self) -> None:
        kwargs = {
            "station": self.station_a, "user": self.clerk, "date": timezone.localdate(),
            "title": "宣传", "villages": [self.village], "staff": [self.clerk],
            "topics": ["safe_use"], "form_token": "t-1",
        }  # fmt: skip
        first, new = visit_plan_once(**kwargs)
        again, new_again = visit_plan_once(**kwargs)
        self.assertEqual((first, new, new_again), (again, True, False))

    def test_the_same_record_twice_writes_one_done_line_and_a_correction_its_own(self) -> None:
        visit = visit_plan_once(
            station=self.station_a, user=self.clerk, date=timezone.localdate(), title="宣传",
            villages=[self.village], staff=[self.clerk], topics=["safe_use"],
        )[0]  # fmt: skip
        self.login(self.clerk)
        url = visit.get_absolute_url()
        self.assertEqual(self.client.post(url, record()).status_code, 302)
        self.assertEqual(self.client.post(url, record()).status_code, 302)
        self.assertEqual(visit.events.filter(what="done").count(), 1)
        visit_record(visit=visit, user=self.clerk, households_reached=1, materials="宣传单 30 份")
        self.assertEqual(visit.events.filter(what="done").count(), 1)
        # Other figures are a correction: recorded, with its line.
        self.client.post(url, record(households=0))
        visit.refresh_from_db()
        self.assertEqual(visit.households_reached, 0)
        self.assertEqual(visit.events.filter(what="done").count(), 2)


class AtOnceTests(Cast, TransactionTestCase):
    """The same page sent twice at the same moment, each in its own thread and connection."""

    def setUp(self) -> None:
        build_cast(self)

    def race(self, send: Callable[[Client], Any], n: int = 2) -> list[Any]:
        return sent_at_once(self.clerk, send, n)

    def test_the_planning_page_sent_twice_at_once_plans_one_visit(self) -> None:
        data = plan(self, "page-at-once")
        answers = self.race(lambda c: c.post(reverse("outreach:visit_new"), data))
        visit = OutreachVisit.objects.get()
        self.assertEqual({a["Location"] for a in answers}, {visit.get_absolute_url()})
        self.assertEqual(OutreachVisitEvent.objects.filter(what="planned").count(), 1)

    def test_a_visit_recorded_twice_at_once_has_one_done_line(self) -> None:
        visit = visit_plan_once(
            station=self.station_a, user=self.clerk, date=timezone.localdate(), title="宣传",
            villages=[self.village], staff=[self.clerk], topics=["safe_use"],
        )[0]  # fmt: skip
        answers = self.race(lambda c: c.post(visit.get_absolute_url(), record()))
        self.assertEqual([a.status_code for a in answers], [302, 302])
        self.assertEqual(visit.events.filter(what="done").count(), 1)
