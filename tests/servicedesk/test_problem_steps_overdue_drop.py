"""A hard problem's step past its due date is told to its owner and the chief once, and marked
on the list and on the chief's home (walk74, 3); a step no longer needed is dropped with a
reason by whoever may say it done, shown dropped, and no longer stands in the way of solving
the problem (walk74, 5)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.ops.audit import audit_entries
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.followup import (
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_solve,
    hard_problem_step_done,
)
from powerdesk.servicedesk.followup_drop import DropReasonError, hard_problem_step_drop
from powerdesk.servicedesk.models import HardProblem, HardProblemStep, Notification
from tests.base import BaseTestCase, make_user
from tests.servicedesk.step_cases import LATER, START, ProblemStepsCase


class StepOverdueTests(ProblemStepsCase):
    def setUp(self) -> None:
        super().setUp()
        self.step = self.step_given("新增配变选址", self.crew_member, due_in_days=5)
        self.done = self.step_given("调整三相负荷", self.clerk, due_in_days=3)
        with time_machine.travel(START, tick=False):
            hard_problem_step_done(step=self.done, user=self.clerk)

    def told(self) -> list[str]:
        return sorted(
            Notification.objects.filter(kind=Notification.Kind.STEP_OVERDUE).values_list(
                "recipient__username", flat=True
            )
        )

    def test_scanned_twice_the_owner_and_the_chief_are_told_once(self) -> None:
        with time_machine.travel(LATER, tick=False):
            self.assertEqual(escalations_scan(station=self.station_a), 2)
            self.assertEqual(escalations_scan(station=self.station_a), 0)
        with time_machine.travel(LATER + dt.timedelta(days=5), tick=False):
            escalations_scan(station=self.station_a)
        self.assertEqual(self.told(), ["chief", "crew1"])
        notice = Notification.objects.filter(kind=Notification.Kind.STEP_OVERDUE).first()
        assert notice is not None
        self.assertEqual(notice.hard_problem_id, self.problem.pk)

    def test_a_done_or_dropped_step_never_escalates(self) -> None:
        with time_machine.travel(START + dt.timedelta(days=1), tick=False):
            hard_problem_step_drop(step=self.step, user=self.chief, reason="县公司改了方案")
        with time_machine.travel(LATER, tick=False):
            escalations_scan(station=self.station_a)
        self.assertEqual(self.told(), [])

    def test_the_list_and_the_chief_s_home_show_the_problem(self) -> None:
        self.login(self.chief)
        with time_machine.travel(LATER, tick=False):
            page = self.client.get(reverse("servicedesk:hard_problems")).content.decode()
            self.assertIn('data-steps-overdue="1"', page)
            only = self.client.get(reverse("servicedesk:hard_problems") + "?show=steps_overdue")
            self.assertEqual([p.pk for p in only.context["problems"]], [self.problem.pk])
            home = self.client.get("/home/").content.decode()
            self.assertIn('data-testid="decisions-steps-overdue"', home)
            self.assertIn(f'data-problem="{self.problem.pk}"', home)
        with time_machine.travel(START + dt.timedelta(days=1), tick=False):
            page = self.client.get(reverse("servicedesk:hard_problems")).content.decode()
            self.assertNotIn("data-steps-overdue", page)


class StepDropTests(BaseTestCase):
    def setUp(self) -> None:
        self.crew_member = make_user("crew1", self.station_a, Role.CREW, full_name="张建华")
        self.other_crew = make_user("crew2", self.station_a, Role.CREW, full_name="王二")
        self.problem = hard_problem_open(
            station=self.station_a, user=self.chief, title="石板组末端电压偏低"
        )
        self.kept = hard_problem_add_step(
            problem=self.problem, user=self.chief, title="调整三相负荷", owner=None, due_on=None
        )
        self.siting = hard_problem_add_step(
            problem=self.problem,
            user=self.chief,
            title="新增配变选址",
            owner=self.crew_member,
            due_on=None,
        )

    def url(self) -> str:
        return self.problem.get_absolute_url()

    def test_dropped_with_a_reason_the_problem_may_be_solved(self) -> None:
        hard_problem_step_done(step=self.kept, user=self.clerk)
        self.login(self.clerk)
        answer = self.client.post(
            self.url(), {"action": "drop", "step": self.siting.pk, "note": "县公司改了方案"}
        )
        self.assertEqual(answer.status_code, 302)
        self.siting.refresh_from_db()
        self.assertIsNotNone(self.siting.dropped_at)
        self.assertEqual(self.siting.done_by, self.clerk)
        self.assertEqual(self.siting.note, "县公司改了方案")
        page = self.client.get(self.url()).content.decode()
        self.assertIn(f'data-testid="step-dropped-{self.siting.pk}"', page)
        self.assertIn(f'data-dropped="{self.siting.pk}"', page)  # in the history, as dropped
        listed = self.client.get(reverse("servicedesk:hard_problems")).content.decode()
        self.assertIn('data-steps="1/1"', listed)  # dropped: neither done nor to do
        self.assertIn('data-steps-dropped="1"', listed)
        hard_problem_solve(problem=self.problem, user=self.chief, note="调负荷后电压正常")
        self.problem.refresh_from_db()
        self.assertEqual(self.problem.state, HardProblem.State.SOLVED)
        said = [e for e in audit_entries(station=self.station_a) if e.kind == "step_dropped"]
        self.assertEqual(len(said), 1)
        self.assertIn("县公司改了方案", said[0].what)
        self.assertIn("新增配变选址", said[0].what)

    def test_a_reason_is_needed(self) -> None:
        with self.assertRaises(DropReasonError):
            hard_problem_step_drop(step=self.siting, user=self.chief, reason="  ")
        self.login(self.chief)
        answer = self.client.post(self.url(), {"action": "drop", "step": self.siting.pk})
        self.assertEqual(answer.status_code, 400)
        self.assertContains(answer, 'data-testid="step-drop-error"', status_code=400)
        self.siting.refresh_from_db()
        self.assertIsNone(self.siting.dropped_at)

    def test_the_step_s_owner_may_and_another_crew_member_may_not(self) -> None:
        with self.assertRaises(NotAllowed):
            hard_problem_step_drop(step=self.siting, user=self.other_crew, reason="不用了")
        self.login(self.other_crew)
        answer = self.client.post(
            self.url(), {"action": "drop", "step": self.siting.pk, "note": "不用了"}
        )
        self.assertEqual(answer.status_code, 403)
        with self.assertRaises(NotAllowed):
            hard_problem_step_drop(step=self.kept, user=self.crew_member, reason="不用了")
        self.assertFalse(HardProblemStep.objects.filter(dropped_at__isnull=False).exists())
        hard_problem_step_drop(step=self.siting, user=self.crew_member, reason="选址已不需要")
        self.siting.refresh_from_db()
        self.assertIsNotNone(self.siting.dropped_at)

    def test_a_step_done_is_not_dropped_after(self) -> None:
        from powerdesk.servicedesk.services import WorkOrderError

        hard_problem_step_done(step=self.kept, user=self.clerk)
        with self.assertRaises(WorkOrderError):
            hard_problem_step_drop(step=self.kept, user=self.chief, reason="不用了")
        self.kept.refresh_from_db()
        self.assertIsNone(self.kept.dropped_at)
