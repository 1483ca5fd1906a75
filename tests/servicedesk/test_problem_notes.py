"""A hard problem is solved saying how, and a revisit says what it found (walkthrough 29,
finding 2: 已解决 with the note box empty was taken, leaving a solved problem that never said
how; 记录回访 with an empty note saved a revisit row with no text). The service refuses both,
and the page says why at the note of the form that was sent, recording nothing."""

from __future__ import annotations

import re

from django.urls import reverse

from powerdesk.servicedesk.followup import (
    ProblemNoteError,
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_revisit,
    hard_problem_solve,
    hard_problem_step_done,
)
from powerdesk.servicedesk.models import HardProblem, HardProblemStep
from tests.base import BaseTestCase, zh


def field_error(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}">([^<]*)<', html)
    return found.group(1) if found else ""


class ProblemNoteTests(BaseTestCase):
    def setUp(self) -> None:
        self.problem = hard_problem_open(
            station=self.station_a, user=self.chief, title="大坝村委会末端低电压"
        )
        step = hard_problem_add_step(
            problem=self.problem, user=self.chief, title="调整分接头", owner=None, due_on=None
        )
        hard_problem_step_done(step=step, user=self.chief, note="已调")
        self.url = reverse("servicedesk:hard_problem", args=[self.problem.pk])

    def revisits(self) -> int:
        return HardProblemStep.objects.filter(problem=self.problem, is_revisit=True).count()

    def test_the_service_refuses_a_solution_or_revisit_without_its_note(self) -> None:
        for note in ("", "   "):
            with self.assertRaisesMessage(ProblemNoteError, zh("Say how the problem was solved.")):
                hard_problem_solve(problem=self.problem, user=self.chief, note=note)
            with self.assertRaisesMessage(ProblemNoteError, zh("Say what the revisit found.")):
                hard_problem_revisit(problem=self.problem, user=self.chief, note=note)
        self.problem.refresh_from_db()
        self.assertEqual(self.problem.state, HardProblem.State.OPEN)
        self.assertIsNone(self.problem.solved_at)
        self.assertEqual(self.revisits(), 0)

    def test_a_solution_is_kept_as_its_revisit(self) -> None:
        hard_problem_solve(problem=self.problem, user=self.chief, note=" 电压正常 ")
        self.problem.refresh_from_db()
        self.assertEqual(self.problem.state, HardProblem.State.SOLVED)
        said = HardProblemStep.objects.get(problem=self.problem, is_revisit=True)
        self.assertEqual(said.note, "电压正常")

    def test_the_page_says_it_at_the_note_of_the_form_sent(self) -> None:
        self.login(self.chief)
        page = self.client.get(self.url).content.decode()
        for testid in ("revisit-note", "solve-note"):  # the browser asks too
            self.assertRegex(page, rf'<input [^>]*required[^>]*data-testid="{testid}"')
        for action, testid, said in (
            ("solve", "solve-note-error", "Say how the problem was solved."),
            ("revisit", "revisit-note-error", "Say what the revisit found."),
        ):
            response = self.client.post(self.url, {"action": action, "note": " "})
            self.assertEqual(response.status_code, 400)
            html = response.content.decode()
            self.assertEqual(field_error(html, testid), zh(said))
            self.assertEqual(html.count(zh(said)), 1)  # once, at its field
        self.problem.refresh_from_db()
        self.assertEqual(self.problem.state, HardProblem.State.OPEN)
        self.assertEqual(self.revisits(), 0)
        self.client.post(self.url, {"action": "solve", "note": "更换配变后电压正常"})
        self.problem.refresh_from_db()
        self.assertEqual(self.problem.state, HardProblem.State.SOLVED)
        self.assertContains(self.client.get(self.url), "更换配变后电压正常")


class StepDoneOnceTests(BaseTestCase):
    """Review 32, finding 7: "done" recorded nobody and a second press wrote over the first."""

    def test_a_step_is_done_once_by_someone(self) -> None:
        from powerdesk.servicedesk.followup import (
            hard_problem_add_step,
            hard_problem_open,
            hard_problem_step_done,
        )
        from powerdesk.servicedesk.services import WorkOrderError

        problem = hard_problem_open(station=self.station_a, user=self.chief, title="电压低")
        step = hard_problem_add_step(
            problem=problem, user=self.chief, title="换变压器", owner=self.chief, due_on=None
        )
        hard_problem_step_done(step=step, user=self.chief, note="已换")
        with self.assertRaises(WorkOrderError):
            hard_problem_step_done(step=step, user=self.clerk, note="又换")
        step.refresh_from_db()
        self.assertEqual((step.done_by, step.note), (self.chief, "已换"))
        self.login(self.chief)
        self.assertContains(self.client.get(problem.get_absolute_url()), "杨所长")
