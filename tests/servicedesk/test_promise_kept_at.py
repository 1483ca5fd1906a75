"""A promise kept by its time but recorded a few minutes after it (walk74 finding 7): said kept
with the time it was done. By its time it is kept on time, even once the escalation job has
recorded it broken (the correction a line of the order's history below the broken one, with who
said it); after its time it is kept late, counted apart in the monthly figure."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.dashboards.service import promises_kept
from powerdesk.reports.monthly import monthly_figures
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Promise
from powerdesk.servicedesk.promises_kept_at import PromiseKeptAtError, promise_kept_at
from tests.base import BaseTestCase
from tests.servicedesk.promise_cast import promised

START = dt.datetime(2026, 6, 20, 12, 0, tzinfo=dt.UTC)  # 20:00 in the station's time
DUE = START + dt.timedelta(minutes=50)


def local(at: dt.datetime) -> str:
    return (at + dt.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M")


class PromiseKeptAtTests(BaseTestCase):
    def make(self) -> Promise:
        with time_machine.travel(START, tick=False):
            return promised(self, due_at=DUE, text="今晚开好发票并电话告知", category="business")

    def post(self, promise: Promise, kept_at: str) -> object:
        self.login(self.clerk)
        return self.client.post(
            reverse("servicedesk:promise_action"),
            {"promise": promise.pk, "action": "kept_at", "kept_at": kept_at},
        )

    def test_kept_by_its_time_recorded_two_minutes_after_is_kept_on_time(self) -> None:
        promise = self.make()
        with time_machine.travel(DUE + dt.timedelta(minutes=2), tick=False):
            page = self.client.get(reverse("servicedesk:promises"))
            self.login(self.clerk)
            page = self.client.get(reverse("servicedesk:promises"))
            self.assertContains(page, f'data-testid="promise-kept-at-{promise.pk}"')
            response = self.post(promise, local(DUE - dt.timedelta(minutes=1)))
        self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.KEPT)
        self.assertEqual(promise.kept_at, DUE - dt.timedelta(minutes=1))
        self.assertEqual(promise.kept_said_by, self.clerk)
        order = promise.work_order
        assert order is not None
        line = order.events.get(note_code="promise_kept_at")
        self.assertEqual(line.by, self.clerk)

    def test_a_promise_the_scan_broke_is_corrected_to_kept_and_its_broken_line_stays(self) -> None:
        promise = self.make()
        with time_machine.travel(DUE + dt.timedelta(minutes=3), tick=False):
            escalations_scan(station=self.station_a)
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.BROKEN)
        with time_machine.travel(DUE + dt.timedelta(minutes=10), tick=False):
            self.login(self.clerk)
            page = self.client.get(reverse("servicedesk:promises"))
            self.assertContains(page, f'data-testid="promise-kept-at-{promise.pk}"')
            self.post(promise, local(DUE - dt.timedelta(minutes=1)))
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.KEPT)
        self.assertEqual(promise.settled_at, DUE + dt.timedelta(minutes=10))
        order = promise.work_order
        assert order is not None
        codes = list(order.events.order_by("at", "pk").values_list("note_code", flat=True))
        self.assertLess(codes.index("promise_broken_late"), codes.index("promise_kept_corrected"))
        self.assertEqual(order.events.get(note_code="promise_kept_corrected").by, self.clerk)

    def test_kept_after_its_time_is_kept_late_and_counted_apart(self) -> None:
        promise = self.make()
        on_time = self.make()
        with time_machine.travel(DUE + dt.timedelta(minutes=30), tick=False):
            promise_kept_at(promise=promise, user=self.clerk, at=DUE + dt.timedelta(minutes=20))
            promise_kept_at(promise=on_time, user=self.clerk, at=DUE - dt.timedelta(minutes=5))
            promise.refresh_from_db()
            self.assertEqual(promise.state, Promise.State.KEPT_LATE)
            f = monthly_figures(self.station_a, 2026, 6)
            self.assertEqual((f.promises.kept, f.promises.kept_late), (1, 1))
            self.assertEqual(f.settled, 2)
            self.assertEqual(f.kept_rate, 0.5)
            d = promises_kept(self.station_a, START, START + dt.timedelta(days=1))
            self.assertEqual((d.met, d.missed), (1, 1))
            self.login(self.chief)
            html = self.client.get(reverse("reports:monthly"), {"month": "2026-06"})
            self.assertContains(html, 'data-figure="kept-late"')

    def test_a_time_in_the_future_or_before_the_promise_is_refused(self) -> None:
        promise = self.make()
        with time_machine.travel(DUE + dt.timedelta(minutes=2), tick=False):
            with self.assertRaises(PromiseKeptAtError):
                promise_kept_at(promise=promise, user=self.clerk, at=DUE + dt.timedelta(hours=1))
            with self.assertRaises(PromiseKeptAtError):
                promise_kept_at(promise=promise, user=self.clerk, at=START - dt.timedelta(hours=1))
            response = self.post(promise, "not a time")
            self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.OPEN)
