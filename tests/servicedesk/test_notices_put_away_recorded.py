"""Notices put away by the system when their work order is finished are recorded as every
putting away is (walkthrough: only the notice kept it): by whom (the system), when, why (which
order was finished), on the station's audit trail."""

from __future__ import annotations

import re

from django.urls import reverse

from powerdesk.servicedesk.models import Notification, NotificationsRead, WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_transition
from tests.base import BaseTestCase

K = Notification.Kind


class NoticesPutAwayRecordedTests(BaseTestCase):
    def tell(self, order: WorkOrder, kind: str, to: object) -> Notification:
        return Notification.objects.create(
            station=self.station_a,
            recipient=to,
            kind=kind,
            key=f"{kind}:{order.pk}:{to.pk}",  # type: ignore[attr-defined]
            text=f"{order.number} {order.summary}",
            work_order=order,
        )

    def test_finishing_an_order_records_who_when_and_why(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="billing", summary="电费多收"
        )
        soon = self.tell(order, K.DUE_SOON, self.clerk)
        late = self.tell(order, K.OVERDUE, self.chief)
        unhappy = self.tell(order, K.UNHAPPY, self.chief)
        work_order_transition(work_order=order, to_status="resolved", user=self.clerk, note="好")
        record = NotificationsRead.objects.get()
        soon.refresh_from_db()
        self.assertIsNone(record.user)  # the system, not the person who resolved the order
        self.assertEqual(record.reason, Notification.ReadReason.ORDER_FINISHED)
        self.assertEqual(record.work_order, order)
        self.assertEqual(record.station, self.station_a)
        self.assertEqual(record.at, soon.read_at)
        self.assertEqual((record.count, record.upto), (2, late.pk))
        unhappy.refresh_from_db()
        self.assertIsNone(unhappy.read_at)  # not the order's finishing to settle

        self.login(self.chief)
        page = self.client.get("/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        rows = [r for r in page.split("<tr") if 'data-kind="notices_read"' in r]
        self.assertEqual(len(rows), 1, rows)
        text = " ".join(re.sub(r"<[^>]+>", " ", rows[0]).split())
        self.assertIn("the system", text)
        self.assertIn(f"work order {order.number} finished", text)

    def test_nothing_to_put_away_records_nothing(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="billing", summary="电费多收"
        )
        soon = self.tell(order, K.DUE_SOON, self.clerk)
        self.login(self.clerk)
        self.client.post(reverse("servicedesk:notice_read", args=[soon.pk]))
        work_order_transition(work_order=order, to_status="resolved", user=self.clerk, note="好")
        self.assertFalse(NotificationsRead.objects.exists())
