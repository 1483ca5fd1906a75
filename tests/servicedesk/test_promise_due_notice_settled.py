"""The notice that a promise is due soon is put away, for everyone told, once the promise is
settled: broken as its time passed, marked kept or not kept, kept by power back (walkthrough
34, finding 2: "承诺即将到期" stayed unread after the promise was broken and its why recorded).
Recorded as every putting away is, on the audit trail."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import translation

from powerdesk.ops.audit import audit_entries
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Notification, NotificationsRead, Promise
from powerdesk.servicedesk.promises import promise_make, promise_settle
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase

START = dt.datetime(2026, 6, 20, 14, 0, tzinfo=dt.UTC)
SETTLED = Notification.ReadReason.PROMISE_SETTLED


class DueSoonNoticeSettledTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        with time_machine.travel(START, tick=False):
            self.order = work_order_create(
                station=self.station_a,
                user=self.clerk,
                category="business",
                summary="过户",
                customer=self.customer,
            )
            self.promise = promise_make(
                station=self.station_a,
                user=self.clerk,
                work_order=self.order,
                text="半小时内回电",
                due_at=START + dt.timedelta(minutes=30),
            )
            escalations_scan(station=self.station_a)  # due within the hour: told
        self.due_soon = Notification.objects.filter(
            promise=self.promise, kind=Notification.Kind.PROMISE_DUE
        )
        self.assertEqual(
            set(self.due_soon.values_list("recipient", flat=True)),
            {self.chief.pk, self.clerk.pk},
        )
        self.assertFalse(self.due_soon.exclude(read_at=None).exists())

    def assert_put_away(self) -> None:
        for notice in self.due_soon:
            self.assertIsNotNone(notice.read_at)
            self.assertEqual(notice.read_reason, SETTLED)
        marked = NotificationsRead.objects.get(reason=SETTLED)
        self.assertEqual(marked.count, 2)
        self.assertIsNone(marked.user)
        self.assertEqual(marked.work_order_id, self.order.pk)

    def test_broken_as_its_time_passes_puts_it_away_for_everyone(self) -> None:
        with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
            escalations_scan(station=self.station_a)
        self.promise.refresh_from_db()
        self.assertEqual(self.promise.state, Promise.State.BROKEN)
        self.assert_put_away()
        # The notice that it was broken is the one left to read.
        self.assertTrue(
            Notification.objects.filter(
                promise=self.promise, kind=Notification.Kind.PROMISE_BROKEN, read_at=None
            ).exists()
        )
        with translation.override("en"):
            said = [e.what for e in audit_entries(station=self.station_a)]
        self.assertIn(
            "put away 2 notices of a promise due soon: the promise settled "
            f"(work order {self.order.number})",
            said,
        )
        # Its why recorded afterwards puts away nothing more of the due-soon kind.
        self.login(self.clerk)
        with time_machine.travel(START + dt.timedelta(hours=2), tick=False):
            self.client.post(
                reverse("servicedesk:promise_action"),
                {"promise": self.promise.pk, "action": "explain", "reason": "路断了"},
            )
        self.assertEqual(NotificationsRead.objects.filter(reason=SETTLED).count(), 1)

    def test_kept_by_hand_puts_it_away(self) -> None:
        with time_machine.travel(START + dt.timedelta(minutes=10), tick=False):
            promise_settle(promise=self.promise, kept=True, user=self.clerk)
        self.assert_put_away()
        self.login(self.clerk)
        home = self.client.get(reverse("servicedesk:notices")).content.decode()
        self.assertNotIn("半小时内回电", home)

    def test_not_kept_by_hand_puts_it_away(self) -> None:
        with time_machine.travel(START + dt.timedelta(minutes=40), tick=False):
            promise_settle(promise=self.promise, kept=False, user=self.clerk, reason="车坏了")
        self.assert_put_away()
