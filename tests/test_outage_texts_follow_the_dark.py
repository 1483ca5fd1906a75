"""The texts of an outage follow who is dark from it and who was told of it.

An estimate text goes where the outage's first text went (or a "still open" one since), and to
households under it never told of any outage keeping them dark; not to those told of another
outage instead, nor to those whose power came back at a step. A step that gives part of the
households power back tells them so, once; those still dark (from this outage or another one)
are not told. A planned outage in progress keeps its households dark when a fault outage above
it is restored: they are not told power is back, and their orders stay open until it ends.
"""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.notifications.models import Channel, Delivery, Event, Notice
from powerdesk.notifications.power_back import notify_power_back
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.joined import outage_link
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.planned import planned_outages_advance
from powerdesk.outages.restoration import outage_restore_part
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.models import WorkOrderStatus as S
from tests.outage_cast import DarkCastTestCase, caller_order, planned_in_progress


def texted(event: str, outage: Outage) -> set[int]:
    """The households texted of ``event`` about ``outage``, by any of its notices."""
    return set(
        Delivery.objects.filter(
            notice__event=event, notice__subject_id=outage.pk, channel=Channel.SMS
        ).values_list("customer_id", flat=True)
    ) - {None}


class TextsFollowTheDarkTests(DarkCastTestCase):
    def estimate(self, outage: Outage, hours: float) -> set[int]:
        """Staff give a time far from any before (texted at once); who its text reached."""
        before = Notice.objects.filter(event=Event.ETR_MOVED, subject_id=outage.pk).count()
        outage_estimate(
            outage=outage,
            user=self.chief,
            expected_restore_at=timezone.now() + dt.timedelta(hours=hours),
        )
        notices = Notice.objects.filter(event=Event.ETR_MOVED, subject_id=outage.pk)
        self.assertEqual(notices.count(), before + 1)
        last = notices.order_by("-pk").first()
        assert last is not None
        return set(
            last.deliveries.filter(channel=Channel.SMS).values_list("customer_id", flat=True)
        ) - {None}

    # -- estimate texts ------------------------------------------------------------------
    def test_an_estimate_of_the_smaller_outage_skips_those_told_of_the_wider_one(self) -> None:
        wider = self.declare(self.pole)
        smaller = self.declare(self.fuse)
        self.assertEqual(texted(Event.OUTAGE_KNOWN, smaller), set())
        self.assertEqual(self.estimate(smaller, 5), set())
        self.assertEqual(self.estimate(wider, 6), self.below_fuse | {self.qian.pk})

    def test_an_estimate_of_the_wider_outage_skips_those_told_of_the_branch_until_told_of_it(
        self,
    ) -> None:
        branch = self.declare(self.fuse)
        wider = self.declare(self.pole)
        self.assertEqual(self.estimate(wider, 5), {self.qian.pk})
        self.assertEqual(self.estimate(branch, 5), self.below_fuse)
        # The branch over, they are texted that the wider one is still open: told of it now.
        outage_restore(outage=branch, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(self.estimate(wider, 7), self.below_fuse | {self.qian.pk})

    def test_a_household_under_the_outage_never_told_gets_the_estimate(self) -> None:
        outage = self.declare(self.fuse)
        self.assertEqual(texted(Event.OUTAGE_KNOWN, outage), self.below_fuse)
        # 王五's mobile is put on file after the first text: never told, it hears the estimate.
        CustomerPhone.objects.create(customer=self.wang, number="+8613900005555")
        self.assertEqual(self.estimate(outage, 5), self.below_fuse | {self.wang.pk})

    def test_an_estimate_skips_those_whose_power_came_back_at_a_step(self) -> None:
        outage = self.declare(self.pole)
        outage_restore_part(outage=outage, user=self.chief, still_open=[self.fuse])
        self.assertEqual(self.estimate(outage, 5), self.below_fuse)

    # -- power back in part ----------------------------------------------------------------
    def test_a_step_tells_those_whose_power_is_back_once_and_the_restore_the_others(
        self,
    ) -> None:
        from powerdesk.notifications.power_back import notify_part_back

        outage = self.declare(self.pole)
        step = outage_restore_part(outage=outage, user=self.chief, still_open=[self.fuse])
        self.assertEqual(texted(Event.POWER_BACK, outage), {self.qian.pk})
        part = Notice.objects.get(key=f"power_back:{outage.pk}:{step.pk}")
        self.assertEqual(part.facts["restored"], step.at.isoformat())
        # Raised again (a retry), nothing more is sent.
        notify_part_back(outage, step)
        self.assertEqual(Delivery.objects.filter(notice=part).count(), 1)
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(texted(Event.POWER_BACK, outage), self.below_fuse | {self.qian.pk})
        qian = Delivery.objects.filter(notice__event=Event.POWER_BACK, customer=self.qian)
        self.assertEqual(qian.count(), 1)
        notify_power_back(outage)
        self.assertEqual(qian.count(), 1)

    def test_a_step_leaves_dark_from_another_outage_untold_and_tells_them_it_is_still_open(
        self,
    ) -> None:
        wider = self.declare(self.pole)
        smaller = self.declare(self.fuse)
        step = outage_restore_part(outage=wider, user=self.chief, still_open=[self.area])
        # Back from the pole's outage but still dark from the fuse's: not told power is back.
        self.assertEqual(texted(Event.POWER_BACK, wider), set())
        self.assertEqual(texted(Event.OUTAGE_KNOWN, smaller) & self.below_fuse, self.below_fuse)
        still = Notice.objects.get(key=f"still_open:{smaller.pk}:{wider.pk}:{step.pk}")
        self.assertEqual(still.subject_id, smaller.pk)
        line = OutageEvent.objects.get(outage=wider, what="still_out")
        self.assertEqual(
            sorted(line.note_args["customers"]), sorted(self.below_fuse | {self.wang.pk})
        )
        # The fuse's outage over, they are told power is back; the pole's restore tells 钱七.
        outage_restore(outage=smaller, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(texted(Event.POWER_BACK, smaller), self.below_fuse)
        outage_restore(outage=wider, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(texted(Event.POWER_BACK, wider), {self.qian.pk})

    # -- planned outages in progress -----------------------------------------------------
    def test_a_planned_outage_in_progress_keeps_its_households_dark(self) -> None:
        planned = planned_in_progress(self)
        order = caller_order(self)
        wider = self.declare(self.pole)
        outage_link(wider).work_orders.add(order)
        outage_restore(outage=wider, user=self.chief, cause="unknown", how="remote")
        # 钱七 has power back; those under the planned work do not, and know of it already.
        self.assertEqual(texted(Event.POWER_BACK, wider), {self.qian.pk})
        self.assertFalse(Notice.objects.filter(key__startswith="still_open:").exists())
        order.refresh_from_db()
        self.assertNotEqual(order.status, S.RESOLVED)
        self.assertTrue(outage_link(planned).work_orders.filter(pk=order.pk).exists())
        # The planned work over, the order is resolved and its caller called back.
        planned_outages_advance(now=timezone.now() + dt.timedelta(hours=3))
        order.refresh_from_db()
        self.assertEqual(order.status, S.RESOLVED)
        self.assertIsNotNone(order.callback_due_at)
        self.assertTrue(texted(Event.POWER_BACK, planned) >= self.below_fuse)

    # -- one reckoning a restore -----------------------------------------------------------
    def test_a_restore_reckons_who_is_still_dark_once(self) -> None:
        from powerdesk.notifications import told

        wider = self.declare(self.pole)
        self.declare(self.fuse)
        reckon = mock.Mock(wraps=told.still_out)
        with (
            mock.patch.object(told, "still_out", reckon),
            mock.patch("powerdesk.notifications.power_back.still_out", reckon),
        ):
            outage_restore(outage=wider, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(reckon.call_count, 1)

    def test_orders_kept_open_are_matched_to_their_outage_without_a_query_each(self) -> None:
        wider = self.declare(self.pole)
        self.declare(self.fuse)
        customers = Customer.objects.filter(pk__in=self.below_fuse | {self.wang.pk})
        orders = [
            WorkOrder.objects.create(
                station=self.station_a,
                number=f"2026-9{customer.pk:04d}",
                category="fault_repair",
                summary="停电",
                customer=customer,
                status=S.RECEIVED,
                created_at=timezone.now(),
            )
            for customer in customers
        ]
        outage_link(wider).work_orders.add(*orders)
        with CaptureQueriesContext(connection) as queries:
            outage_restore(outage=wider, user=self.chief, cause="unknown", how="remote")
        asked = [
            q["sql"]
            for q in queries.captured_queries
            if 'FROM "customers_customer"' in q["sql"] and "LIMIT 1" in q["sql"]
        ]
        self.assertEqual(asked, [])
        for order in orders:
            order.refresh_from_db()
            self.assertNotEqual(order.status, S.RESOLVED)
