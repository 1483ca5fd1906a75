"""A step dropped from a hard problem's plan reads as dropped through the API, never as done
(probe76, 6): its kind, when and why; the list counts dropped steps apart; a system drops a step
as the page does, once, with a reason, by whom the page allows; a dropped step is never said
done afterwards."""

from __future__ import annotations

from typing import Any

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.followup import (
    hard_problem_add_step,
    hard_problem_open,
)
from powerdesk.servicedesk.followup_drop import hard_problem_step_drop
from powerdesk.servicedesk.models import HardProblemStep
from tests.base import BaseTestCase, make_user


class ApiProblemDropTests(BaseTestCase):
    def setUp(self) -> None:
        self.crewman = make_user("crewman", self.station_a, Role.CREW, full_name="王班员")
        self.problem = hard_problem_open(
            station=self.station_a, user=self.chief, title="左门低电压", village=self.village
        )
        self.step = hard_problem_add_step(
            problem=self.problem, user=self.chief, title="新建台区", owner=None, due_on=None
        )
        self.url = f"/api/v1/hard-problems/{self.problem.pk}"
        self.drop_url = f"{self.url}/steps/{self.step.pk}/drop"

    def post(self, url: str, body: dict[str, Any] | None = None, **headers: str) -> Any:
        return self.client.post(url, body or {}, content_type="application/json", **headers)

    def test_a_dropped_step_reads_as_dropped_not_done(self) -> None:
        hard_problem_step_drop(step=self.step, user=self.chief, reason="县公司改了方案")
        self.login(self.clerk)
        [step] = self.client.get(self.url).json()["steps"]
        self.assertEqual((step["kind"], step["note"]), ("dropped", "县公司改了方案"))
        self.assertEqual(
            (step["done_on"], step["done_by"], step["dropped_by"]), (None, None, "chief")
        )
        self.assertIsNotNone(step["dropped_at"])
        [item] = self.client.get("/api/v1/hard-problems").json()["items"]
        self.assertEqual(
            (item["steps_done"], item["steps_total"], item["steps_dropped"]), (0, 0, 1)
        )
        alone = self.client.get(self.url).json()
        self.assertEqual((alone["steps_done"], alone["steps_dropped"]), (0, 1))

    def test_a_step_still_to_do_is_not_dropped(self) -> None:
        self.login(self.clerk)
        [step] = self.client.get(self.url).json()["steps"]
        self.assertEqual(step["kind"], "step")
        self.assertIsNone(step["dropped_at"])

    def test_the_office_drops_a_step_once_with_a_reason(self) -> None:
        self.login(self.clerk)
        empty = self.post(self.drop_url, {"note": "  "})
        self.assertEqual(empty.status_code, 400, empty.content)
        self.assertEqual(empty.json()["field"], "note")
        self.step.refresh_from_db()
        self.assertIsNone(self.step.dropped_at)
        first = self.post(self.drop_url, {"note": "改由县公司施工"}, HTTP_IDEMPOTENCY_KEY="drop-1")
        self.assertEqual(first.status_code, 200, first.content)
        dropped = first.json()
        self.assertEqual((dropped["kind"], dropped["dropped_by"]), ("dropped", "clerk"))
        self.assertEqual((dropped["done_on"], dropped["done_by"]), (None, None))  # never done
        replay = self.post(self.drop_url, {"note": "改由县公司施工"}, HTTP_IDEMPOTENCY_KEY="drop-1")
        self.assertEqual(replay.status_code, 200, replay.content)
        again = self.post(self.drop_url, {"note": "再说一次"})
        self.assertEqual(again.status_code, 409, again.content)
        self.step.refresh_from_db()
        self.assertEqual(self.step.note, "改由县公司施工")  # nothing written over

    def test_a_dropped_step_is_never_said_done(self) -> None:
        hard_problem_step_drop(step=self.step, user=self.chief, reason="县公司改了方案")
        self.login(self.clerk)
        done = self.post(f"{self.url}/steps/{self.step.pk}/done", {"note": "做完了"})
        self.assertEqual(done.status_code, 409, done.content)
        self.step.refresh_from_db()
        self.assertEqual(self.step.note, "县公司改了方案")

    def test_who_may_not_drop_a_step_cannot(self) -> None:
        # A crew member may drop only a step given to them; a system's token nobody.
        self.login(self.crewman)
        self.assertEqual(self.post(self.drop_url, {"note": "不用了"}).status_code, 403)
        self.client.logout()
        token = token_create(station_id=self.station_a.pk, name="系统")[1]
        by_token = self.post(self.drop_url, {"note": "不用了"}, HTTP_AUTHORIZATION=f"Token {token}")
        self.assertEqual(by_token.status_code, 403, by_token.content)
        self.login(self.outsider)  # another station's chief: not found
        self.assertEqual(self.post(self.drop_url, {"note": "不用了"}).status_code, 404)
        self.assertFalse(HardProblemStep.objects.filter(dropped_at__isnull=False).exists())
