"""A promise attached to a finished work order (resolved, called back, closed) had nothing left
to be kept by: the order's page no longer offers the form, but the service took one from the
API or a page drawn before the order was resolved. Refused at the work order's field, whoever
sends it; the promise to the customer alone is still made."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.models import Promise, WorkOrder
from powerdesk.servicedesk.promises import PromiseOrderFinishedError, promise_make
from powerdesk.servicedesk.services import work_order_transition
from tests.base import BaseTestCase
from tests.servicedesk.callback_cast import resolved_complaint


class PromiseOnFinishedOrderTests(BaseTestCase):
    def setUp(self) -> None:
        self.order = resolved_complaint(self)
        self.due = timezone.now() + dt.timedelta(days=1)

    def promise(self, order: WorkOrder | None = None) -> Promise:
        return promise_make(
            station=self.station_a,
            user=self.clerk,
            text="明天上午回电说明",
            due_at=self.due,
            work_order=order,
            customer=None if order is not None else self.customer,
        )

    def test_each_finished_state_refuses_it_at_the_work_order(self) -> None:
        for finish in (None, "callback", "closed"):
            if finish == "callback":
                callback_record(
                    work_order=self.order, user=self.clerk, outcome="reached", satisfaction=5
                )
            elif finish == "closed":
                work_order_transition(work_order=self.order, to_status="closed", user=self.clerk)
            self.order.refresh_from_db()
            with self.subTest(status=self.order.status):
                with self.assertRaises(PromiseOrderFinishedError) as caught:
                    self.promise(self.order)
                self.assertEqual(caught.exception.field, "work_order")
        self.assertFalse(Promise.objects.exists())
        self.assertFalse(self.order.events.filter(note_code="promise_made").exists())
        # To the customer alone it is made.
        self.assertEqual(self.promise().customer, self.customer)

    def test_an_order_resolved_since_it_was_read_is_refused(self) -> None:
        # review53 #11a: the order as stored (locked), not the instance read before it was
        # resolved.
        stale = WorkOrder.objects.get(pk=self.order.pk)
        stale.status = "dispatched"  # as a page drawn before the order was resolved read it
        self.assertTrue(stale.is_open)
        with self.assertRaises(PromiseOrderFinishedError):
            self.promise(stale)
        self.assertFalse(Promise.objects.exists())

    def test_the_api_answers_409_naming_the_field(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        response = self.client.post(
            "/api/v1/promises",
            {
                "work_order_id": self.order.pk,
                "text": "明天上午回电说明",
                "due_at": self.due.isoformat(),
            },
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        self.assertEqual(response.status_code, 409, response.content)
        self.assertEqual(response.json()["field"], "work_order_id")
        self.assertFalse(Promise.objects.exists())

    def test_an_old_page_s_form_is_refused_with_the_reason(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("servicedesk:promise_action"),
            {
                "action": "make",
                "order": self.order.pk,
                "text": "明天上午回电说明",
                "due_at": timezone.localtime(self.due).strftime("%Y-%m-%dT%H:%M"),
            },
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(response, f"Work order: {self.order.number} is resolved")
        self.assertFalse(Promise.objects.exists())
