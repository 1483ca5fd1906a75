"""Review68 M3, by text: a caller whose own order is the outage's and who is on the outage's
callback list too answers "1" once; the answer settles both (the list's place, the order's
callback) and is counted once in the monthly report (reached, tries), not twice."""

from __future__ import annotations

import json

from django.utils import timezone

from powerdesk.accounts.tokens import token_create
from powerdesk.notifications.models import SmsQuestion
from powerdesk.outages.models import OutageCallback
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.reports.monthly import monthly_figures
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder, WorkOrderStatus
from tests.base import BaseTestCase

MOBILE = "+8613812345678"  # the cast's customer's


class PowerBackTextCountedOnceTests(BaseTestCase):
    def test_one_answer_settling_the_list_and_the_order_counts_once(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind="unplanned"
        )
        call_take(
            station=self.station_a,
            user=self.clerk,
            text="停电了",
            caller_number=MOBILE,
            customer=self.customer,
            cti_call_id="c1",
        )
        outage_restore(outage=outage, user=self.clerk, cause="unknown", how="remote")
        self.assertTrue(SmsQuestion.objects.filter(number=MOBILE).exists())
        order = WorkOrder.objects.get(customer=self.customer)
        self.assertEqual(order.status, WorkOrderStatus.RESOLVED)
        listed = OutageCallback.objects.create(
            outage=outage, customer=self.customer, reason="medical_need", due_at=timezone.now()
        )
        today = timezone.localdate()
        before = monthly_figures(self.station_a, today.year, today.month).follow_up
        _token, key = token_create(station_id=self.station_a.pk, name="gateway")
        answer = self.client.post(
            "/api/v1/sms/inbound",
            data=json.dumps({"id": "m1", "from": MOBILE, "text": "1"}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        self.assertEqual(answer.json()["intent"], "yes")
        after = monthly_figures(self.station_a, today.year, today.month).follow_up
        self.assertEqual(
            (after.callbacks - before.callbacks, after.reached - before.reached), (1, 1)
        )
        order.refresh_from_db()
        self.assertEqual(order.status, WorkOrderStatus.CALLBACK_DONE)  # both settled
        listed.refresh_from_db()
        self.assertIsNotNone(listed.done_at)
        self.assertEqual(listed.order_settled, order.callbacks.get())
