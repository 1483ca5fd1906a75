"""A caller's number written as an input method or a relay writes it (full-width digits, "＋８６",
zero-width or bidirectional characters) is taken by the API as the intake's caller lookup reads
it, and finds its caller (probe78 L3: 400 "only digits…" lost the call); letters and other signs
are still refused ("1881959872O": probe76)."""

from __future__ import annotations

from typing import Any

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase


class CallerNumberFoldedTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="交换机")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def api(self, body: dict[str, Any]) -> Any:
        return self.client.post("/api/v1/calls", body, content_type="application/json", **self.auth)

    def test_a_number_written_wide_or_with_invisible_characters_finds_its_caller(self) -> None:
        for n, number in enumerate(
            (
                "１３８１２３４５６７８",
                "+８６ １３８ １２３４ ５６７８",
                "138\u200b1234\u200b5678",
                "\u202e13812345678",
                "\ufeff138－1234－5678\u3000",
            )
        ):
            with self.subTest(number):
                answer = self.api(
                    {"caller_number": number, "status": "missed", "cti_call_id": f"c{n}"}
                )
                self.assertEqual(answer.status_code, 201, answer.content)
                call = Call.objects.get(pk=answer.json()["id"])
                self.assertEqual(call.customer, self.customer)
                self.assertTrue(call.caller_number.isascii(), call.caller_number)
        self.assertEqual(Call.objects.count(), 5)

    def test_letters_and_signs_are_still_refused(self) -> None:
        for number in (
            "1881959872O",
            "１８８１９５９８７２Ｏ",
            "138<1234>5678",
            "138*1234",
            # Digits only by compatibility (review79 M1: NFKC read them as a number): circled,
            # superscript, mathematical bold, parenthesised.
            "①③⑧①②③④⑤⑥⑦⑧",
            "¹³⁸¹²³⁴⁵⁶⁷⁸",
            "\U0001d7cf\U0001d7d1\U0001d7d61234\U0001d7d3678",
            "⑴3812345678",
        ):
            with self.subTest(number):
                answer = self.api({"caller_number": number, "text": "没电了"})
                self.assertEqual(answer.status_code, 400, answer.content)
                self.assertEqual(answer.json()["field"], "caller_number")
        self.assertFalse(Call.objects.exists())
