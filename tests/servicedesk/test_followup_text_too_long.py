"""A hard problem's step, revisit and solution and the answer to a suggestion: no ``maxlength``
cuts what is pasted; too long, each is refused at its field with its limit and the length
typed, what was typed shown again there, nothing recorded (the services refuse it too)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.feedback import feedback_answer
from powerdesk.servicedesk.followup import (
    TextTooLong,
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_revisit,
    hard_problem_step_done,
)
from powerdesk.servicedesk.models import Feedback, HardProblem, HardProblemStep
from tests.base import BaseTestCase
from tests.servicedesk.test_problem_notes import field_error


class FollowupTextTooLongTests(BaseTestCase):
    def setUp(self) -> None:
        self.problem = hard_problem_open(
            station=self.station_a, user=self.chief, title="大坝村委会末端低电压"
        )
        self.url = reverse("servicedesk:hard_problem", args=[self.problem.pk])
        self.feedback = Feedback.objects.create(
            station=self.station_a,
            kind=Feedback.Kind.SUGGESTION,
            text="建议村口再装一盏路灯",
            received_at=timezone.now(),
        )
        self.login(self.chief)

    def assert_refused(self, response: Any, testid: str, limit: int, typed: str) -> None:
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        said = field_error(html, testid)
        self.assertIn(str(limit), said)
        self.assertIn(str(len(typed)), said)
        self.assertIn(f'value="{typed}"', html)

    def test_the_pages_carry_no_maxlength(self) -> None:
        for url in (self.url, reverse("servicedesk:feedback")):
            html = self.client.get(url).content.decode()
            self.assertIn('type="text"', html)
            self.assertNotIn('maxlength="', html)

    def test_a_step_title_too_long_is_refused_at_it_and_kept(self) -> None:
        typed = "步" * 201
        response = self.client.post(self.url, {"action": "step", "title": typed})
        self.assert_refused(response, "title-errors", 200, typed)
        self.assertFalse(HardProblemStep.objects.exists())

    def test_a_revisit_or_solution_too_long_is_refused_at_its_note_and_kept(self) -> None:
        for action, testid in (("revisit", "revisit-note-error"), ("solve", "solve-note-error")):
            with self.subTest(action):
                typed = "回" * 2001
                response = self.client.post(self.url, {"action": action, "note": typed})
                self.assert_refused(response, testid, 2000, typed)
        self.assertFalse(HardProblemStep.objects.exists())
        self.problem.refresh_from_db()
        self.assertEqual(self.problem.state, HardProblem.State.OPEN)

    def test_an_answer_too_long_is_refused_at_it_and_kept(self) -> None:
        typed = "答" * 2001
        response = self.client.post(
            reverse("servicedesk:feedback"), {"item": self.feedback.pk, "answer": typed}
        )
        self.assert_refused(response, "answer-errors", 2000, typed)
        self.feedback.refresh_from_db()
        self.assertEqual(self.feedback.answer, "")
        self.assertNotEqual(self.feedback.state, Feedback.State.ANSWERED)

    def test_the_services_refuse_texts_too_long(self) -> None:
        step = hard_problem_add_step(
            problem=self.problem, user=self.chief, title="调整分接头", owner=None, due_on=None
        )
        calls = [
            lambda: hard_problem_add_step(
                problem=self.problem, user=self.chief, title="x" * 201, owner=None, due_on=None
            ),
            lambda: hard_problem_step_done(step=step, user=self.chief, note="x" * 2001),
            lambda: hard_problem_revisit(problem=self.problem, user=self.chief, note="x" * 2001),
            lambda: feedback_answer(feedback=self.feedback, user=self.chief, answer="x" * 2001),
        ]
        for call in calls:
            with self.assertRaises(TextTooLong):
                call()
        step.refresh_from_db()
        self.assertIsNone(step.done_on)
        self.assertEqual(HardProblemStep.objects.count(), 1)
