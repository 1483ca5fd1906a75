"""Review68 M3, by text: a caller whose own order is the outage's and who is on the outage's
callback list too answers "1" once; the answer settles both (the list's place, the order's
callback) and is counted once in the monthly report (reached, tries), not twice."""

from __future__ import annotations

from django.utils import timezone

from powerdesk.notifications.models import SmsQuestion
from powerdesk.outages.models import OutageCallback
from powerdesk.reports.monthly import monthly_figures
from powerdesk.servicedesk.models import WorkOrder, WorkOrderStatus
from tests.notifications.two_way_cast import MOBILE, TwoWayCase, restored_outage_with_a_caller


class PowerBackTextCountedOnceTests(TwoWayCase):
    def test_one_answer_settling_the_list_and_the_order_counts_once(self) -> None:
        outage = restored_outage_with_a_caller(self, neighbour=False)
        self.assertTrue(SmsQuestion.objects.filter(number=MOBILE).exists())
        order = WorkOrder.objects.get(customer=self.customer)
        self.assertEqual(order.status, WorkOrderStatus.RESOLVED)
        listed = OutageCallback.objects.create(
            outage=outage, customer=self.customer, reason="medical_need", due_at=timezone.now()
        )
        today = timezone.localdate()
        before = monthly_figures(self.station_a, today.year, today.month).follow_up
        answer = self.text("1")
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
