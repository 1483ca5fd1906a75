"""A body sent as a form (multipart or urlencoded) to the JSON API with a person's session is
refused 415, as a token's is, on every write and on the signals (probe78 M1: Django's CSRF check
read the multipart body, the operation could then not read it: a 500; the signals said "not
valid JSON")."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from powerdesk.outages.models import Signal
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase


class SessionFormBodyTests(BaseTestCase):
    def setUp(self) -> None:
        self.session = Client(enforce_csrf_checks=True)
        self.session.force_login(self.chief)
        self.csrf = "k" * 32
        self.session.cookies["csrftoken"] = self.csrf

    def multipart(self, path: str) -> Any:
        upload = SimpleUploadedFile("a.txt", b"x", content_type="text/plain")
        return self.session.post(path, {"text": "x", "f": upload}, HTTP_X_CSRFTOKEN=self.csrf)

    def test_a_multipart_body_with_a_session_is_415_on_every_write(self) -> None:
        order = work_order_create(
            station=self.station_a, user=None, category="business", summary="x"
        )
        for path in (
            "/api/v1/calls",
            "/api/v1/work-orders",
            "/api/v1/promises",
            "/api/v1/hard-problems",
            f"/api/v1/work-orders/{order.pk}/callbacks",
            "/api/v1/signals",
        ):
            with self.subTest(path):
                answer = self.multipart(path)
                self.assertEqual(answer.status_code, 415, answer.content)
                self.assertEqual(answer["Accept-Post"], "application/json")
                self.assertIn("multipart/form-data", answer.json()["detail"])
        self.assertFalse(Call.objects.exists())
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertFalse(Signal.objects.exists())

    def test_a_form_body_with_a_session_is_415_and_without_its_token_401(self) -> None:
        answer = self.session.post(
            "/api/v1/signals",
            "a=1",
            "application/x-www-form-urlencoded",
            HTTP_X_CSRFTOKEN=self.csrf,
        )
        self.assertEqual(answer.status_code, 415, answer.content)
        upload = SimpleUploadedFile("a.txt", b"x", content_type="text/plain")
        answer = self.session.post("/api/v1/calls", {"text": "x", "f": upload})
        self.assertEqual(answer.status_code, 401, answer.content)
