"""A promise of a month already past is recorded kept only by the chief (``Do.PROMISE_CORRECT_
PAST``): correcting a reported month's figure is a person's decision, recorded. A station's API
token (the system, ``user=None``) is refused 403 saying so, as a hard problem's solving is, and
its hint names no ``kept_at`` (desk79, item 1). Within the month the token still records it."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.cache import cache

from powerdesk.accounts.tokens import token_create
from powerdesk.reports.monthly import monthly_figures
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Promise
from tests.base import BaseTestCase
from tests.servicedesk.promise_cast import promised

START = dt.datetime(2026, 6, 29, 12, 0, tzinfo=dt.UTC)  # 20:00 on 29 June, station's time
DUE = START + dt.timedelta(hours=2)
NEXT_MONTH = dt.datetime(2026, 7, 3, 2, 0, tzinfo=dt.UTC)  # 10:00 on 3 July
KEPT = "2026-06-29T21:55:00+08:00"


class TokenPastMonthTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        cache.clear()
        _token, key = token_create(station_id=self.station_a.pk, name="县公司看板")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        with time_machine.travel(START, tick=False):
            self.promise = promised(
                self, due_at=DUE, text="今晚开好发票并电话告知", category="business"
            )
        with time_machine.travel(DUE + dt.timedelta(minutes=5), tick=False):
            escalations_scan(station=self.station_a)

    def settle(self, body: dict[str, object]) -> object:
        return self.client.post(
            f"/api/v1/promises/{self.promise.pk}/settle",
            body,
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
            **self.auth,
        )

    def test_a_token_may_not_rewrite_a_reported_month(self) -> None:
        with time_machine.travel(NEXT_MONTH, tick=False):
            answer = self.settle({"kept": True, "kept_at": KEPT})
            hint = self.settle({"kept": True})
        self.assertEqual(answer.status_code, 403, answer.content)  # type: ignore[attr-defined]
        detail = answer.json()["detail"]  # type: ignore[attr-defined]
        self.assertIn("2026-06", detail)
        # Said in the station's language (a token's answer): the chief, not the token.
        self.assertIn("所长", detail)
        self.assertIn("API 令牌", detail)
        # The way the token is pointed to after "kept" too late names no kept_at.
        self.assertEqual(hint.status_code, 422)  # type: ignore[attr-defined]
        self.assertNotIn("kept_at", hint.json()["detail"])  # type: ignore[attr-defined]
        self.promise.refresh_from_db()
        self.assertEqual(self.promise.state, Promise.State.BROKEN)
        self.assertEqual(monthly_figures(self.station_a, 2026, 6).promises.kept, 0)

    def test_within_the_month_the_token_still_records_it(self) -> None:
        with time_machine.travel(DUE + dt.timedelta(hours=1), tick=False):
            answer = self.settle({"kept": True, "kept_at": KEPT})
        self.assertEqual(answer.status_code, 200, answer.content)  # type: ignore[attr-defined]
        self.promise.refresh_from_db()
        self.assertEqual(self.promise.state, Promise.State.KEPT)
