"""Whether an order takes a callback is decided once (``workflow.callback_problem``): the order's
page offers the callback's form by it and ``callback_record`` refuses by it, for the page, the
callbacks list and the API alike. A question answered (a consultation) is not called back: the
page never offered it, but the API recorded one and moved the order to "callback done"."""

from __future__ import annotations

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_transition
from powerdesk.servicedesk.workflow import WorkOrderError, callback_problem
from tests.base import BaseTestCase
from tests.servicedesk.callback_cast import resolved_complaint


class CallbackOneRuleTests(BaseTestCase):
    def answered_question(self) -> WorkOrder:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="consultation",
            summary="问电费怎么交",
            customer=self.customer,
        )
        return work_order_transition(
            work_order=order, to_status="resolved", user=self.clerk, note="已告知缴费方式"
        )

    def test_an_answered_question_takes_no_callback_anywhere(self) -> None:
        order = self.answered_question()
        self.assertIsNotNone(callback_problem(order))
        self.login(self.clerk)
        page = self.client.get(order.get_absolute_url()).content.decode()
        self.assertNotIn('id="callback"', page)
        with self.assertRaises(WorkOrderError):
            callback_record(work_order=order, user=self.clerk, outcome="reached", satisfaction=5)
        _, key = token_create(station_id=self.station_a.pk, name="county")
        response = self.client.post(
            f"/api/v1/work-orders/{order.pk}/callbacks",
            {"outcome": "reached", "satisfaction": 5},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        self.assertEqual(response.status_code, 409, response.content)
        order.refresh_from_db()
        self.assertEqual((order.status, order.callbacks.count()), ("resolved", 0))

    def test_a_resolved_complaint_takes_one_on_the_page_and_by_the_service(self) -> None:
        order = resolved_complaint(self)
        self.assertIsNone(callback_problem(order))
        self.login(self.clerk)
        self.assertIn('id="callback"', self.client.get(order.get_absolute_url()).content.decode())
        callback_record(work_order=order, user=self.clerk, outcome="reached", satisfaction=5)
        order.refresh_from_db()
        self.assertEqual(order.status, "callback_done")
        self.assertIsNotNone(callback_problem(order))  # called back: no second
