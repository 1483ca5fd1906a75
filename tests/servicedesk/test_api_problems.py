"""The API follows hard problems as their page does: the list with progress, one with its
plan, opening one, adding a step, saying it done, a revisit, solving it; the services' checks
(roles, dates, lengths), refusals at their field, a retry or a double submit storing nothing
twice, another station's problems not found; in the schema."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.followup import hard_problem_add_step, hard_problem_open
from powerdesk.servicedesk.models import HardProblem, HardProblemStep, Notification, OwnerChange
from tests.base import BaseTestCase, make_user


class ApiProblemTests(BaseTestCase):
    def setUp(self) -> None:
        self.crewman = make_user("crewman", self.station_a, Role.CREW, full_name="王班员")
        self.liaison = make_user("liaison", self.station_a, Role.LIAISON, full_name="村联络员")
        self.problem = hard_problem_open(
            station=self.station_a, user=self.chief, title="左门低电压", village=self.village
        )
        self.url = f"/api/v1/hard-problems/{self.problem.pk}"

    def post(self, url: str, body: dict[str, Any] | None = None, **headers: str) -> Any:
        return self.client.post(url, body or {}, content_type="application/json", **headers)

    def steps(self) -> Any:
        return HardProblemStep.objects.filter(problem=self.problem, is_revisit=False)

    def test_the_list_shows_open_problems_with_their_progress(self) -> None:
        hard_problem_add_step(
            problem=self.problem, user=self.chief, title="换变压器", owner=None, due_on=None
        )
        solved = hard_problem_open(station=self.station_a, user=self.chief, title="旧事")
        HardProblem.objects.filter(pk=solved.pk).update(state=HardProblem.State.SOLVED)
        hard_problem_open(station=self.station_b, user=self.outsider, title="外站的")
        self.login(self.clerk)
        answer = self.client.get("/api/v1/hard-problems")
        self.assertEqual(answer.status_code, 200, answer.content)
        [item] = answer.json()["items"]
        self.assertEqual(
            (item["title"], item["owner"], item["steps_done"], item["steps_total"]),
            ("左门低电压", "chief", 0, 1),
        )
        every = self.client.get("/api/v1/hard-problems?state=all").json()
        self.assertEqual(every["count"], 2)  # not station B's
        self.assertEqual(self.client.get("/api/v1/hard-problems?state=lost").status_code, 422)

    def test_one_problem_comes_with_its_plan(self) -> None:
        self.login(self.crewman)  # a crew member reads it, as its page
        hard_problem_add_step(
            problem=self.problem,
            user=self.chief,
            title="砍树",
            owner=self.crewman,
            due_on=timezone.localdate(),
        )
        body = self.client.get(self.url).json()
        self.assertEqual((body["village"], body["state"]), ("左门", "open"))
        [step] = body["steps"]
        self.assertEqual((step["kind"], step["title"], step["owner"]), ("step", "砍树", "crewman"))
        self.assertIsNone(step["done_on"])

    def test_a_clerk_adds_a_step_once_however_often_it_is_sent(self) -> None:
        self.login(self.clerk)
        due = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
        body = {"title": "更换导线", "owner": "crewman", "due_on": due}
        first = self.post(f"{self.url}/steps", body)
        self.assertEqual(first.status_code, 201, first.content)
        again = self.post(f"{self.url}/steps", body)
        self.assertEqual((again.status_code, again.json()["id"]), (201, first.json()["id"]))
        self.assertEqual(self.steps().count(), 1)
        self.assertEqual(first.json()["owner"], "crewman")
        # The person it was written for is told once, as a step given later; the giving is
        # recorded (by whom, since when).
        [notice] = Notification.objects.filter(kind="work_given")
        self.assertEqual((notice.recipient, notice.hard_problem), (self.crewman, self.problem))
        change = OwnerChange.objects.get()
        self.assertEqual(
            (change.by, change.owner, change.step_id),
            (self.clerk, self.crewman, first.json()["id"]),
        )

    def test_a_step_one_writes_for_oneself_tells_nobody(self) -> None:
        self.login(self.clerk)
        answer = self.post(f"{self.url}/steps", {"title": "回访村委", "owner": "clerk"})
        self.assertEqual(answer.status_code, 201, answer.content)
        self.assertFalse(Notification.objects.filter(kind="work_given").exists())

    def test_a_step_s_refusals_are_said_at_their_field_and_nothing_is_stored(self) -> None:
        self.login(self.clerk)
        today = timezone.localdate()
        wrong = {
            "due_on": {"title": "x", "due_on": (today - dt.timedelta(days=1)).isoformat()},
            "owner": {"title": "x", "owner": "liaison"},  # no hard problems for a liaison
        }
        for field, body in wrong.items():
            with self.subTest(field):
                answer = self.post(f"{self.url}/steps", body)
                self.assertEqual(answer.status_code, 400, answer.content)
                self.assertEqual(answer.json()["field"], field)
        far = (today + dt.timedelta(days=366 * 3 + 1)).isoformat()
        answer = self.post(f"{self.url}/steps", {"title": "x", "due_on": far})
        self.assertEqual((answer.status_code, answer.json()["field"]), (400, "due_on"))
        self.assertIn(str(today), answer.json()["detail"])  # the range is said
        spaces = self.post(f"{self.url}/steps", {"title": "   "})
        self.assertEqual((spaces.status_code, spaces.json()["field"]), (400, "title"))
        self.assertEqual(self.post(f"{self.url}/steps", {"title": "长" * 201}).status_code, 422)
        nobody = self.post(f"{self.url}/steps", {"title": "x", "owner": "outsider"})
        self.assertEqual((nobody.status_code, nobody.json()["field"]), (400, "owner"))
        self.assertEqual(self.steps().count(), 0)

    def test_a_step_done_once_with_who_and_when(self) -> None:
        step = hard_problem_add_step(
            problem=self.problem, user=self.chief, title="测电压", owner=None, due_on=None
        )
        self.login(self.clerk)
        url = f"{self.url}/steps/{step.pk}/done"
        done = self.post(url, {"note": "电压 205V"})
        self.assertEqual(done.status_code, 200, done.content)
        body = done.json()
        self.assertEqual((body["done_by"], body["note"]), ("clerk", "电压 205V"))
        self.assertEqual(body["done_on"], timezone.localdate().isoformat())
        self.login(self.chief)
        again = self.post(url, {"note": "别的"})
        self.assertEqual(again.status_code, 409)
        self.assertEqual(HardProblemStep.objects.get(pk=step.pk).note, "电压 205V")
        self.assertEqual(self.post(f"{self.url}/steps/999999/done").status_code, 404)

    def test_solved_by_the_chief_only_with_how_and_once(self) -> None:
        step = hard_problem_add_step(
            problem=self.problem, user=self.chief, title="换变压器", owner=None, due_on=None
        )
        self.login(self.chief)
        early = self.post(f"{self.url}/solve", {"note": "换了"})
        self.assertEqual(early.status_code, 409)  # a step of the plan still open
        self.post(f"{self.url}/steps/{step.pk}/done")
        self.login(self.clerk)
        self.assertEqual(self.post(f"{self.url}/solve", {"note": "换了"}).status_code, 403)
        self.login(self.chief)
        empty = self.post(f"{self.url}/solve", {"note": ""})
        self.assertEqual((empty.status_code, empty.json()["field"]), (400, "note"))
        solved = self.post(f"{self.url}/solve", {"note": "新变压器投运，电压正常"})
        self.assertEqual(solved.status_code, 200, solved.content)
        body = solved.json()
        self.assertEqual((body["state"], body["next_revisit_on"]), ("solved", None))
        [closing] = [step for step in body["steps"] if step["kind"] == "solved"]
        self.assertEqual(closing["note"], "新变压器投运，电压正常")  # how it was solved
        self.assertEqual(self.post(f"{self.url}/solve", {"note": "再来"}).status_code, 409)
        revisits = HardProblemStep.objects.filter(problem=self.problem, is_revisit=True)
        self.assertEqual(revisits.count(), 1)
        late = self.post(f"{self.url}/steps", {"title": "又一步"})
        self.assertEqual(late.status_code, 409)  # a solved problem's plan is closed

    def test_a_revisit_plans_the_next_once(self) -> None:
        self.login(self.clerk)
        first = self.post(f"{self.url}/revisits", {"note": "仍低"})
        self.assertEqual(first.status_code, 201, first.content)
        self.post(f"{self.url}/revisits", {"note": "仍低"})  # a double submit
        revisits = HardProblemStep.objects.filter(problem=self.problem, is_revisit=True)
        self.assertEqual(revisits.count(), 1)
        expected = timezone.localdate() + dt.timedelta(days=self.problem.revisit_every_days)
        self.assertEqual(first.json()["next_revisit_on"], expected.isoformat())

    def test_opening_one_with_its_village_once(self) -> None:
        self.login(self.clerk)
        body = {"title": "哔叭树线矛盾", "description": "树长到线上", "village_id": self.village.pk}
        first = self.post("/api/v1/hard-problems", body)
        self.assertEqual(first.status_code, 201, first.content)
        self.assertEqual((first.json()["owner"], first.json()["village"]), ("clerk", "左门"))
        self.post("/api/v1/hard-problems", body)  # a double submit
        self.assertEqual(HardProblem.objects.filter(title="哔叭树线矛盾").count(), 1)
        other = self.post("/api/v1/hard-problems", {"title": "y", "village_id": 999999})
        self.assertEqual((other.status_code, other.json()["field"]), (400, "village_id"))

    def test_roles_and_stations_that_may_not(self) -> None:
        self.login(self.crewman)
        self.assertEqual(self.post("/api/v1/hard-problems", {"title": "z"}).status_code, 403)
        self.assertEqual(self.post(f"{self.url}/steps", {"title": "z"}).status_code, 403)
        self.login(self.liaison)
        self.assertEqual(self.client.get("/api/v1/hard-problems").status_code, 403)
        self.login(self.outsider)  # station B's chief
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.post(f"{self.url}/revisits", {"note": "x"}).status_code, 404)
        _token, key = token_create(station_id=self.station_b.pk, name="B")
        self.client.logout()
        auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        self.assertEqual(self.client.get(self.url, **auth).status_code, 404)
        self.assertEqual(HardProblem.objects.filter(title="z").count(), 0)
        self.assertEqual(self.steps().count(), 0)

    def test_the_schema_documents_them(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        paths = schema["paths"]
        self.assertIn("get", paths["/api/v1/hard-problems"])
        self.assertIn("post", paths["/api/v1/hard-problems"])
        for path in (
            "/api/v1/hard-problems/{problem_id}/steps",
            "/api/v1/hard-problems/{problem_id}/steps/{step_id}/done",
            "/api/v1/hard-problems/{problem_id}/revisits",
            "/api/v1/hard-problems/{problem_id}/solve",
        ):
            post = paths[path]["post"]
            self.assertTrue({"400", "403", "404", "409"} <= set(post["responses"]), path)
            self.assertIn("Idempotency-Key", [p["name"] for p in post["parameters"]])
