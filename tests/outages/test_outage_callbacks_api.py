"""fix67b, 2: an outage's callbacks by the API: ``GET /api/v1/outages/{id}/callbacks`` lists each
household's callback (customer, state, outcome, score, tries, done at and by), ``POST
/api/v1/outages/{id}/callbacks/{cid}`` records one try by the page's service: its roles (403),
another station's outage 404, a refusal at its field 422, done or given up 409, and with an
Idempotency-Key a retry records one try; both in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase, make_user


class OutageCallbacksApiTests(BaseTestCase):
    def setUp(self) -> None:
        self.outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind="unplanned"
        )
        Outage.objects.filter(pk=self.outage.pk).update(
            status=Outage.Status.RESTORED, restored_at=timezone.now()
        )
        self.callback = OutageCallback.objects.create(
            outage=self.outage, customer=self.customer, reason="caller", due_at=timezone.now()
        )
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        _, key_b = token_create(station_id=self.station_b.pk, name="B")
        self.auth_b = {"HTTP_AUTHORIZATION": f"Token {key_b}"}

    def url(self, callback: int | None = None) -> str:
        tail = f"/{callback}" if callback is not None else ""
        return f"/api/v1/outages/{self.outage.pk}/callbacks{tail}"

    def post(self, body: dict[str, Any], **headers: Any) -> Any:
        with translation.override("en"):
            return self.client.post(
                self.url(self.callback.pk),
                body,
                content_type="application/json",
                HTTP_ACCEPT_LANGUAGE="en",
                **(headers or self.auth),
            )

    def test_the_list_says_each_household_s_callback(self) -> None:
        answer = self.client.get(self.url(), **self.auth)
        self.assertEqual(answer.status_code, 200, answer.content)
        (row,) = answer.json()
        self.assertEqual(
            (row["id"], row["customer"], row["state"], row["attempts"], row["outcome"]),
            (self.callback.pk, "普光荣", "due", 0, ""),
        )
        self.post({"outcome": "reached", "satisfaction": 4, "note": "好了"})
        (row,) = self.client.get(self.url(), **self.auth).json()
        self.assertEqual((row["state"], row["satisfaction"], row["attempts"]), ("reached", 4, 1))
        self.assertEqual(row["done_by"], None)  # the system's token
        self.assertIsNotNone(row["done_at"])
        self.assertEqual(self.client.get(self.url(), **self.auth_b).status_code, 404)

    def test_a_try_is_recorded_by_the_page_s_service(self) -> None:
        self.login(self.clerk)
        with translation.override("en"):
            answer = self.client.post(
                self.url(self.callback.pk),
                {"outcome": "not_reached", "note": "无人接听"},
                content_type="application/json",
            )
        self.assertEqual(answer.status_code, 200, answer.content)
        body = answer.json()
        self.assertEqual((body["callback"]["attempts"], body["callback"]["state"]), (1, "due"))
        self.assertIn("未联系上 普光荣（第 1 次）", body["detail"])  # the station's words
        self.assertIsNone(body["order"])
        answer = self.client.post(
            self.url(self.callback.pk),
            {"outcome": "reached", "still_off": True},
            content_type="application/json",
        )
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertIsNotNone(answer.json()["order"])  # the household's fault order
        self.assertEqual(answer.json()["callback"]["done_by"], "李秀英")

    def test_refusals(self) -> None:
        # The outcome and the score that do not go together: 422 at the outcome.
        answer = self.post({"outcome": "not_reached", "satisfaction": 5})
        self.assertEqual((answer.status_code, answer.json()["field"]), (422, "outcome"))
        self.assertEqual(self.post({"outcome": "maybe"}).status_code, 422)
        # Another station: 404; a callback of another outage: 404.
        self.assertEqual(self.post({"outcome": "retry"}, **self.auth_b).status_code, 404)
        with translation.override("en"):
            missing = self.client.post(
                self.url(self.callback.pk + 999),
                {"outcome": "retry"},
                content_type="application/json",
                **self.auth,
            )
        self.assertEqual(missing.status_code, 404)
        # A crew member does not record callbacks (the page is not theirs): 403.
        self.login(make_user("crew9", self.station_a, Role.CREW))
        answer = self.client.post(
            self.url(self.callback.pk), {"outcome": "retry"}, content_type="application/json"
        )
        self.assertEqual(answer.status_code, 403)
        self.callback.refresh_from_db()
        self.assertEqual(self.callback.attempts, 0)
        # Done: 409; given up: 409 saying so.
        self.assertEqual(self.post({"outcome": "reached", "satisfaction": 5}).status_code, 200)
        self.assertEqual(self.post({"outcome": "retry"}).status_code, 409)
        OutageCallback.objects.filter(pk=self.callback.pk).update(given_up=True, outcome="")
        answer = self.post({"outcome": "retry"})
        self.assertEqual(answer.status_code, 409)
        self.assertIn("放弃", answer.json()["detail"])  # "given up", in the station's language

    def test_a_retry_with_the_same_key_records_one_try(self) -> None:
        key = {"HTTP_IDEMPOTENCY_KEY": "cb-1", **self.auth}
        first = self.post({"outcome": "not_reached"}, **key)
        again = self.post({"outcome": "not_reached"}, **key)
        self.assertEqual(again.json(), first.json())
        self.assertEqual(again["Idempotent-Replayed"], "true")
        self.callback.refresh_from_db()
        self.assertEqual(self.callback.attempts, 1)

    def test_both_are_in_the_openapi_schema(self) -> None:
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        self.assertIn("get", paths["/api/v1/outages/{outage_id}/callbacks"])
        posted = paths["/api/v1/outages/{outage_id}/callbacks/{callback_id}"]["post"]
        self.assertTrue({"200", "404", "409", "422"} <= set(posted["responses"]))
