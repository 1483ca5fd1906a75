"""Review 32: a promise is settled once whoever comes second (a double click with the page's
stale promise, the escalation scan a moment after the clerk), and a NUL character typed or
sent is refused at its field, never a 500 (PostgreSQL cannot store it)."""

from __future__ import annotations

import datetime as dt

import time_machine

from powerdesk.lib.form_text import too_long_refused
from powerdesk.lib.forms import FieldError
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.followup import hard_problem_open
from powerdesk.servicedesk.models import HardProblemStep, Promise
from powerdesk.servicedesk.promises import PromiseReasonError, promise_make, promise_settle
from powerdesk.servicedesk.services import WorkOrderError, work_order_create
from tests.base import BaseTestCase

START = dt.datetime(2026, 6, 20, 14, 0, tzinfo=dt.UTC)


class SettledOnceTests(BaseTestCase):
    def make(self) -> Promise:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="business",
            summary="过户",
            customer=self.customer,
        )
        return promise_make(
            station=self.station_a,
            user=self.clerk,
            work_order=order,
            text="下午回电",
            due_at=START + dt.timedelta(minutes=30),
        )

    def lines(self, promise: Promise) -> list[str]:
        assert promise.work_order is not None
        return list(
            promise.work_order.events.filter(note_code__startswith="promise_")
            .exclude(note_code="promise_made")
            .values_list("note_code", flat=True)
        )

    def test_a_second_press_with_the_page_s_stale_promise_is_refused(self) -> None:
        with time_machine.travel(START, tick=False):
            promise = self.make()
            stale = Promise.objects.get(pk=promise.pk)
            promise_settle(promise=promise, kept=True, user=self.clerk)
            with self.assertRaises(WorkOrderError):
                promise_settle(promise=stale, kept=True, user=self.clerk)
        self.assertEqual(self.lines(promise), ["promise_kept"])

    def test_the_scan_after_the_clerk_leaves_the_clerk_s_word(self) -> None:
        with time_machine.travel(START, tick=False):
            promise = self.make()
            promise_settle(promise=promise, kept=True, user=self.clerk)
        with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
            escalations_scan(station=self.station_a)
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.KEPT)
        self.assertEqual(promise.settled_at, START)
        self.assertEqual(self.lines(promise), ["promise_kept"])


class NulRefusedTests(BaseTestCase):
    def test_a_service_text_with_nul_is_refused_at_its_field(self) -> None:
        with self.assertRaises(FieldError) as caught:
            too_long_refused(FieldError, "备注", "好\x00的", 100, "note")
        self.assertEqual(caught.exception.field, "note")
        self.assertIn("NUL", str(caught.exception))

    def test_a_promise_reason_with_nul_is_refused(self) -> None:
        with time_machine.travel(START, tick=False):
            order = work_order_create(
                station=self.station_a,
                user=self.clerk,
                category="business",
                summary="过户",
                customer=self.customer,
            )
            promise = promise_make(
                station=self.station_a,
                user=self.clerk,
                work_order=order,
                text="下午回电",
                due_at=START + dt.timedelta(minutes=10),
            )
        with (
            time_machine.travel(START + dt.timedelta(minutes=20), tick=False),
            self.assertRaises(PromiseReasonError),
        ):
            promise_settle(promise=promise, kept=False, user=self.clerk, reason="路\x00断")
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.OPEN)

    def test_a_hard_problem_note_with_nul_on_the_page_stores_nothing(self) -> None:
        problem = hard_problem_open(station=self.station_a, user=self.chief, title="电压低")
        self.login(self.chief)
        response = self.client.post(
            problem.get_absolute_url(), {"action": "revisit", "note": "回访\x00了"}
        )
        self.assertLess(response.status_code, 500)
        self.assertContains(response, "NUL", status_code=response.status_code)
        self.assertFalse(HardProblemStep.objects.filter(problem=problem).exists())
