"""An outage's crew by the API (fix64b): ``POST /api/v1/outages/{id}/dispatch`` and
``…/recall``, by the board's services: the roles checked there (403), another station's outage
404, the outage's state 409, a crew the station has not 422; a retry or a double submit stores
one and answers 200 with what is; both in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from powerdesk.accounts.models import Crew, Role
from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.recall import RECALLED
from powerdesk.servicedesk.models import WorkOrderStatus
from tests.base import make_user
from tests.servicedesk.crew_cast import A_PHONE, B_PHONE, CrewOrderTestCase, outage_job


class OutageCrewApiTests(CrewOrderTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage, self.job = outage_job(self)
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        _, key_b = token_create(station_id=self.station_b.pk, name="B")
        self.auth_b = {"HTTP_AUTHORIZATION": f"Token {key_b}"}

    def call(self, step: str, body: Any = None, **headers: Any) -> Any:
        with translation.override("en"):
            return self.client.post(
                f"/api/v1/outages/{self.outage.pk}/{step}",
                body if body is not None else {},
                content_type="application/json",
                HTTP_ACCEPT_LANGUAGE="en",
                **(headers or self.auth),
            )

    def lines(self, what: str) -> int:
        return self.outage.events.filter(what=what).count()

    def test_sent_by_name_or_id_then_again_is_one_sending(self) -> None:
        answer = self.call("dispatch", {"crew": "抢修二班"})
        self.assertEqual(answer.status_code, 200, answer.content)
        body = answer.json()
        self.assertEqual(
            (body["crew"], body["crew_id"], body["done"]), ("抢修二班", self.other_crew.pk, "sent")
        )
        self.assertEqual(body["status"], "active")
        self.assertEqual(body["device"], self.fuse.code)
        # The caller's order and the one the dispatch opened for the crew: both with it.
        self.assertEqual({o["crew"] for o in body["orders"]}, {"抢修二班"})
        self.assertIn("crew_dispatched", self.texts(B_PHONE))
        lines = self.lines("dispatched")
        # The same again, by id (a retry without a key, a double submit): nothing stored.
        again = self.call("dispatch", {"crew_id": self.other_crew.pk})
        self.assertEqual((again.status_code, again.json()["done"]), (200, "already"))
        self.assertEqual(self.lines("dispatched"), lines)
        self.assertEqual(self.texts(B_PHONE).count("crew_dispatched"), 1)

    def test_a_retry_with_the_same_key_replays_the_first_answer(self) -> None:
        key = {"HTTP_IDEMPOTENCY_KEY": "recall-1", **self.auth}
        first = self.call("recall", {}, **key)
        self.assertEqual((first.status_code, first.json()["done"]), (200, "recalled"))
        again = self.call("recall", {}, **key)
        self.assertEqual(again.json(), first.json())
        self.assertEqual(again["Idempotent-Replayed"], "true")
        self.assertEqual(self.lines(RECALLED), 1)

    def test_recalled_then_recalled_again_is_one_recall(self) -> None:
        answer = self.call("recall", {"crew": "抢修一班"})
        self.assertEqual(answer.status_code, 200, answer.content)
        body = answer.json()
        self.assertEqual((body["crew"], body["done"]), (None, "recalled"))
        self.assertIn("抢修一班", body["detail"])
        self.assertEqual({o["status"] for o in body["orders"]}, {WorkOrderStatus.RECEIVED})
        # Sent again with no body at all (the crew is named only when one wants it checked).
        again = self.client.post(
            f"/api/v1/outages/{self.outage.pk}/recall", content_type="application/json", **self.auth
        )
        self.assertEqual((again.status_code, again.json()["done"]), (200, "already_recalled"))
        self.assertEqual(self.lines(RECALLED), 1)
        self.assertEqual(self.texts(A_PHONE), ["crew_dispatched", "crew_taken_off_sms"])

    def test_a_role_that_may_not_is_403(self) -> None:
        self.login(self.member)  # a crew member's session
        self.assertEqual(self.call("recall", {}, HTTP_X=1).status_code, 403)
        self.assertEqual(self.call("dispatch", {"crew": "抢修二班"}, HTTP_X=1).status_code, 403)
        self.assertEqual(OutageLink.objects.get(outage=self.outage).crew, self.crew)
        dispatcher = make_user("dispatch", self.station_a, Role.DISPATCHER)
        self.login(dispatcher)
        self.assertEqual(self.call("recall", {}, HTTP_X=1).status_code, 200)

    def test_another_station_s_outage_is_404_and_its_crew_422(self) -> None:
        self.assertEqual(self.call("recall", {}, **self.auth_b).status_code, 404)
        self.assertEqual(
            self.call("dispatch", {"crew": "抢修一班"}, **self.auth_b).status_code, 404
        )
        theirs = Crew.objects.create(station=self.station_b, name="栋川一班")
        refused = self.call("dispatch", {"crew_id": theirs.pk})
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(refused.json()["field"], "crew_id")
        refused = self.call("dispatch", {"crew": "栋川一班"})
        self.assertEqual((refused.status_code, refused.json()["field"]), (422, "crew"))
        self.assertEqual(self.call("dispatch", {}).status_code, 422)
        both = self.call("dispatch", {"crew": "抢修一班", "crew_id": self.crew.pk})
        self.assertEqual(both.status_code, 422)
        self.assertEqual(self.lines(RECALLED), 0)

    def test_the_outage_s_state_refuses_with_409_and_why(self) -> None:
        outage_b = self.call("recall", {"crew": "抢修二班"})  # not the crew on it
        self.assertEqual(outage_b.status_code, 409)
        self.assertIn("抢修一班", outage_b.json()["detail"])
        Outage.objects.filter(pk=self.outage.pk).update(status=Outage.Status.RESTORED)
        self.assertEqual(self.call("recall").status_code, 409)
        refused = self.call("dispatch", {"crew": "抢修二班"})
        self.assertEqual(refused.status_code, 409)
        self.assertTrue(refused.json()["detail"])

    def test_both_are_in_the_openapi_schema(self) -> None:
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        for step in ("dispatch", "recall"):
            operation = paths[f"/api/v1/outages/{{outage_id}}/{step}"]["post"]
            self.assertLessEqual({"200", "403", "404", "409", "422"}, set(operation["responses"]))
            self.assertIn("Idempotency-Key", [p["name"] for p in operation["parameters"]])
