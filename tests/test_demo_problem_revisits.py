"""The demo station's open hard problems are followed over months (walk71, L10: none had a
revisit line, so no page showed the following): a revisit a month, each saying what it found,
the last one a revisit's span before the problem's next revisit, shown on the problem's page."""

from __future__ import annotations

import datetime as dt
import itertools

from django.test import TestCase

from powerdesk.accounts.models import User
from powerdesk.servicedesk.models import HardProblem
from tests.demo_station import TODAY, load_demo


class DemoProblemRevisitsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY)

    def test_each_open_problem_has_revisits_a_month_apart_over_months(self) -> None:
        problems = list(HardProblem.objects.filter(state=HardProblem.State.OPEN))
        self.assertEqual(len(problems), 3)
        for problem in problems:
            revisits = list(problem.steps.filter(is_revisit=True).order_by("done_on"))
            days = [r.done_on for r in revisits]
            self.assertGreaterEqual(len(days), 3, problem.title)
            assert problem.next_revisit_on is not None
            every = dt.timedelta(days=problem.revisit_every_days)
            self.assertEqual(days[-1] + every, problem.next_revisit_on, problem.title)
            self.assertTrue(all(b - a == every for a, b in itertools.pairwise(days)))
            self.assertGreater(days[0], problem.opened_at.date(), problem.title)
            self.assertGreaterEqual((days[-1] - days[0]).days, 60, problem.title)  # months
            for revisit in revisits:
                self.assertTrue(revisit.note, problem.title)
                self.assertEqual(revisit.done_by, problem.owner)
            self.assertEqual(len({r.note for r in revisits}), len(revisits), problem.title)

    def test_the_problem_s_page_shows_what_the_revisits_found(self) -> None:
        problem = HardProblem.objects.filter(state=HardProblem.State.OPEN).first()
        assert problem is not None
        self.client.force_login(User.objects.get(username="gl_chief"))
        page = self.client.get(problem.get_absolute_url()).content.decode()
        revisits = list(problem.steps.filter(is_revisit=True))
        self.assertTrue(revisits)
        for revisit in revisits:
            self.assertIn(revisit.note, page)

    def test_a_revisit_never_calls_a_step_done_before_it_still_to_do(self) -> None:
        """雷雨季前特巡 done 09-28, and the 11-09 revisit said its plan was made (walk72, 10)."""
        from powerdesk.servicedesk.demo_revisits import STEP_SAID

        for problem in HardProblem.objects.filter(state=HardProblem.State.OPEN):
            done = dict(problem.steps.filter(is_revisit=False).values_list("title", "done_on"))
            for revisit in problem.steps.filter(is_revisit=True):
                step, _said = STEP_SAID.get(revisit.note, ("", ""))
                on = done.get(step)
                with self.subTest(problem=problem.title, day=revisit.done_on):
                    self.assertFalse(on is not None and on <= revisit.done_on, revisit.note)

    def test_steps_are_done_after_the_revisits_that_say_they_still_wait(self) -> None:
        """石板组: 新增配变一台 "done" 04-27 while the revisits until 11-07 said it was still
        planned (walk74, 13): a step is done between the revisit before the one that first
        tells of it and that one; a step no revisit tells done is still to do."""
        from powerdesk.servicedesk.demo_revisits import REVISIT_NOTES, STEP_DONE_BY

        for problem in HardProblem.objects.filter(state=HardProblem.State.OPEN):
            end = next(e for e in REVISIT_NOTES if problem.title.endswith(e))
            notes = REVISIT_NOTES[end]
            said = {r.note: r.done_on for r in problem.steps.filter(is_revisit=True)}
            for step in problem.steps.filter(is_revisit=False, is_record=False):
                place = STEP_DONE_BY[end].get(step.title)
                with self.subTest(problem=problem.title, step=step.title):
                    if place is None:
                        self.assertIsNone(step.done_on)
                        continue
                    assert step.done_on is not None
                    telling = said.get(notes[place])
                    if telling is not None:
                        self.assertLessEqual(step.done_on, telling)
                    before = said.get(notes[place - 1]) if place else None
                    if before is not None:
                        self.assertGreater(step.done_on, before)
