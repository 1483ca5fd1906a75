"""Small things a clerk relies on (walkthrough F14): the missed calls' number column says what it
is, a promise's words survive a wrong time, and the calls list keeps short columns on one line."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.calls import call_log
from powerdesk.servicedesk.models import Call, Promise
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase


class SmallLabelTests(BaseTestCase):
    def test_the_missed_calls_number_column_is_the_caller_s_number(self) -> None:
        Call.objects.create(
            station=self.station_a,
            received_at=timezone.now(),
            caller_number="13812345678",
            status=Call.Status.MISSED,
        )
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:missed_calls")).content.decode()
        head = page.split("<thead>")[1].split("</thead>")[0]
        self.assertIn("来电号码", head)
        self.assertNotIn(">编号<", head)

    def test_a_promise_with_a_past_time_keeps_what_was_typed(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="停电"
        )
        self.login(self.clerk)
        past = (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        response = self.client.post(
            reverse("servicedesk:promise_action"),
            {"action": "make", "order": order.pk, "text": "明天中午前一定来电", "due_at": past},
            follow=True,
        )
        self.assertFalse(Promise.objects.exists())
        page = response.content.decode()
        self.assertIn('value="明天中午前一定来电"', page)
        self.assertIn(f'value="{past}"', page)
        # Shown once: the next visit starts afresh.
        again = self.client.get(order.get_absolute_url()).content.decode()
        self.assertNotIn("明天中午前一定来电", again)

    def test_the_calls_list_keeps_time_number_category_and_order_on_one_line(self) -> None:
        call_log(
            station=self.station_a,
            user=self.clerk,
            caller_number="13812345678",
            text="家里停电了",
            category="fault_repair",
        )
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:calls")).content.decode()
        row = page.split("<tbody>")[1].split("</tr>")[0]
        self.assertGreaterEqual(row.count('class="nowrap"'), 3, row)
