"""A request refused for its size is logged as one WARNING line without a traceback, not an
ERROR with one (probe78 L6: anyone who reaches a form could flood the error log); it is answered
as before."""

from __future__ import annotations

import logging

from django.test import override_settings

from tests.base import BaseTestCase


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
class BodyTooLargeLoggedTests(BaseTestCase):
    def test_an_oversized_body_is_one_warning_line_without_a_traceback(self) -> None:
        with self.assertLogs("django.security", logging.DEBUG) as logged:
            answer = self.client.post(
                "/accounts/login/",
                "username=x&password=" + "a" * 5000,
                content_type="application/x-www-form-urlencoded",
            )
        self.assertEqual(answer.status_code, 400)
        self.assertEqual(len(logged.records), 1, logged.output)
        record = logged.records[0]
        self.assertEqual(record.levelno, logging.WARNING)
        self.assertIsNone(record.exc_info)
        self.assertFalse(record.exc_text)

    def test_the_api_still_answers_413_with_its_sentence(self) -> None:
        self.login(self.clerk)
        answer = self.client.post(
            "/api/v1/calls", '{"text": "' + "a" * 5000 + '"}', content_type="application/json"
        )
        self.assertEqual(answer.status_code, 413, answer.content)
        self.assertIn("detail", answer.json())
