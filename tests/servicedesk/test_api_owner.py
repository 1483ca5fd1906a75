"""The API takes and gives work without an owner as the pages do: a work order, a hard
problem; the same checks (the services'), 409 naming who has it and since when, a retry or a
double submit recording nothing twice, refusals said at the field ``owner``; in the schema."""

from __future__ import annotations

from typing import Any

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.followup import hard_problem_open
from powerdesk.servicedesk.models import HardProblem, Notification, OwnerChange, WorkOrder
from powerdesk.servicedesk.ownership import work_order_owner_set
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, make_user


class ApiOwnerTests(BaseTestCase):
    def setUp(self) -> None:
        self.dispatcher = make_user("disp", self.station_a, Role.DISPATCHER, full_name="段调度")
        self.crewman = make_user("crewman", self.station_a, Role.CREW, full_name="王班员")
        self.order = work_order_create(
            station=self.station_a, user=self.chief, category="business", summary="过户", owner=None
        )
        self.problem = hard_problem_open(station=self.station_a, user=self.chief, title="低电压")
        HardProblem.objects.filter(pk=self.problem.pk).update(owner=None)
        self.order_url = f"/api/v1/work-orders/{self.order.pk}/owner"
        self.problem_url = f"/api/v1/hard-problems/{self.problem.pk}/owner"

    def post(self, url: str, body: dict[str, Any] | None = None, **headers: str) -> Any:
        return self.client.post(url, body or {}, content_type="application/json", **headers)

    def owner(self) -> Any:
        return WorkOrder.objects.get(pk=self.order.pk).owner

    def test_a_clerk_takes_an_order_once_however_often_it_is_sent(self) -> None:
        self.login(self.clerk)
        first = self.post(self.order_url)
        self.assertEqual(first.status_code, 200, first.content)
        self.assertEqual(first.json()["owner"], "clerk")
        again = self.post(self.order_url)
        self.assertEqual((again.status_code, again.json()["owner"]), (200, "clerk"))
        self.assertEqual(OwnerChange.objects.count(), 1)
        self.assertEqual(self.order.events.filter(kind="assigned").count(), 1)
        self.assertFalse(Notification.objects.filter(kind="work_given").exists())  # taken

    def test_the_same_idempotency_key_answers_as_the_first_time(self) -> None:
        self.login(self.dispatcher)
        key = {"HTTP_IDEMPOTENCY_KEY": "give-1"}
        first = self.post(self.order_url, {"owner": "clerk"}, **key)
        second = self.post(self.order_url, {"owner": "clerk"}, **key)
        self.assertEqual(second.status_code, 200)
        self.assertEqual(second.json(), first.json())
        self.assertEqual(second["Idempotent-Replayed"], "true")
        self.assertEqual(OwnerChange.objects.count(), 1)
        self.assertEqual(Notification.objects.filter(kind="work_given").count(), 1)

    def test_the_dispatcher_gives_it_and_the_person_is_told(self) -> None:
        self.login(self.dispatcher)
        answer = self.post(self.order_url, {"owner": "clerk"})
        self.assertEqual((answer.status_code, answer.json()["owner"]), (200, "clerk"))
        [notice] = Notification.objects.filter(kind="work_given")
        self.assertEqual((notice.recipient, notice.work_order), (self.clerk, self.order))
        change = OwnerChange.objects.get()
        self.assertEqual((change.by, change.owner), (self.dispatcher, self.clerk))

    def test_taken_meanwhile_is_409_naming_who_and_since_when(self) -> None:
        work_order_owner_set(work_order=self.order, user=self.chief)
        self.login(self.clerk)
        answer = self.post(self.order_url)
        self.assertEqual(answer.status_code, 409, answer.content)
        body = answer.json()
        self.assertEqual((body["owner"], body["owner_name"]), ("chief", "杨所长"))
        self.assertIsNotNone(body["since"])
        self.assertIn("杨所长", body["detail"])
        self.assertEqual(self.owner(), self.chief)
        self.assertEqual(OwnerChange.objects.count(), 1)

    def test_a_finished_order_is_409(self) -> None:
        WorkOrder.objects.filter(pk=self.order.pk).update(status="closed")
        self.login(self.clerk)
        answer = self.post(self.order_url)
        self.assertEqual(answer.status_code, 409)
        self.assertIsNone(answer.json()["owner"])

    def test_roles_that_may_not_are_refused_and_nothing_is_recorded(self) -> None:
        self.login(self.clerk)  # a clerk takes, but gives to nobody
        self.assertEqual(self.post(self.order_url, {"owner": "disp"}).status_code, 403)
        self.login(self.crewman)
        self.assertEqual(self.post(self.order_url).status_code, 403)
        self.assertIsNone(self.owner())
        self.assertEqual(OwnerChange.objects.count(), 0)

    def test_another_station_s_people_and_token_get_404(self) -> None:
        self.login(self.outsider)  # station B's chief
        self.assertEqual(self.post(self.order_url).status_code, 404)
        self.assertEqual(self.post(self.problem_url).status_code, 404)
        _token, key = token_create(station_id=self.station_b.pk, name="B")
        auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        self.client.logout()
        self.assertEqual(self.post(self.order_url, {"owner": "clerk"}, **auth).status_code, 404)
        self.assertIsNone(self.owner())

    def test_who_may_not_own_it_is_refused_at_the_owner_field(self) -> None:
        self.login(self.dispatcher)
        for username in ("crewman", "outsider", "nobody-at-all"):
            with self.subTest(username):
                answer = self.post(self.order_url, {"owner": username})
                self.assertEqual(answer.status_code, 400, answer.content)
                self.assertEqual(answer.json()["field"], "owner")
        self.assertIsNone(self.owner())

    def test_a_system_token_gives_but_takes_nothing_itself(self) -> None:
        _token, key = token_create(station_id=self.station_a.pk, name="county")
        auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        refused = self.post(self.order_url, {}, **auth)
        self.assertEqual((refused.status_code, refused.json()["field"]), (400, "owner"))
        given = self.post(self.order_url, {"owner": "clerk"}, **auth)
        self.assertEqual((given.status_code, given.json()["owner"]), (200, "clerk"))
        self.assertEqual(Notification.objects.filter(recipient=self.clerk).count(), 1)

    def test_a_hard_problem_is_taken_and_given_with_its_progress(self) -> None:
        self.login(self.dispatcher)
        answer = self.post(self.problem_url, {"owner": "clerk"})
        self.assertEqual(answer.status_code, 200, answer.content)
        body = answer.json()
        self.assertEqual((body["owner"], body["steps_done"], body["steps_total"]), ("clerk", 0, 0))
        self.login(self.chief)
        taken = self.post(self.problem_url)
        self.assertEqual((taken.status_code, taken.json()["owner"]), (409, "clerk"))

    def test_the_schema_documents_them(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        for path in (
            "/api/v1/work-orders/{order_id}/owner",
            "/api/v1/hard-problems/{problem_id}/owner",
        ):
            post = schema["paths"][path]["post"]
            self.assertEqual(set(post["responses"]) >= {"200", "400", "403", "404", "409"}, True)
            self.assertIn("Idempotency-Key", [p["name"] for p in post["parameters"]])
