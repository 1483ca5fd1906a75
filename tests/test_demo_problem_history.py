"""The demo station's hard problems have a history from the day each was opened (problems76): a
revisit a month, the steps of the plan added when it was made and done between the revisits,
and a solved problem's closing revisit. A past month's report reads the next revisit from the
revisits made by then, never as the day the problem was opened plus its interval months before
the month's end (三角 and 黄泥塘, solved, had no revisit at all)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.test import TestCase
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.reports.monthly_problems import problems_open_at
from powerdesk.servicedesk.models import HardProblem
from tests.demo_station import TODAY, load_demo


def month_starts(back: int) -> list[dt.date]:
    """The first day of each of the ``back`` months before TODAY's, oldest first."""
    days, day = [], TODAY.replace(day=1)
    for _n in range(back):
        day = (day - dt.timedelta(days=1)).replace(day=1)
        days.append(day)
    return days[::-1]


class DemoProblemHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY)
        cls.station = Station.objects.get(code="guanglu")

    def test_a_past_month_s_report_shows_a_revisit_planned_by_then_not_one_by_default(self) -> None:
        shown = 0
        for first in month_starts(24):
            after = (first + dt.timedelta(days=32)).replace(day=1)
            end = timezone.make_aware(dt.datetime.combine(after, dt.time()))
            for problem in problems_open_at(self.station, end):
                shown += 1
                with self.subTest(month=f"{first:%Y-%m}", problem=problem.title):
                    # Planned by a revisit of the month (or the month before), or by the
                    # problem's opening in the month: never months overdue by then.
                    self.assertGreaterEqual(problem.next_revisit_on, first)
        self.assertGreater(shown, 10)

    def test_a_solved_problem_was_followed_a_month_apart_and_says_how_it_was_solved(self) -> None:
        solved = list(HardProblem.objects.filter(state=HardProblem.State.SOLVED))
        self.assertEqual({p.title[:2] for p in solved}, {"三角", "黄泥"})
        for problem in solved:
            assert problem.solved_at is not None
            solved_on = timezone.localdate(problem.solved_at)
            revisits = list(problem.steps.filter(is_revisit=True, solves=False).order_by("done_on"))
            days = [r.done_on for r in revisits]
            with self.subTest(problem=problem.title):
                self.assertGreaterEqual(len(days), 3)
                every = dt.timedelta(days=problem.revisit_every_days)
                opened_on = timezone.localdate(problem.opened_at)
                self.assertEqual(days[0], opened_on + every)
                self.assertTrue(all(b - a == every for a, b in itertools.pairwise(days)))
                self.assertLess(days[-1], solved_on)
                self.assertTrue(all(r.note for r in revisits))
                solution = problem.solution
                assert solution is not None
                self.assertEqual(solution.done_on, solved_on)
                self.assertTrue(solution.note)
                for step in problem.steps.filter(is_revisit=False, is_record=False):
                    assert step.done_on is not None and step.added_at is not None
                    self.assertEqual(step.added_at, problem.opened_at)
                    self.assertGreater(step.done_on, opened_on)
                    self.assertLess(step.done_on, solved_on)

    def test_every_problem_s_first_revisit_is_a_span_after_it_was_opened(self) -> None:
        for problem in HardProblem.objects.all():
            first = problem.steps.filter(is_revisit=True).order_by("done_on").first()
            assert first is not None and first.done_on is not None
            opened_on = timezone.localdate(problem.opened_at)
            with self.subTest(problem=problem.title):
                self.assertLessEqual(
                    (first.done_on - opened_on).days, problem.revisit_every_days, problem.title
                )
