"""A call sent through the API with no category takes the note's reading, and the answer says
what the reading was, sure or not (probe76, 13): the intake page asks the clerk to choose when
the reading is unsure; an integration is told so (``suggestion.ask``) with the runner-up, and
can send the category next time. A call sent with its category carries no reading."""

from __future__ import annotations

from typing import Any
from unittest import mock

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import Call
from powerdesk.servicedesk.understanding.suggestion import Suggestion
from tests.base import BaseTestCase

UNSURE = Suggestion(
    category="consultation",
    urgent=False,
    confidence=0.41,
    alternative="business",
    alternative_confidence=0.38,
)


class ApiCallReadingTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def post_call(self, **body: Any) -> Any:
        body.setdefault("caller_number", "0878-1234567")
        answer = self.client.post(
            "/api/v1/calls", body, content_type="application/json", **self.auth
        )
        self.assertEqual(answer.status_code, 201, answer.content)
        return answer.json()

    def test_an_unsure_reading_is_said_with_its_runner_up(self) -> None:
        with (
            mock.patch("powerdesk.servicedesk.api_calls.suggestion_for", return_value=UNSURE),
            mock.patch("powerdesk.servicedesk.calls.suggestion_for", return_value=UNSURE),
        ):
            body = self.post_call(text="想问一下家里那个表的事情")
        reading = body["suggestion"]
        self.assertEqual((body["category"], reading["category"]), ("consultation", "consultation"))
        self.assertTrue(reading["ask"])
        self.assertEqual(reading["alternative"], "business")
        self.assertEqual(Call.objects.get(pk=body["id"]).category, "consultation")

    def test_a_call_sent_with_its_category_carries_no_reading(self) -> None:
        body = self.post_call(text="想问一下家里那个表的事情", category="consultation")
        self.assertIsNone(body["suggestion"])

    def test_the_schema_says_it(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        created = schema["components"]["schemas"]["CallCreatedOut"]["properties"]
        self.assertIn("suggestion", created)
