"""A call saved without a work order (a test call, "测试") says so: the clerk is not left to
wonder whether an order was opened."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.utils import translation

from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase, post_intake


class JunkCallSaidTests(BaseTestCase):
    def said(self, language: str) -> list[str]:
        self.login(self.clerk)
        with translation.override(language):
            self.client.cookies["django_language"] = language
            response = post_intake(self.client, {"text": "测试", "action": "log"})
            return [str(m) for m in get_messages(response.wsgi_request)]

    def test_a_call_saved_without_an_order_says_no_order_was_opened(self) -> None:
        self.assertEqual(self.said("en"), ["Call logged; no work order was opened."])
        self.assertTrue(Call.objects.exists())
        self.assertFalse(WorkOrder.objects.exists())
