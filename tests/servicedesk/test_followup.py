"""Promises, escalation notices, hard problems, suggestions and praise."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.calls import call_log
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.feedback import feedback_answer
from powerdesk.servicedesk.followup import (
    feedback_from_call,
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_revisit,
    hard_problem_solve,
    hard_problem_step_done,
)
from powerdesk.servicedesk.models import Feedback, Notification, Promise
from powerdesk.servicedesk.promises import promise_make, promise_settle
from powerdesk.servicedesk.services import WorkOrderError, work_order_create
from tests.base import BaseTestCase, post_intake

START = dt.datetime(2026, 6, 20, 14, 0, tzinfo=dt.UTC)


class PromiseTests(BaseTestCase):
    def test_a_promise_kept_in_time_counts_as_kept_and_is_in_the_order_s_history(self) -> None:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="business",
            summary="过户",
            customer=self.customer,
        )
        # (A fault repair's promise is kept by power back: ``test_promise_power_off``.)
        promise = promise_make(
            station=self.station_a,
            user=self.clerk,
            work_order=order,
            text="明天10点前上门办理",
            due_at=timezone.now() + dt.timedelta(hours=12),
        )
        self.assertEqual(promise.customer, self.customer)
        promise = promise_settle(promise=promise, kept=True, user=self.clerk)
        self.assertEqual(promise.state, Promise.State.KEPT)
        notes = list(order.events.filter(kind="note").values_list("note", flat=True))
        self.assertTrue(any("明天10点前上门办理" in n for n in notes))

    def test_a_promise_in_the_past_is_refused(self) -> None:
        with self.assertRaisesMessage(WorkOrderError, "必须在将来"):
            promise_make(
                station=self.station_a,
                user=self.clerk,
                text="x",
                due_at=timezone.now() - dt.timedelta(minutes=1),
            )

    def test_a_promise_not_settled_in_time_is_broken_and_the_chief_is_told(self) -> None:
        with time_machine.travel(START, tick=False):
            promise = promise_make(
                station=self.station_a,
                user=self.clerk,
                text="今晚来电",
                due_at=START + dt.timedelta(hours=2),
                customer=self.customer,
            )
        with time_machine.travel(START + dt.timedelta(hours=3), tick=False):
            made = escalations_scan(station=self.station_a)
            promise.refresh_from_db()
            self.assertEqual(promise.state, Promise.State.BROKEN)
            self.assertEqual(made, 2)  # the clerk who promised, and the chief
            self.assertEqual(escalations_scan(station=self.station_a), 0)  # told once
        self.assertTrue(
            Notification.objects.filter(recipient=self.chief, kind="promise_broken").exists()
        )


class EscalationTests(BaseTestCase):
    def test_an_overdue_order_notifies_its_owner_and_the_chief_once(self) -> None:
        with time_machine.travel(START, tick=False):
            order = work_order_create(
                station=self.station_a, user=self.clerk, category="hazard", summary="电杆倾斜"
            )
        with time_machine.travel(START + dt.timedelta(minutes=30), tick=False):
            self.assertEqual(escalations_scan(station=self.station_a), 2)  # due soon
        with time_machine.travel(START + dt.timedelta(hours=5), tick=False):
            self.assertEqual(escalations_scan(station=self.station_a), 2)  # now overdue
            self.assertEqual(escalations_scan(station=self.station_a), 0)
        kinds = set(
            Notification.objects.filter(work_order=order).values_list("recipient__username", "kind")
        )
        self.assertEqual(
            kinds,
            {
                ("clerk", "due_soon"),
                ("chief", "due_soon"),
                ("clerk", "overdue"),
                ("chief", "overdue"),
            },
        )
        self.login(self.chief)
        self.assertContains(self.client.get(reverse("web:home")), "电杆倾斜")

    def test_a_paused_order_is_not_escalated(self) -> None:
        from powerdesk.servicedesk.order_field import work_order_pause

        with time_machine.travel(START, tick=False):
            order = work_order_create(
                station=self.station_a, user=self.clerk, category="hazard", summary="x"
            )
            work_order_pause(work_order=order, reason="等用户", user=self.chief)
        with time_machine.travel(START + dt.timedelta(hours=5), tick=False):
            self.assertEqual(escalations_scan(station=self.station_a), 0)

    def test_the_escalate_command_runs_the_scan(self) -> None:
        out = StringIO()
        call_command("escalate", stdout=out)
        self.assertIn("notices made", out.getvalue())


class HardProblemTests(BaseTestCase):
    def test_a_hard_problem_is_followed_step_by_step_until_solved(self) -> None:
        problem = hard_problem_open(
            station=self.station_a,
            user=self.chief,
            title="左门村低电压",
            village=self.village,
            revisit_every_days=30,
        )
        step = hard_problem_add_step(
            user=None,
            problem=problem,
            title="新增配变一台",
            owner=self.chief,
            due_on=timezone.localdate() + dt.timedelta(days=60),
        )
        with self.assertRaisesMessage(WorkOrderError, "新增配变一台"):  # the step still open named
            hard_problem_solve(problem=problem, user=self.chief)
        before = problem.next_revisit_on
        hard_problem_revisit(problem=problem, user=self.chief, note="电压仍偏低")
        self.assertGreaterEqual(problem.next_revisit_on, before)
        hard_problem_step_done(step=step, user=self.chief, note="已投运")
        problem = hard_problem_solve(problem=problem, user=self.chief, note="电压正常")
        self.assertEqual(problem.state, "solved")

    def test_the_outsider_cannot_open_a_hard_problem_of_station_a(self) -> None:
        problem = hard_problem_open(station=self.station_a, user=self.chief, title="左门村低电压")
        self.login(self.outsider)
        self.assertEqual(self.client.get(problem.get_absolute_url()).status_code, 404)
        self.assertNotContains(
            self.client.get(reverse("servicedesk:hard_problems")), "左门村低电压"
        )


class FeedbackTests(BaseTestCase):
    def test_praise_from_a_call_is_collected_and_answered(self) -> None:
        call = call_log(
            station=self.station_a, user=self.clerk, text="感谢你们半夜来抢修，师傅们辛苦了"
        )
        item = feedback_from_call(call=call)
        assert item is not None
        self.assertEqual(item.kind, Feedback.Kind.PRAISE)
        feedback_answer(feedback=item, user=self.chief, answer="谢谢您的鼓励")
        self.assertEqual(Feedback.objects.get().state, Feedback.State.ANSWERED)

    def test_the_intake_collects_suggestions(self) -> None:
        self.login(self.clerk)
        post_intake(self.client, {"text": "建议停电前在村里广播通知一下"})
        self.assertEqual(Feedback.objects.get().kind, "suggestion")
        self.assertContains(self.client.get(reverse("servicedesk:feedback")), "广播通知")
