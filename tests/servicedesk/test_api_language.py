"""The API's refusals in one language, the station's, whatever the client's ``Accept-Language``
(walk37, 12; walk38, 11): its own messages, and the schema check's 422 with the field named
where it is (``["body", "priority"]``, not the internal ``"payload"``) and said for the common
kinds. An answered call with no note is logged and said to be no request (walk37, 13); a
hard problem's step due on a day with a time is refused, not cut to its day."""

from __future__ import annotations

from typing import Any

from django.test import override_settings
from django.utils.translation import gettext

from powerdesk.accounts.tokens import token_create
from powerdesk.lib.language import station_language
from powerdesk.servicedesk.followup import hard_problem_open
from powerdesk.servicedesk.models import Call
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase


def station_said(msgid: str, **args: Any) -> str:
    """``msgid`` as the station's language says it; an argument that is a msgid too is said."""
    with station_language():
        said = gettext(msgid)
        args = {k: gettext(v) if k == "kind" else v for k, v in args.items()}
    return said % args if args else said


class ApiLanguageTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def post(self, path: str, body: Any, **headers: Any) -> Any:
        return self.client.post(path, body, content_type="application/json", **self.auth, **headers)

    def refusals(self, response: Any) -> dict[str, dict[str, Any]]:
        self.assertEqual(response.status_code, 422, response.content)
        return {error["field"]: error for error in response.json()["detail"]}

    def test_a_schema_refusal_names_the_field_where_it_is_and_says_why(self) -> None:
        answer = self.post(
            "/api/v1/calls", {"text": "停电", "priority": "high", "caller_number": 13800138000}
        )
        said = self.refusals(answer)
        self.assertEqual(set(said), {"priority", "caller_number"})
        self.assertEqual(said["priority"]["loc"], ["body", "priority"])
        self.assertEqual(said["priority"]["type"], "extra_forbidden")
        self.assertEqual(
            said["priority"]["msg"],
            station_said("This field is not one the operation takes (see /api/v1/openapi.json)."),
        )
        self.assertEqual(
            said["caller_number"]["msg"],
            station_said("Must be %(kind)s.", kind="text (a JSON string)"),
        )
        self.assertFalse(Call.objects.exists())
        missing = self.refusals(self.post("/api/v1/work-orders", {"summary": "换表"}))
        self.assertEqual(missing["category"]["msg"], station_said("This field is required."))
        no_zone = self.refusals(
            self.post("/api/v1/promises", {"text": "明天来修", "due_at": "2026-12-06T18:00:00"})
        )
        self.assertEqual(
            no_zone["due_at"]["msg"],
            station_said("The time must say its zone, e.g. 2026-12-05T10:00+08:00."),
        )
        self.assertEqual(no_zone["due_at"]["loc"], ["body", "due_at"])

    def test_the_api_s_own_refusals_are_in_the_station_s_language(self) -> None:
        answer = self.post("/api/v1/work-orders", {"category": "business", "summary": "  "})
        self.assertEqual(answer.status_code, 400, answer.content)
        self.assertEqual(answer.json()["detail"], station_said("Say what the order is about."))
        order = work_order_create(
            station=self.station_a, user=None, category="business", summary="过户"
        )
        nobody = station_said("Nobody at this station has the username %(name)s.", name="nobody")
        for language in ("en", "zh-hans"):
            answer = self.post(
                f"/api/v1/work-orders/{order.pk}/owner",
                {"owner": "nobody"},
                HTTP_ACCEPT_LANGUAGE=language,
            )
            self.assertEqual((answer.status_code, answer.json()["detail"]), (400, nobody))
            self.assertEqual(answer["Content-Language"], "zh-hans")
        with override_settings(LANGUAGE_CODE="en"):
            answer = self.post(
                f"/api/v1/work-orders/{order.pk}/owner",
                {"owner": "nobody"},
                HTTP_ACCEPT_LANGUAGE="zh-hans",
            )
            self.assertEqual(
                answer.json()["detail"], "Nobody at this station has the username nobody."
            )
            self.assertEqual(answer["Content-Language"], "en")
        missing = self.client.get("/api/v1/work-orders/999999", **self.auth)
        self.assertEqual(missing.json()["detail"], station_said("Not found at this station."))
        no_token = self.client.get("/api/v1/work-orders")
        self.assertEqual(
            (no_token.status_code, no_token.json()["detail"]),
            (401, station_said("A valid 'Authorization: Bearer <key>' header is needed.")),
        )

    def test_an_answered_call_with_no_note_is_logged_and_said_to_be_no_request(self) -> None:
        empty = self.post("/api/v1/calls", {"caller_number": "0878-5711095", "text": ""})
        self.assertEqual(empty.status_code, 201, empty.content)
        self.assertEqual(
            empty.json()["notice"],
            station_said(
                "The call has no note (text is empty): it is logged as not a request, with no "
                "category and no work order. Send what the caller said in text."
            ),
        )
        call = Call.objects.get(pk=empty.json()["id"])
        self.assertEqual((call.category, call.work_order_id), ("", None))
        missed = self.post("/api/v1/calls", {"caller_number": "0878-5711096", "status": "missed"})
        self.assertEqual((missed.status_code, missed.json()["notice"]), (201, ""))
        said = self.post("/api/v1/calls", {"caller_number": "0878-5711097", "text": "电费怎么交"})
        self.assertEqual((said.status_code, said.json()["notice"]), (201, ""))

    def test_a_step_due_on_a_day_with_a_time_is_refused_at_its_field(self) -> None:
        problem = hard_problem_open(
            station=self.station_a, user=self.chief, title="左门低电压", village=self.village
        )
        answer = self.post(
            f"/api/v1/hard-problems/{problem.pk}/steps",
            {"title": "换变压器", "due_on": "2026-12-10T00:00:00"},
        )
        said = self.refusals(answer)
        self.assertEqual(
            said["due_on"]["msg"],
            station_said("Must be a day written YYYY-MM-DD, without a time."),
        )
        self.assertFalse(problem.steps.exists())


class BodyNotReadTests(BaseTestCase):
    """Review 38, 3-4: what is wrong with a body said wholly in the station's language, and a
    number of more digits than Python reads a 400 on every way in, never a 500."""

    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="gateway")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def post(self, path: str, raw: bytes | str) -> Any:
        return self.client.post(path, raw, content_type="application/json", **self.auth)

    def test_bad_json_is_said_with_where_and_what_in_the_station_s_language(self) -> None:
        answer = self.post("/api/v1/calls", '{"text": "停电" "x": 1}')
        self.assertEqual(answer.status_code, 400)
        self.assertEqual(
            answer.json()["detail"],
            station_said(
                "The body is not valid JSON: %(what)s at line %(line)s, column %(column)s.",
                what=station_said("a comma is missing"),
                line=1,
                column=15,
            ),
        )

    def test_the_choices_of_a_field_are_the_values_alone(self) -> None:
        answer = self.post("/api/v1/work-orders", '{"summary": "换表", "category": "repair"}')
        said = {e["field"]: e for e in answer.json()["detail"]}["category"]["msg"]
        self.assertIn("fault_repair", said)
        self.assertNotIn(" or ", said)
        self.assertNotIn("'", said)

    def test_a_number_too_long_to_read_is_a_400_on_every_way_in(self) -> None:
        body = '{"id": ' + "1" * 5000 + "}"
        for path in ("/api/v1/sms/inbound", "/api/v1/sms/receipts", "/api/v1/signals"):
            with self.subTest(path):
                answer = self.post(path, body)
                self.assertEqual(answer.status_code, 400, answer.content)
                self.assertEqual(
                    answer.json()["detail"], station_said("The body is not JSON that can be read.")
                )
