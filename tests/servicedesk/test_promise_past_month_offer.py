"""What would be refused is not offered (walk77 L2, review77 L11): a promise due in a month
already past is recorded kept by the chief only, so the desk is told so beforehand, on the
promises page (no "it was kept: say when" form) and in the refusal of a late "kept" (no link to
that form, and the API names no ``kept_at`` to send). A refused "kept at" is said once, at its
own field: not also at the reason's field, which does not take the focus."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.urls import reverse

from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Promise
from tests.base import BaseTestCase
from tests.servicedesk.promise_cast import promised

START = dt.datetime(2026, 6, 29, 12, 0, tzinfo=dt.UTC)  # 20:00 on 29 June, station's time
DUE = START + dt.timedelta(hours=2)
NEXT_MONTH = dt.datetime(2026, 7, 3, 2, 0, tzinfo=dt.UTC)  # 10:00 on 3 July
SAME_MONTH = DUE + dt.timedelta(hours=3)
JSON = "application/json"


class PastMonthOfferTests(BaseTestCase):
    def setUp(self) -> None:
        with time_machine.travel(START, tick=False):
            self.promise = promised(self, due_at=DUE, text="今晚开好发票", category="business")

    def send(self, data: dict[str, object]) -> str:
        """The promises page the refused form is answered with (its redirect followed)."""
        answer = self.client.post(reverse("servicedesk:promise_action"), data, follow=True)
        return answer.content.decode()

    def page(self) -> str:
        return self.client.get(reverse("servicedesk:promises")).content.decode()

    def test_the_desk_is_told_who_may_instead_of_a_form_it_cannot_use(self) -> None:
        with time_machine.travel(DUE + dt.timedelta(minutes=5), tick=False):
            escalations_scan(station=self.station_a)
        pk = self.promise.pk
        with time_machine.travel(NEXT_MONTH, tick=False):
            self.login(self.clerk)
            clerk = self.page()
            self.login(self.chief)
            chief = self.page()
        self.assertNotIn(f'data-testid="promise-kept-at-{pk}"', clerk)
        self.assertIn(f'data-testid="promise-kept-at-chief-{pk}"', clerk)
        self.assertIn(f'data-testid="promise-kept-at-{pk}"', chief)
        self.assertNotIn(f'data-testid="promise-kept-at-chief-{pk}"', chief)

    def test_a_late_kept_links_no_form_and_the_api_names_no_kept_at(self) -> None:
        pk = self.promise.pk
        with time_machine.travel(NEXT_MONTH, tick=False):
            self.login(self.clerk)
            page = self.send({"promise": pk, "kept": "1"})
            answer = self.client.post(
                f"/api/v1/promises/{pk}/settle",
                {"kept": True},
                content_type=JSON,
                HTTP_ACCEPT_LANGUAGE="en",
            )
        self.assertIn(f'data-testid="promise-reason-error-{pk}"', page)
        self.assertNotIn(f'data-testid="promise-late-kept-at-{pk}"', page)
        self.assertNotIn(f'data-testid="promise-kept-at-{pk}"', page)
        self.assertEqual(answer.status_code, 422, answer.content)
        detail = answer.json()["detail"]
        self.assertIn("2026-06", detail)
        self.assertNotIn("kept_at", detail)
        self.promise.refresh_from_db()
        self.assertEqual(self.promise.state, Promise.State.OPEN)

    def test_within_the_month_the_link_and_the_hint_are_still_there(self) -> None:
        pk = self.promise.pk
        with time_machine.travel(SAME_MONTH, tick=False):
            self.login(self.clerk)
            page = self.send({"promise": pk, "kept": "1"})
            answer = self.client.post(
                f"/api/v1/promises/{pk}/settle", {"kept": True}, content_type=JSON
            )
        self.assertIn(f'data-testid="promise-late-kept-at-{pk}"', page)
        self.assertIn('"kept_at"', answer.json()["detail"])

    def refused_kept_at(self, when: dt.datetime, kept_at: str) -> str:
        with time_machine.travel(when, tick=False):
            self.login(self.clerk)
            return self.send({"promise": self.promise.pk, "action": "kept_at", "kept_at": kept_at})

    def assert_said_once_at_kept_at(self, page: str) -> None:
        pk = self.promise.pk
        self.assertEqual(page.count(f'data-testid="promise-kept-at-error-{pk}"'), 1)
        self.assertNotIn(f'data-testid="promise-reason-error-{pk}"', page)
        self.assertNotIn(f'data-testid="promise-explain-error-{pk}"', page)
        self.assertEqual(len(re.findall(r"\sautofocus\b", page)), 1)
        self.assertEqual(page.count('aria-invalid="true"'), 1)

    def test_a_refused_kept_at_of_an_open_promise_is_said_at_its_field_only(self) -> None:
        # Later than now: refused, whoever says it.
        page = self.refused_kept_at(SAME_MONTH, "2026-06-30T23:00")
        self.assert_said_once_at_kept_at(page)

    def test_a_refused_kept_at_of_a_broken_promise_is_said_at_its_field_only(self) -> None:
        with time_machine.travel(DUE + dt.timedelta(minutes=5), tick=False):
            escalations_scan(station=self.station_a)
        page = self.refused_kept_at(SAME_MONTH, "2026-06-30T23:00")
        self.assert_said_once_at_kept_at(page)

    def test_a_past_month_refusal_sent_anyway_is_said_once(self) -> None:
        with time_machine.travel(DUE + dt.timedelta(minutes=5), tick=False):
            escalations_scan(station=self.station_a)
        page = self.refused_kept_at(NEXT_MONTH, "2026-06-29T21:00")
        self.assertEqual(page.count(f'data-testid="promise-kept-at-error-{self.promise.pk}"'), 1)
        self.assertNotIn(f'data-testid="promise-explain-error-{self.promise.pk}"', page)
        self.promise.refresh_from_db()
        self.assertEqual(self.promise.state, Promise.State.BROKEN)
