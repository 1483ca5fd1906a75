"""A write's query parameter the operation does not declare is refused with 422 naming it, as a
read's is (``powerdesk/api_query.py``), before anything is changed (desk79, item 4: api79 left
``POST /calls?urgent=true`` logged with the word dropped). Headers (``Idempotency-Key``) are no
query string; the promise settlement keeps its own sentence for kept in the address; a request
without its token is still 401."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from powerdesk.servicedesk.models import Call, WorkOrder
from tests.test_api_query_as_declared import QueryCase

JSON = "application/json"
CALL = {"caller_number": "13800000001", "text": "咨询电费", "category": "billing"}


class WriteQueryAsDeclaredTests(QueryCase):
    def setUp(self) -> None:
        cache.clear()
        super().setUp()

    def post(self, path: str, body: object, **extra: Any) -> Any:
        return self.client.post(path, body, content_type=JSON, **{**self.auth, **extra})

    def test_an_unknown_parameter_of_a_write_is_refused_and_nothing_changed(self) -> None:
        orders = WorkOrder.objects.count()
        self.assertRefusedAt(self.post("/api/v1/calls?urgent=true", CALL), "urgent")
        self.assertRefusedAt(
            self.post("/api/v1/calls?category=fault&open_order=1", CALL), "category", "open_order"
        )
        self.assertFalse(Call.objects.exists())
        self.assertEqual(WorkOrder.objects.count(), orders)
        self.assertRefusedAt(
            self.post(
                f"/api/v1/work-orders/{self.order.pk}/transition?to=closed",
                {"to": "resolved", "note": "已办"},
            ),
            "to",
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "received")

    def test_headers_and_a_clean_address_are_taken_as_before(self) -> None:
        answer = self.post("/api/v1/calls", CALL, HTTP_IDEMPOTENCY_KEY="k-1")
        self.assertEqual(answer.status_code, 201, answer.content)
        again = self.post("/api/v1/calls", CALL, HTTP_IDEMPOTENCY_KEY="k-1")
        self.assertEqual(again.status_code, 201, again.content)
        self.assertEqual(Call.objects.count(), 1)

    def test_who_asks_is_checked_first(self) -> None:
        answer = self.client.post("/api/v1/calls?urgent=true", CALL, content_type=JSON)
        self.assertEqual(answer.status_code, 401, answer.content)
