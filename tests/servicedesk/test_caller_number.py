"""A caller's number is what a telephone shows, however the call is logged: the API and the
telephone system's webhook refuse what the intake page refuses, at the field, storing nothing;
a number withheld ("anonymous") is logged as no number."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase


class CallerNumberTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="交换机")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def api(self, body: dict[str, Any]) -> Any:
        return self.client.post("/api/v1/calls", body, content_type="application/json", **self.auth)

    def cti(self, body: dict[str, Any]) -> Any:
        return self.client.post(
            reverse("servicedesk:cti"), body, content_type="application/json", **self.auth
        )

    def test_the_api_refuses_a_number_no_telephone_shows(self) -> None:
        for number in ("<script>", "abc", "12", "１８８１９５９８７２Ｏ", "０８"):
            with self.subTest(number):
                answer = self.api({"caller_number": number, "text": "没电了"})
                self.assertEqual(answer.status_code, 400, answer.content)
                self.assertEqual(answer.json()["field"], "caller_number")
        self.assertFalse(Call.objects.exists())

    def test_a_withheld_number_is_logged_as_no_number(self) -> None:
        answer = self.api({"caller_number": "Anonymous", "text": "没电了", "open_order": False})
        self.assertEqual(answer.status_code, 201, answer.content)
        self.assertEqual(Call.objects.get().caller_number, "")

    def test_a_written_number_is_taken(self) -> None:
        answer = self.api({"caller_number": " 0878-571 1095 ", "status": "missed"})
        self.assertEqual(answer.status_code, 201, answer.content)
        self.assertEqual(Call.objects.get().caller_number, "0878 571 1095")

    def test_the_telephone_webhook_refuses_it_on_a_ringing_call(self) -> None:
        answer = self.cti({"event": "ringing", "call_id": "c1", "caller_number": "<b>x</b>"})
        self.assertEqual(answer.status_code, 400, answer.content)
        self.assertIn("caller_number", answer.json()["error"])
        self.assertFalse(Call.objects.exists())

    def test_a_missed_call_with_it_is_logged_with_no_number_and_a_warning(self) -> None:
        # Never lost: the caller who hung up is in the queue, the exchange told what was wrong.
        with self.assertLogs("powerdesk.telephone", "WARNING"):
            answer = self.cti({"event": "missed", "call_id": "c1", "caller_number": "<b>x</b>"})
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertIn("caller_number", answer.json()["warning"])
        self.assertEqual(Call.objects.get().caller_number, "")
        logged = self.cti({"event": "missed", "call_id": "c2", "caller_number": "unknown"})
        self.assertEqual(logged.status_code, 200, logged.content)
        self.assertNotIn("warning", logged.json())
        self.assertEqual(Call.objects.get(cti_call_id="c2").caller_number, "")
