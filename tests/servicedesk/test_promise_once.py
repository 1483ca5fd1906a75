"""A promise sent twice (a double click on "record the promise", a retry) is recorded once; the
same words for another time, or to another order, are another promise."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.models import Promise, WorkOrderEvent
from tests.base import BaseTestCase
from tests.servicedesk.promise_cast import promised, promised_order


class PromiseOnceTests(BaseTestCase):
    def post(self, order_pk: int, due: dt.datetime, text: str = "30分钟内抢修人员到达村口") -> None:
        response = self.client.post(
            reverse("servicedesk:promise_action"),
            {
                "action": "make",
                "order": order_pk,
                "text": text,
                "due_at": f"{timezone.localtime(due):%Y-%m-%dT%H:%M}",
            },
        )
        self.assertEqual(response.status_code, 302)

    def test_the_order_page_s_form_sent_twice_records_one_promise_and_one_history_line(
        self,
    ) -> None:
        self.login(self.clerk)
        order = promised_order(self)
        due = (timezone.now() + dt.timedelta(hours=2)).replace(second=0, microsecond=0)
        self.post(order.pk, due)
        self.post(order.pk, due)
        self.assertEqual(Promise.objects.filter(work_order=order).count(), 1)
        lines = WorkOrderEvent.objects.filter(work_order=order, note_code="promise_made")
        self.assertEqual(lines.count(), 1)
        # Another time, or other words: another promise.
        self.post(order.pk, due + dt.timedelta(hours=1))
        self.post(order.pk, due, text="明早回电告知原因")
        self.assertEqual(Promise.objects.filter(work_order=order).count(), 3)

    def test_a_promise_settled_is_not_taken_for_the_same_one_made_again(self) -> None:
        due = timezone.now() + dt.timedelta(hours=2)
        first = promised(self, due_at=due)
        Promise.objects.filter(pk=first.pk).update(state=Promise.State.KEPT)
        again = promised(self, due_at=due, order=first.work_order)
        self.assertNotEqual(again.pk, first.pk)
        self.assertEqual(promised(self, due_at=due, order=first.work_order).pk, again.pk)
