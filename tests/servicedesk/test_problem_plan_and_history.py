"""A hard problem's page shows the plan's steps alone in the plan's table; its revisits and the
lines of its record (a new owner, work handed back) are a history under it, each with when, by
whom and what (walkthrough 36, #6: they sat in the table like done steps)."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.followup import (
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_revisit,
)
from powerdesk.servicedesk.ownership import step_owner_set
from tests.base import BaseTestCase


class PlanAndHistoryTests(BaseTestCase):
    def test_the_plan_table_holds_its_steps_and_the_history_the_rest(self) -> None:
        problem = hard_problem_open(station=self.station_a, user=self.chief, title="低电压")
        due = timezone.localdate() + dt.timedelta(days=7)
        step = hard_problem_add_step(
            problem=problem, user=self.chief, title="给组长讲解防雷知识", owner=None, due_on=due
        )
        step_owner_set(step=step, user=self.chief, owner=self.clerk)
        hard_problem_revisit(problem=problem, user=self.chief, note="已回访岩头组")
        self.login(self.chief)
        html = self.client.get(reverse("servicedesk:hard_problem", args=[problem.pk])).content
        page = html.decode()
        table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        self.assertEqual(len(re.findall(r"<tr>", table)), 1, table)  # the one step of the plan
        self.assertIn("给组长讲解防雷知识", table)
        self.assertNotIn("已回访岩头组", table)
        history = page.split('data-testid="problem-history"', 1)[1].split("</ul>", 1)[0]
        lines = re.findall(r'data-testid="problem-history-line">(.*?)</li>', history, re.S)
        self.assertEqual(len(lines), 2, history)
        today = f"{timezone.localdate():%Y-%m-%d}"
        self.assertTrue(all(line.startswith(today) for line in lines), lines)
        self.assertIn("杨所长", lines[0])  # who gave the step
        self.assertIn("李秀英", lines[0])  # the record says to whom
        self.assertIn("已回访岩头组", lines[1])
