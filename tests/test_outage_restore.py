"""An outage's calls and restore: callers under it join its one order (at intake too, and a
liaison's report while its crew is out), the restore at a time resolves that order with its
promises and callbacks and counts for reliability, and the outage is closed once everyone was
called back."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation

from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageCallback, Signal
from powerdesk.outages.prediction_steps import prediction_confirm
from powerdesk.outages.services import OutageError, outage_declare, outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Promise, WorkOrder
from powerdesk.servicedesk.promises import promise_make
from tests.base import BaseTestCase
from tests.outage_life_cast import OutageLifeCase


class OutageLifeTests(OutageLifeCase):
    # -- intake ---------------------------------------------------------------------------------
    def test_callers_under_an_outage_join_its_one_order(self) -> None:
        outage = self.declare()
        first = self.fault_call(self.customer)
        second = self.fault_call(self.neighbour)
        assert first is not None
        self.assertEqual(first, second)
        self.assertEqual(first.calls.count(), 2)
        self.assertEqual(list(outage.link.work_orders.all()), [first])

    def test_a_new_matter_is_still_one_choice_away(self) -> None:
        self.declare()
        joined = self.fault_call(self.customer)
        new = self.fault_call(self.neighbour, open_order=True)
        self.assertNotEqual(joined, new)

    def test_a_caller_elsewhere_or_after_the_restore_gets_an_order_of_their_own(self) -> None:
        outage = self.declare()
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        order = self.fault_call(self.customer)
        assert order is not None
        self.assertFalse(order.outage_links.exists())

    # -- restore --------------------------------------------------------------------------------
    def test_restore_takes_a_time_never_before_the_start_nor_in_the_future(self) -> None:
        outage = self.declare(minutes_ago=30)
        now = timezone.now()
        with self.assertRaisesMessage(OutageError, "不能早于停电开始"):
            outage_restore(
                outage=outage,
                user=self.chief,
                at=now - dt.timedelta(minutes=40),
                cause="unknown",
                how="remote",
            )
        with self.assertRaisesMessage(OutageError, "将来"):
            outage_restore(
                outage=outage,
                user=self.chief,
                at=now + dt.timedelta(hours=1),
                cause="unknown",
                how="remote",
            )
        at = now - dt.timedelta(minutes=10)
        outage_restore(outage=outage, user=self.chief, at=at, cause="unknown", how="remote")
        outage.refresh_from_db()
        self.assertEqual((outage.status, outage.restored_at), (Outage.Status.RESTORED, at))
        signal = Signal.objects.get(type="restore")
        self.assertEqual((signal.device, signal.event_at), (self.fuse, at))

    def test_restore_resolves_the_joined_orders_settles_promises_and_makes_callbacks(self) -> None:
        outage = self.declare(minutes_ago=60)
        order = self.fault_call(self.neighbour)
        self.fault_call(self.customer)
        assert order is not None
        on_time = promise_make(
            station=self.station_a,
            user=self.clerk,
            text="两小时内来电",
            due_at=timezone.now() + dt.timedelta(hours=2),
            work_order=order,
        )
        late = promise_make(
            station=self.station_a,
            user=self.clerk,
            text="一分钟内来电",
            due_at=timezone.now() + dt.timedelta(seconds=30),
            work_order=order,
        )
        Promise.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(minutes=5))
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        order.refresh_from_db()
        self.assertEqual(order.status, "resolved")
        self.assertEqual(order.device_found, self.fuse)
        self.assertIsNotNone(order.callback_due_at)
        on_time.refresh_from_db()
        late.refresh_from_db()
        self.assertEqual((on_time.state, late.state), ("kept", "broken"))
        # Every caller and every medical-need or elderly-alone household below is called back.
        # The first caller on the outage's order, the others on the outage's list.
        self.assertEqual(order.customer, self.neighbour)
        self.assertEqual(
            dict(OutageCallback.objects.values_list("customer__name", "reason")),
            {"普光荣": "elderly_alone", "王五": "medical_need"},
        )

    def test_a_later_caller_is_called_back_from_the_outages_list(self) -> None:
        outage = self.declare()
        self.fault_call(self.customer)
        self.fault_call(self.neighbour)
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(OutageCallback.objects.get(customer=self.neighbour).reason, "caller")
        self.assertFalse(OutageCallback.objects.filter(customer=self.customer).exists())

    def test_a_callers_own_order_is_called_back_on_the_order(self) -> None:
        own = self.fault_call(self.neighbour)  # before the outage: an order of their own
        outage = self.declare(minutes_ago=10)
        from powerdesk.outages.joined import outage_join_open_orders

        self.assertEqual(outage_join_open_orders(outage=outage), 1)
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        assert own is not None
        own.refresh_from_db()
        self.assertEqual(own.status, "resolved")
        self.assertFalse(OutageCallback.objects.filter(customer=self.neighbour).exists())

    def test_reliability_counts_from_the_first_sign_to_the_restore(self) -> None:
        outage = prediction_confirm(prediction=self.predicted(minutes_ago=45), user=self.chief)
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        outage.refresh_from_db()
        assert outage.restored_at is not None
        minutes = (outage.restored_at - outage.starts_at).total_seconds() / 60
        self.assertAlmostEqual(minutes, 45, delta=1)


class OutageIntakeTests(BaseTestCase):
    def test_at_intake_a_fault_call_under_an_outage_joins_it_unless_it_is_a_new_matter(
        self,
    ) -> None:
        from django.urls import reverse

        from tests.base import post_intake

        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        self.login(self.clerk)
        panel = self.client.get(reverse("servicedesk:caller"), {"caller_number": "0878-1234567"})
        self.assertContains(panel, "新事项")
        call = {"caller_number": "0878-1234567", "text": "家里停电了", "category": "fault_repair"}
        response = post_intake(self.client, call)
        order = WorkOrder.objects.get()
        self.assertEqual(list(outage.link.work_orders.all()), [order])
        page = self.client.get(response.url)
        self.assertContains(page, "并入")
        post_intake(self.client, call)
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertEqual(order.calls.count(), 2)
        post_intake(self.client, {**call, "action": "new"})
        self.assertEqual(WorkOrder.objects.count(), 2)

    def test_a_liaisons_report_joins_an_outage_whose_crew_is_out(self) -> None:
        from powerdesk.accounts.models import Membership, Role
        from tests.base import make_user

        liaison = make_user("zm", self.station_a, full_name="李文华")
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        taken = call_take(
            station=self.station_a,
            user=liaison,
            text="哔叭组停电了",
            category="fault_repair",
            customer=self.customer,
            by_liaison=True,
        )
        assert taken.work_order is not None
        self.assertEqual((taken.outage, taken.work_order.crew), (outage, self.crew))


class OutageCloseTests(BaseTestCase):
    def test_an_outage_is_closed_once_power_is_back_and_everyone_was_called(self) -> None:
        from powerdesk.outages.aftercare import outage_callback_done
        from powerdesk.outages.life import outage_close

        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        with self.assertRaisesMessage(OutageError, "复电"):
            outage_close(outage=outage, user=self.chief)
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        with self.assertRaisesMessage(OutageError, "1"):
            outage_close(outage=outage, user=self.chief)  # 普光荣 lives alone: call her first
        with (
            translation.override("en"),
            self.assertRaisesMessage(OutageError, "1 household is still to be called back"),
        ):
            outage_close(outage=outage, user=self.chief)
        outage_callback_done(callback=OutageCallback.objects.get(), user=self.clerk)
        self.login(self.clerk)
        self.client.post("/outages/", {"action": "close", "outage": outage.pk})
        self.assertEqual(
            list(outage.events.values_list("what", flat=True)),
            ["active", "cause_found", "restored", "power_back_how", "closed"],
        )
        self.assertContains(self.client.get("/outages/"), "已归档")
