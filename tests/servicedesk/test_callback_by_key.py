"""A work order's callback recorded with an API key names the key as who made it (desk76, left
by export74: ``by`` null named nobody): kept on the callback, given by the API as ``by_key``
(documented in its schema) and shown on the order's page as the outage callbacks name theirs
("接口令牌：…"); a person's callback is shown with their name."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.models import Callback
from tests.base import BaseTestCase
from tests.servicedesk.test_callback_sent_twice import resolved

KEY_NAME = "县公司看板"


class CallbackByKeyTests(BaseTestCase):
    def setUp(self) -> None:
        self.order = resolved(self)
        self.token, key = token_create(station_id=self.station_a.pk, name=KEY_NAME)
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def test_the_key_is_kept_given_by_the_api_and_shown_on_the_order(self) -> None:
        callback_record(work_order=self.order, user=self.clerk, outcome="retry", comment="关机")
        answer = self.client.post(
            f"/api/v1/work-orders/{self.order.pk}/callbacks",
            {"outcome": "not_reached", "comment": "没人接"},
            content_type="application/json",
            **self.auth,
        )
        self.assertEqual(answer.status_code, 201, answer.content)
        self.assertEqual(answer.json()["by_key"], KEY_NAME)
        by_key = Callback.objects.get(pk=answer.json()["id"])
        self.assertEqual((by_key.by, by_key.by_key), (None, self.token))
        self.login(self.clerk)
        page = self.client.get(
            reverse("servicedesk:work_order", args=[self.order.pk]),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(
            page,
            f'data-testid="callback-by-{by_key.pk}" data-key="{self.token.prefix}">'
            f"API key: {KEY_NAME}</span>",
        )
        person = Callback.objects.get(work_order=self.order, by=self.clerk)
        self.assertContains(page, f'data-testid="callback-by-{person.pk}">{self.clerk}</span>')

    def test_the_same_try_from_two_keys_is_two_tries(self) -> None:
        _other, other_key = token_create(station_id=self.station_a.pk, name="另一个系统")
        for auth in (self.auth, {"HTTP_AUTHORIZATION": f"Token {other_key}"}):
            self.client.post(
                f"/api/v1/work-orders/{self.order.pk}/callbacks",
                {"outcome": "not_reached"},
                content_type="application/json",
                **auth,
            )
        self.assertEqual(Callback.objects.filter(work_order=self.order).count(), 2)

    def test_the_schema_documents_by_key(self) -> None:
        schemas = self.client.get("/api/v1/openapi.json").json()["components"]["schemas"]
        self.assertIn("API key", schemas["CallbackOut"]["properties"]["by_key"]["description"])
