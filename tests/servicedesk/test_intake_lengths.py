"""Intake refuses an over-long answer or note with an error next to the field, keeping what was
typed and logging nothing (walkthrough F12)."""

from __future__ import annotations

from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase, post_intake


class IntakeLengthTests(BaseTestCase):
    def test_an_over_long_answer_shows_its_field_error(self) -> None:
        self.login(self.clerk)
        response = post_intake(
            self.client,
            {"caller_number": "13812345678", "text": "电费怎么交", "answer": "答" * 2500},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Call.objects.exists())
        page = response.content.decode()
        self.assertIn('data-testid="answer-errors"', page)
        self.assertIn("2000", page.split('data-testid="answer-errors"')[1][:200])

    def test_an_over_long_note_is_refused_with_a_clear_error(self) -> None:
        self.login(self.clerk)
        response = post_intake(self.client, {"caller_number": "13812345678", "text": "停" * 6000})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Call.objects.exists())
        page = response.content.decode()
        self.assertIn('data-testid="text-errors"', page)
        self.assertIn("2000", page.split('data-testid="text-errors"')[1][:200])
        self.assertIn("停" * 6000, page)  # what was typed is kept to shorten
        # No maxlength: a browser cut a pasted note without a word (walkthrough 28, finding 5).
        self.assertNotIn("maxlength", page.split('id="id_text"')[1].split(">", 1)[0])

    def test_an_over_long_note_s_error_says_how_long_it_is_and_nothing_misleading(self) -> None:
        self.login(self.clerk)
        response = post_intake(self.client, {"caller_number": "", "text": "停" * 2345})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Call.objects.exists())
        page = response.content.decode()
        error = page.split('data-testid="text-errors"')[1][:300]
        self.assertIn("2345", error)  # how long it is
        self.assertIn("2000", error)  # and the limit
        self.assertNotIn("确保该变量", page)  # Django's stock words
        # A note was typed: no "enter the number or what they said" at the top.
        self.assertNotIn('<p class="errors">', page)
        self.assertNotIn("请输入来电号码或来电内容", page)

    def test_a_note_at_the_bound_is_taken(self) -> None:
        self.login(self.clerk)
        # (the category chosen: the model may be unsure of 2,000 characters of one word)
        post_intake(
            self.client,
            {"caller_number": "13812345678", "text": "停" * 2000, "category": "fault_repair"},
        )
        self.assertEqual(Call.objects.count(), 1)
