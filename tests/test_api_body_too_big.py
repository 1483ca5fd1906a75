"""A body past the upload limit (probe72 L4): the API answers in its own shape — JSON with a
``detail`` naming the limit, 413 — not Django's HTML "Bad Request (400)" page."""

from __future__ import annotations

import json

from django.conf import settings

from powerdesk.accounts.tokens import token_create
from tests.base import BaseTestCase


class BodyTooBigTests(BaseTestCase):
    def test_a_body_past_the_limit_is_refused_in_json_naming_the_limit(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = json.dumps({"text": "停电" + "x" * (limit + 1024)})
        for path in ("/api/v1/calls", "/api/v1/arrears-cases"):
            response = self.client.post(
                path,
                body,
                content_type="application/json",
                headers={"authorization": f"Token {key}", "accept-language": "en"},
            )
            self.assertEqual(response.status_code, 413, path)
            self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
            self.assertIn(f"{limit / 1024 / 1024:g} MB", response.json()["detail"])
