"""A caller's number a digit short ("1890000222", ten digits) is still taken as an unknown
caller, and the clerk is told it looks incomplete (walk72, 8: "未知来电" with no word of it)."""

from __future__ import annotations

from django.urls import reverse

from tests.base import BaseTestCase

HINT = 'data-testid="number-incomplete"'


class NumberShortTests(BaseTestCase):
    def panel(self, number: str) -> str:
        self.login(self.clerk)
        response = self.client.post(reverse("servicedesk:caller"), {"caller_number": number})
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_mobile_number_a_digit_short_is_said(self) -> None:
        html = self.panel("1890000222")
        self.assertIn('data-testid="unknown-caller"', html)
        said = html.split(HINT, 1)[1].split("</p>", 1)[0]
        self.assertIn("10", said)
        self.assertIn("11", said)

    def test_a_fixed_line_too_short_is_said(self) -> None:
        said = self.panel("0878-57110").split(HINT, 1)[1].split("</p>", 1)[0]
        self.assertIn("9", said)

    def test_whole_numbers_are_not(self) -> None:
        for number in ("18900002222", "+86 189 0000 2222", "0878-5711095", "5711095", "95598"):
            with self.subTest(number):
                html = self.panel(number)
                self.assertIn('data-testid="unknown-caller"', html)
                self.assertNotIn(HINT, html)
