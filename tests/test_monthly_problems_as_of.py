"""A past month's report shows its hard problems as they stood at the month's end (walk74, 4):
steps done and the next revisit then, so a report sent to the county reads the same when it is
downloaded again after later work on the problem."""

from __future__ import annotations

import datetime as dt
import io

import time_machine
from openpyxl import load_workbook

from powerdesk.demo.seasons import TZ
from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.workbook import report_workbook
from powerdesk.servicedesk.followup import (
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_revisit,
    hard_problem_solve,
    hard_problem_step_done,
)
from tests.base import BaseTestCase

TITLE = "地索村委会石板组末端电压偏低"


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 10, tzinfo=TZ)


class MonthlyProblemsAsOfTests(BaseTestCase):
    def october(self) -> tuple[tuple[object, ...], object]:
        figures = monthly_figures(self.station_a, 2026, 10, now=at(12, 7))
        book = load_workbook(io.BytesIO(report_workbook(figures)), data_only=True)
        rows = [r for r in book["难点问题"].iter_rows(values_only=True) if r[0] == TITLE]
        self.assertEqual(len(rows), 1)
        (problem,) = figures.problems_open
        seen = (problem.steps_done, problem.steps_total, problem.next_revisit_on)  # type: ignore[attr-defined]
        return rows[0], seen

    def test_later_work_leaves_october_s_report_as_it_was(self) -> None:
        with time_machine.travel(at(9, 10), tick=False):
            problem = hard_problem_open(station=self.station_a, user=self.chief, title=TITLE)
            first = hard_problem_add_step(
                problem=problem, user=self.chief, title="调整三相负荷", owner=None, due_on=None
            )
            second = hard_problem_add_step(
                problem=problem, user=self.chief, title="改造低压线路", owner=None, due_on=None
            )
        with time_machine.travel(at(10, 7), tick=False):
            hard_problem_step_done(step=first, user=self.chief)
            hard_problem_revisit(problem=problem, user=self.chief, note="末端 188 V")
        row, seen = self.october()
        self.assertEqual(seen, (1, 2, dt.date(2026, 11, 6)))
        # December: a step added, the other done, a revisit, the problem solved.
        with time_machine.travel(at(12, 7), tick=False):
            third = hard_problem_add_step(
                problem=problem, user=self.chief, title="新增配变", owner=None, due_on=None
            )
            hard_problem_step_done(step=second, user=self.chief)
            hard_problem_step_done(step=third, user=self.chief)
            hard_problem_revisit(problem=problem, user=self.chief, note="线路已改造")
            hard_problem_solve(problem=problem, user=self.chief, note="新配变投运")
        self.assertEqual(self.october(), (row, seen))
        self.assertIn(1, row)
        self.assertIn(2, row)
