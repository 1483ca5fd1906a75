"""Hard problems after walk37: the chief's "solved" refused for open steps keeps the note typed,
beside the refusal naming the steps (#9); a role that may not solve is told only the chief may
(#10); a solved problem says "solved on … by …" with how, on its page and in the API, whose
revisits carry who did them (#8); a crew member given a step says it done (#7); a system's
token neither says a step done nor solves (#11); the page confirms each action and its plan is
a card per step on a phone (#18)."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.followup import (
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_revisit,
    hard_problem_solve,
    hard_problem_step_done,
)
from powerdesk.servicedesk.models import HardProblem, HardProblemStep
from tests.base import BaseTestCase, make_user

NOTE = "避雷器已加装，连续两月无雷击熔断"


class ProblemPageTests(BaseTestCase):
    def setUp(self) -> None:
        self.crewman = make_user("crewman", self.station_a, Role.CREW, full_name="王德忠")
        self.problem = hard_problem_open(
            station=self.station_a, user=self.clerk, title="哔叭二支线反复雷击熔断"
        )
        self.step = hard_problem_add_step(
            problem=self.problem,
            user=self.clerk,
            title="巡视支线接地电阻",
            owner=self.crewman,
            due_on=None,
        )
        self.url = self.problem.get_absolute_url()

    def post(self, **data: str) -> Any:
        return self.client.post(self.url, data)

    def test_solve_refused_for_open_steps_keeps_the_note_beside_why(self) -> None:
        self.login(self.chief)
        answer = self.post(action="solve", note=NOTE)
        self.assertEqual(answer.status_code, 400)
        page = answer.content.decode()
        self.assertIn('data-testid="solve-note-error"', page)
        self.assertIn("巡视支线接地电阻", page)  # the step still open, named
        self.assertIn(f'value="{NOTE}"', page)  # what was typed, kept
        self.problem.refresh_from_db()
        self.assertEqual(self.problem.state, HardProblem.State.OPEN)

    def test_a_role_that_may_not_solve_is_told_only_the_chief_may(self) -> None:
        hard_problem_step_done(step=self.step, user=self.clerk)
        self.login(self.clerk)
        answer = self.post(action="solve", note=NOTE)
        self.assertEqual(answer.status_code, 403)
        self.assertContains(
            answer,
            self.zh_or_msgid("Only the station chief may declare a hard problem solved."),
            status_code=403,
        )

    def zh_or_msgid(self, msgid: str) -> str:
        from django.utils.translation import gettext, override

        with override("zh-hans"):
            return gettext(msgid)

    def test_a_crew_member_says_their_own_step_done(self) -> None:
        self.login(self.crewman)
        page = self.client.get(self.url).content.decode()
        self.assertIn(f'data-testid="step-done-{self.step.pk}"', page)
        answer = self.post(action="done", step=str(self.step.pk))
        self.assertEqual(answer.status_code, 302)
        self.step.refresh_from_db()
        self.assertIsNotNone(self.step.done_on)
        self.assertEqual(self.step.done_by, self.crewman)
        # Not someone else's step, nor the plan's other work.
        other = hard_problem_add_step(
            problem=self.problem, user=self.clerk, title="加装避雷器", owner=self.chief, due_on=None
        )
        page = self.client.get(self.url).content.decode()
        self.assertNotIn(f'data-testid="step-done-{other.pk}"', page)
        self.assertEqual(self.post(action="done", step=str(other.pk)).status_code, 403)
        self.assertEqual(self.post(action="revisit", note="看了").status_code, 403)
        other.refresh_from_db()
        self.assertIsNone(other.done_on)

    def test_each_action_is_confirmed(self) -> None:
        self.login(self.clerk)
        said = []
        for data in (
            {"action": "step", "title": "测接地电阻", "owner": "", "due_on": ""},
            {"action": "done", "step": str(self.step.pk)},
            {"action": "revisit", "note": "电阻偏大"},
        ):
            answer = self.post(**data)
            self.assertEqual(answer.status_code, 302, answer.content)
            said.append([str(m) for m in get_messages(answer.wsgi_request)])
        # One message more after each (the redirect not followed, they are not read yet).
        self.assertEqual([len(s) for s in said], [1, 2, 3], said)
        self.assertIn("测接地电阻", said[0][-1])
        self.assertIn("巡视支线接地电阻", said[1][-1])

    def test_the_plan_is_a_card_per_step_on_a_phone(self) -> None:
        self.login(self.clerk)
        page = self.client.get(self.url).content.decode()
        self.assertIn('class="stack-sm" data-testid="problem-plan"', page)
        self.assertIn('data-label="', page)

    def test_solved_says_on_and_by_with_how_not_as_a_revisit(self) -> None:
        hard_problem_step_done(step=self.step, user=self.crewman)
        hard_problem_revisit(problem=self.problem, user=self.clerk, note="电阻偏大")
        hard_problem_solve(problem=self.problem, user=self.chief, note=NOTE)
        self.login(self.chief)
        page = self.client.get(self.url).content.decode()
        start = page.index('data-testid="problem-solved"')
        line = page[start : page.index("</p>", start)]
        self.assertIn(NOTE, line)
        self.assertIn(str(self.chief), line)
        history = page[page.index('data-testid="problem-history"') :]
        self.assertNotIn(NOTE, history)  # not an ordinary revisit
        self.assertIn("电阻偏大", history)
        body = self.client.get(f"/api/v1/hard-problems/{self.problem.pk}").json()
        self.assertEqual((body["solved_by"], body["solution"]), ("chief", NOTE))
        kinds = {s["kind"]: s for s in body["steps"]}
        self.assertEqual((kinds["solved"]["note"], kinds["solved"]["done_by"]), (NOTE, "chief"))
        self.assertEqual(kinds["revisit"]["done_by"], "clerk")  # who recorded the revisit


class TokenProblemTests(BaseTestCase):
    """A station's token (the telephone exchange) reads and opens hard problems, but neither
    says a step done nor declares one solved: nobody would be recorded (walk37, 11)."""

    def setUp(self) -> None:
        _token, key = token_create(station_id=self.station_a.pk, name="交换机")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def post(self, url: str, body: dict[str, Any]) -> Any:
        return self.client.post(url, body, content_type="application/json", **self.auth)

    def test_opens_and_reads_but_neither_finishes_a_step_nor_solves(self) -> None:
        opened = self.post("/api/v1/hard-problems", {"title": "左门低电压"})
        self.assertEqual(opened.status_code, 201, opened.content)
        url = f"/api/v1/hard-problems/{opened.json()['id']}"
        step = self.post(f"{url}/steps", {"title": "换变压器"})
        self.assertEqual(step.status_code, 201, step.content)
        done = self.post(f"{url}/steps/{step.json()['id']}/done", {"note": "换了"})
        self.assertEqual(done.status_code, 403, done.content)
        self.assertIn("API", done.json()["detail"])
        self.assertIsNone(HardProblemStep.objects.get(pk=step.json()["id"]).done_on)
        HardProblemStep.objects.filter(pk=step.json()["id"]).update(done_on="2026-01-01")
        solve = self.post(f"{url}/solve", {"note": "好了"})
        self.assertEqual(solve.status_code, 403, solve.content)
        self.assertIn("API", solve.json()["detail"])
        self.assertEqual(
            HardProblem.objects.get(pk=opened.json()["id"]).state, HardProblem.State.OPEN
        )
        self.assertEqual(self.client.get(url, **self.auth).status_code, 200)


class StepDayTests(BaseTestCase):
    def test_a_step_s_day_sent_with_a_time_is_refused_at_its_field(self) -> None:
        problem = hard_problem_open(station=self.station_a, user=self.chief, title="左门低电压")
        self.login(self.chief)
        url = f"/api/v1/hard-problems/{problem.pk}/steps"
        for due in ("2027-01-10T00:00:00", "2026-12-10 08:00", 20261210):
            answer = self.client.post(
                url, {"title": "换表", "due_on": due}, content_type="application/json"
            )
            self.assertEqual(answer.status_code, 422, (due, answer.content))
            self.assertIn("due_on", str(answer.json()), due)
        self.assertFalse(HardProblemStep.objects.filter(problem=problem, title="换表").exists())
