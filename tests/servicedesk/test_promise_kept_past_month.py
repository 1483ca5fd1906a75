"""A promise of a month already past is not recorded kept by the desk (probe76, 7: a clerk made
a broken promise of January 2025 kept today, and that month's reported kept rate changed): only
the chief corrects it. And a promise kept in the very minute it was made, written in minutes as
the form writes it, is not "before the promise was made" (probe76, 10); a time written with its
offset is read."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.reports.monthly import monthly_figures
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Promise
from powerdesk.servicedesk.promises_kept_at import PromiseKeptAtError, promise_kept_at
from tests.base import BaseTestCase
from tests.servicedesk.promise_cast import promised

START = dt.datetime(2026, 6, 29, 12, 0, tzinfo=dt.UTC)  # 20:00 on 29 June, station's time
DUE = START + dt.timedelta(hours=2)
NEXT_MONTH = dt.datetime(2026, 7, 3, 2, 0, tzinfo=dt.UTC)  # 10:00 on 3 July


class PastMonthTests(BaseTestCase):
    def setUp(self) -> None:
        with time_machine.travel(START, tick=False):
            self.promise = promised(
                self, due_at=DUE, text="今晚开好发票并电话告知", category="business"
            )
        with time_machine.travel(DUE + dt.timedelta(minutes=5), tick=False):
            escalations_scan(station=self.station_a)
        self.promise.refresh_from_db()
        assert self.promise.state == Promise.State.BROKEN

    def test_the_desk_may_not_rewrite_a_reported_month(self) -> None:
        with time_machine.travel(NEXT_MONTH, tick=False):
            with self.assertRaises(PromiseKeptAtError) as refused:
                promise_kept_at(promise=self.promise, user=self.clerk, at=DUE)
            self.assertIn("2026-06", str(refused.exception))
            self.login(self.clerk)
            self.client.post(
                reverse("servicedesk:promise_action"),
                {"promise": self.promise.pk, "action": "kept_at", "kept_at": "2026-06-29T22:00"},
            )
        self.promise.refresh_from_db()
        self.assertEqual(self.promise.state, Promise.State.BROKEN)
        self.assertEqual(monthly_figures(self.station_a, 2026, 6).promises.kept, 0)

    def test_the_chief_corrects_it_and_the_month_says_so(self) -> None:
        with time_machine.travel(NEXT_MONTH, tick=False):
            promise_kept_at(promise=self.promise, user=self.chief, at=DUE)
        self.promise.refresh_from_db()
        self.assertEqual(self.promise.state, Promise.State.KEPT)
        self.assertEqual(monthly_figures(self.station_a, 2026, 6).promises.kept, 1)

    def test_within_the_month_the_desk_still_corrects_it(self) -> None:
        with time_machine.travel(DUE + dt.timedelta(hours=1), tick=False):
            promise_kept_at(promise=self.promise, user=self.clerk, at=DUE)
        self.promise.refresh_from_db()
        self.assertEqual(self.promise.state, Promise.State.KEPT)


class SameMinuteTests(BaseTestCase):
    def test_kept_in_the_minute_it_was_made_and_written_with_its_offset(self) -> None:
        made = dt.datetime(2026, 6, 20, 12, 1, 58, tzinfo=dt.UTC)  # 20:01:58 station's time
        with time_machine.travel(made, tick=False):
            promise = promised(
                self, due_at=made + dt.timedelta(hours=1), text="马上回电", category="business"
            )
        with time_machine.travel(made + dt.timedelta(minutes=5), tick=False):
            promise_kept_at(promise=promise, user=self.clerk, at=made.replace(second=0))
            other = promised(
                self, due_at=made + dt.timedelta(hours=1), text="再回电", category="business"
            )
            self.login(self.clerk)
            self.client.post(
                reverse("servicedesk:promise_action"),
                {"promise": other.pk, "action": "kept_at", "kept_at": "2026-06-20T20:06+08:00"},
            )
        promise.refresh_from_db()
        other.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.KEPT)
        self.assertGreaterEqual(promise.kept_at, promise.made_at)  # never before it was made
        self.assertEqual(other.state, Promise.State.KEPT)
