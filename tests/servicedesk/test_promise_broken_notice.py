"""The notice that a promise was broken leads to its row of the promises page and is put away,
for everyone told, once why it was not kept is recorded (walkthrough 33, finding 4: it led to
the top of the page and stayed unread after the why was written)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import translation

from powerdesk.ops.audit import audit_entries
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Notification, NotificationsRead
from powerdesk.servicedesk.notices import notice_link
from tests.base import BaseTestCase
from tests.servicedesk.promise_cast import promised

START = dt.datetime(2026, 6, 20, 14, 0, tzinfo=dt.UTC)


class BrokenPromiseNoticeTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        with time_machine.travel(START, tick=False):
            self.promise = promised(
                self, due_at=START + dt.timedelta(minutes=30), category="business"
            )
        with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
            escalations_scan(station=self.station_a)
        self.notices = Notification.objects.filter(
            promise=self.promise, kind=Notification.Kind.PROMISE_BROKEN
        )

    def test_the_notice_leads_to_the_broken_promise_s_row(self) -> None:
        notice = self.notices.get(recipient=self.chief)
        link = notice_link(notice.kind, notice)
        self.assertEqual(link, reverse("servicedesk:promises") + f"#broken-{self.promise.pk}")
        self.login(self.chief)
        page = self.client.get(reverse("servicedesk:promises")).content.decode()
        self.assertIn(f'id="broken-{self.promise.pk}"', page)

    def test_recording_why_puts_the_notice_away_for_everyone(self) -> None:
        self.assertEqual(
            set(self.notices.values_list("recipient", flat=True)), {self.chief.pk, self.clerk.pk}
        )
        self.assertFalse(self.notices.exclude(read_at=None).exists())
        self.login(self.clerk)
        self.client.post(
            reverse("servicedesk:promise_action"),
            {"promise": self.promise.pk, "action": "explain", "reason": "线路抢修未完"},
        )
        for notice in self.notices:
            self.assertIsNotNone(notice.read_at)
            self.assertEqual(notice.read_reason, Notification.ReadReason.WHY_RECORDED)
        marked = NotificationsRead.objects.get(reason=Notification.ReadReason.WHY_RECORDED)
        self.assertEqual(marked.count, 2)
        self.assertEqual(marked.work_order_id, self.promise.work_order_id)
        with translation.override("en"):
            said = [e.what for e in audit_entries(station=self.station_a)]
        self.assertIn(
            "put away 2 notices of a broken promise: why it was not kept recorded "
            f"(work order {self.promise.work_order.number})",  # type: ignore[union-attr]
            said,
        )
