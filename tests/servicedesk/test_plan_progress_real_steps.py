"""A hard problem's progress ("1/2") counts the steps of its plan only: not the lines its plan
keeps of a new owner (taken or given: ``ownership``) nor of its work handed back as its owner's
work at the station ended (``handback``), which are written done."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.reports.monthly import monthly_figures
from powerdesk.servicedesk.followup import (
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_step_done,
)
from powerdesk.servicedesk.handback import work_hand_back
from powerdesk.servicedesk.models import HardProblem, HardProblemStep
from powerdesk.servicedesk.ownership import hard_problem_owner_set, step_owner_set
from powerdesk.servicedesk.selectors import hard_problems_listed
from tests.base import BaseTestCase


class PlanProgressTests(BaseTestCase):
    def setUp(self) -> None:
        self.problem = hard_problem_open(station=self.station_a, user=self.chief, title="低电压")
        due = timezone.localdate() + dt.timedelta(days=7)
        self.done = hard_problem_add_step(
            problem=self.problem, user=self.chief, title="测电压", owner=self.clerk, due_on=due
        )
        hard_problem_step_done(step=self.done, user=self.clerk)
        self.open = hard_problem_add_step(
            problem=self.problem, user=self.chief, title="联系林业站", owner=None, due_on=due
        )

    def progress(self) -> tuple[int, int]:
        row = hard_problems_listed(self.station_a).get(pk=self.problem.pk)
        return row.steps_done, row.steps_total  # type: ignore[attr-defined]

    def test_owner_lines_and_handed_back_lines_are_not_steps(self) -> None:
        self.assertEqual(self.progress(), (1, 2))
        step_owner_set(step=self.open, user=self.chief, owner=self.clerk)
        # The clerk's work at the station ends: the problem's step is handed back.
        work_hand_back(station=self.station_a, person=self.clerk, by=None, reason="调离")
        HardProblem.objects.filter(pk=self.problem.pk).update(owner=None)
        hard_problem_owner_set(problem=self.problem, user=self.chief)
        lines = HardProblemStep.objects.filter(problem=self.problem, is_record=True)
        self.assertEqual(lines.count(), 3)  # step given, handed back, problem taken
        self.assertTrue(all(line.done_on for line in lines))
        self.assertEqual(self.progress(), (1, 2))
        self.login(self.chief)
        page = self.client.get(reverse("servicedesk:hard_problems"))
        self.assertContains(page, '<td data-steps="1/2">1/2</td>', html=True)

    def test_the_monthly_report_counts_the_same(self) -> None:
        step_owner_set(step=self.open, user=self.chief, owner=self.clerk)
        today = timezone.localdate()
        figures = monthly_figures(self.station_a, today.year, today.month)
        [row] = [p for p in figures.problems_open if p.pk == self.problem.pk]
        self.assertEqual((row.steps_done, row.steps_total), (1, 2))
