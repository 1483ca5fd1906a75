"""Power back recorded from the office on a fault outage with no cause yet asks for the cause,
as the crew's phone does (walkthrough 28, finding 3: the office marked a fault outage restored
two minutes after it was declared, with no crew and no cause, and every joined order went to
resolved with no cause). Refused at the cause's field, nothing recorded; with the cause, the
orders are resolved with it. A planned outage, or a fault whose cause is known, asks nothing."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from powerdesk.outages.estimates import outage_cause_found
from powerdesk.outages.models import Outage
from powerdesk.outages.services import OutageError, outage_restore
from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase
from tests.outage_cast import fault_declare


class OfficeRestoreCauseTests(BaseTestCase):
    def setUp(self) -> None:
        self.outage = fault_declare(self, self.fuse, began=30)
        self.order = call_take(
            station=self.station_a,
            user=self.clerk,
            text="家里停电了",
            category="fault_repair",
            customer=self.customer,
        ).work_order

    def test_the_service_refuses_without_the_cause_and_records_nothing(self) -> None:
        with self.assertRaises(OutageError) as refused:
            outage_restore(outage=self.outage, user=self.clerk, how="remote")
        self.assertEqual(refused.exception.field, "cause")  # type: ignore[attr-defined]
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)
        assert self.order is not None
        self.order.refresh_from_db()
        self.assertNotEqual(self.order.status, "resolved")

    def test_with_the_cause_the_orders_are_resolved_with_it(self) -> None:
        outage_restore(outage=self.outage, user=self.clerk, cause="lightning", how="remote")
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)
        self.assertEqual(self.outage.cause_kind, "lightning")
        assert self.order is not None
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "resolved")
        self.assertEqual(self.order.cause_kind, "lightning")

    def test_a_cause_already_known_is_not_asked_again(self) -> None:
        outage_cause_found(outage=self.outage, user=self.clerk, cause="tree")
        outage_restore(outage=self.outage, user=self.clerk, how="remote")
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)

    def test_the_page_says_it_at_the_cause_s_field(self) -> None:
        self.login(self.clerk)
        board = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn('data-testid="restore-cause"', board)
        response = self.client.post(
            reverse("outages:list"),
            {"action": "restore_at", "outage": self.outage.pk, "note": "合闸"},
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn('data-testid="cause-errors"', html)
        self.assertIn('value="合闸"', html)
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)

    def test_a_crafted_plain_restore_is_refused_too(self) -> None:
        # The list's "Power is back" button (drawn for planned outages) posted for a fault
        # outage: the service refuses it as it refuses the form without the cause (review 28, M1).
        self.login(self.clerk)
        response = self.client.post(
            reverse("outages:list"), {"action": "restore", "outage": self.outage.pk}, follow=True
        )
        self.assertContains(response, "请选择故障原因")
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)
        assert self.order is not None
        self.order.refresh_from_db()
        self.assertNotEqual(self.order.status, "resolved")

    def test_the_system_has_nobody_to_ask(self) -> None:
        # A planned outage asks nothing either (test_planned_outages: restored early).
        outage_restore(outage=self.outage, user=None)
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)

    def test_power_back_with_its_cause_is_one_step_kept_whole_or_not_at_all(self) -> None:
        # The cause is recorded inside the restore: should anything after it fail (here the
        # power-back texts), neither the cause nor the restore is kept, nor the orders resolved.
        # (The rebase onto main, rev31, found outage_restore no longer atomic: its decorator
        # had slid onto cause_asked_at_restore.)
        with (
            mock.patch(
                "powerdesk.notifications.power_back.notify_power_back",
                side_effect=RuntimeError("gateway down"),
            ),
            self.assertRaises(RuntimeError),
        ):
            outage_restore(outage=self.outage, user=self.clerk, cause="lightning", how="remote")
        outage = Outage.objects.get(pk=self.outage.pk)
        self.assertEqual(outage.status, Outage.Status.ACTIVE)
        self.assertEqual(outage.cause_kind, "")
        self.assertFalse(outage.events.filter(what__in=["restored", "cause_found"]).exists())
        assert self.order is not None
        self.order.refresh_from_db()
        self.assertNotEqual(self.order.status, "resolved")
