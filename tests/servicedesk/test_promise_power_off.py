"""A promise of an order whose power is still off (a fault repair not yet resolved, or an order
joined to an outage not yet restored) is not kept by a press of "kept": power back settles it
by itself. Kept anyway (the promise was of something else: a call back, a visit) only with
what was done, which the order's history keeps (walk29 finding 3)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import Promise, WorkOrder
from powerdesk.servicedesk.promises import PromiseEarlyError, promise_make, promise_settle
from powerdesk.servicedesk.services import (
    WorkOrderError,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase
from tests.servicedesk.promise_cast import promised, promised_order

POWER_OFF = "power is still off"


class PromisePowerOffTests(BaseTestCase):
    def order(self, category: str = "fault_repair") -> WorkOrder:
        order = promised_order(self, category, "哔叭停电" if category == "fault_repair" else "")
        if category == "fault_repair":
            order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
            order = work_order_transition(work_order=order, to_status="on_site", user=self.chief)
        return order

    def promise(self, order: WorkOrder, text: str = "今天中午12点前恢复供电") -> Promise:
        return promised(self, due_at=timezone.now() + dt.timedelta(hours=6), text=text, order=order)

    def test_kept_is_refused_while_the_order_s_power_is_off(self) -> None:
        promise = self.promise(self.order())
        with translation.override("en"), self.assertRaisesMessage(WorkOrderError, POWER_OFF):
            promise_settle(promise=promise, kept=True, user=self.clerk)
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.OPEN)
        # Nor is it broken before its time: it can still be kept (``PromiseEarlyError``).
        with self.assertRaises(PromiseEarlyError):
            promise_settle(promise=promise, kept=False, user=self.clerk, reason="停电未恢复")
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.OPEN)

    def test_kept_with_what_was_done_is_kept_and_the_history_says_it(self) -> None:
        order = self.order()
        promise = self.promise(order, "10点前回电告知抢修进度")
        with translation.override("en"):
            promise = promise_settle(
                promise=promise, kept=True, user=self.clerk, reason="  9:40已回电告知  "
            )
        self.assertEqual(promise.state, Promise.State.KEPT)
        note = order.events.filter(note_code="promise_kept_power_off").get()
        self.assertEqual(
            note.note_args, {"text": "10点前回电告知抢修进度", "reason": "9:40已回电告知"}
        )
        self.assertEqual(note.by, self.clerk)

    def test_kept_needs_no_reason_once_power_is_back_or_for_other_orders(self) -> None:
        order = self.order()
        promise = self.promise(order)
        work_order_transition(
            work_order=order,
            to_status="resolved",
            user=self.chief,
            cause="熔断器熔断",
            device=self.fuse,
        )
        promise.refresh_from_db()
        self.assertEqual(promise_settle(promise=promise, kept=True, user=self.clerk).state, "kept")
        business = self.promise(self.order("business"), "明天上门办理过户")
        self.assertEqual(promise_settle(promise=business, kept=True, user=self.clerk).state, "kept")
        alone = promise_make(
            station=self.station_a,
            user=self.clerk,
            text="今晚回电",
            due_at=timezone.now() + dt.timedelta(hours=2),
            customer=self.customer,
        )
        self.assertEqual(promise_settle(promise=alone, kept=True, user=self.clerk).state, "kept")

    def test_the_page_asks_what_was_done_and_refuses_a_bare_kept(self) -> None:
        promise = self.promise(self.order())
        self.login(self.clerk)
        self.client.cookies["django_language"] = "en"
        url = reverse("servicedesk:promises")
        page = self.client.get(url).content.decode()
        # The dark order's promise offers "kept" only with what was done; no bare button.
        self.assertIn(f'data-testid="promise-kept-reason-{promise.pk}"', page)
        self.assertNotIn(f'data-testid="promise-kept-{promise.pk}"', page)
        action = reverse("servicedesk:promise_action")
        response = self.client.post(action, {"promise": promise.pk, "kept": "1"}, follow=True)
        # The page again, at the promise's row: why, at the field of what was done.
        self.assertContains(response, POWER_OFF)
        self.assertContains(response, 'data-testid="promise-reason-error"')
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.OPEN)
        self.client.post(action, {"promise": promise.pk, "kept": "1", "reason": "已回电告知"})
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.KEPT)

    def test_the_page_keeps_the_plain_button_for_other_promises(self) -> None:
        promise = self.promise(self.order("business"), "明天上门办理过户")
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:promises")).content.decode()
        self.assertIn(f'data-testid="promise-kept-{promise.pk}"', page)
        self.assertNotIn(f'data-testid="promise-kept-reason-{promise.pk}"', page)

    def test_the_api_refuses_a_bare_kept_with_409_and_takes_a_reason(self) -> None:
        promise = self.promise(self.order())
        _, key = token_create(station_id=self.station_a.pk, name="x")
        auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        url = f"/api/v1/promises/{promise.pk}/settle"
        response = self.client.post(url, {"kept": True}, content_type="application/json", **auth)
        self.assertEqual(response.status_code, 409)
        response = self.client.post(
            url, {"kept": True, "reason": "已回电"}, content_type="application/json", **auth
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["state"], "kept")
