"""An outage's life: confirmed from the engine, a crew, the cause, restored at a time; the calls
under it join one order, which the restore resolves with its promises and callbacks."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import TransactionTestCase
from django.utils import timezone, translation

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.customers.models import Customer
from powerdesk.engine.inference import OutageInference
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.estimates import outage_cause_found
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.live import LiveStation
from powerdesk.outages.models import (
    Outage,
    OutageCallback,
    PredictedOutage,
    PredictionRejection,
    Signal,
)
from powerdesk.outages.prediction_steps import prediction_confirm, prediction_reject
from powerdesk.outages.services import OutageError, outage_declare, outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Promise, WorkOrder
from powerdesk.servicedesk.promises import promise_make
from tests.base import BaseTestCase, build_cast


class OutageLifeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.neighbour = Customer.objects.create(
            station=cls.station_a,
            account_number="53250000002",
            name="李四",
            village=cls.village,
            group=cls.group,
            transformer=cls.transformer,
        )
        cls.sick = Customer.objects.create(
            station=cls.station_a,
            account_number="53250000003",
            name="王五",
            village=cls.village,
            transformer=cls.transformer,
            medical_need=True,
        )

    def fault_call(self, customer: Customer, **extra: object) -> WorkOrder | None:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            text="家里停电了",
            category="fault_repair",
            customer=customer,
            **extra,  # type: ignore[arg-type]
        )
        return taken.work_order

    def predicted(self, minutes_ago: int = 20) -> PredictedOutage:
        return PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=3,
            confidence=0.9,
            first_sign_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
            explain={"calls": 2, "meter_off": 0, "reporting_meters": 0},
        )

    def declare(self, minutes_ago: int = 30) -> Outage:
        return outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        )

    # -- confirm, reject, move ------------------------------------------------------------------
    def test_confirming_a_prediction_records_the_outage_from_its_first_sign(self) -> None:
        before = self.fault_call(self.customer)
        prediction = self.predicted()
        outage = prediction_confirm(prediction=prediction, user=self.chief)
        self.assertEqual(outage.device, self.fuse)
        self.assertEqual(outage.starts_at, prediction.first_sign_at)
        self.assertEqual(outage.status, Outage.Status.ACTIVE)
        self.assertEqual(
            list(outage.events.values_list("what", "by")),
            # The callers' orders joined are a line of its history too.
            [
                ("active", self.chief.pk),
                ("confirmed", self.chief.pk),
                ("orders_joined", self.chief.pk),
            ],
        )
        self.assertTrue(Signal.objects.filter(type="confirm_open", device=self.fuse).exists())
        # The caller's order from before the confirmation is joined to the outage.
        self.assertEqual(list(outage.link.work_orders.all()), [before])
        self.assertEqual(outage.events.get(what="orders_joined").note, before.number)

    def test_a_prediction_moved_to_another_device_is_confirmed_there(self) -> None:
        elsewhere = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B09-F",
            kind=NodeKind.FUSE,
            parent=self.breaker,
        )
        outage = prediction_confirm(prediction=self.predicted(), user=self.chief, device=elsewhere)
        self.assertEqual(outage.device, elsewhere)
        self.assertIn("ZM-B01-F", outage.events.get(what="confirmed").note)
        self.assertTrue(Signal.objects.filter(type="confirm_open", device=elsewhere).exists())
        # The device the engine named is closed as far as staff know: it looks again.
        self.assertTrue(Signal.objects.filter(type="restore", device=self.fuse).exists())

    def test_a_prediction_moved_up_the_line_keeps_the_named_device_s_callers(self) -> None:
        outage = prediction_confirm(prediction=self.predicted(), user=self.chief, device=self.pole)
        self.assertEqual(outage.device, self.pole)
        self.assertTrue(Signal.objects.filter(type="confirm_open", device=self.pole).exists())
        # The fuse's households are out with the pole's: their calls are the outage's evidence.
        self.assertFalse(Signal.objects.filter(type="restore", device=self.fuse).exists())

    def test_a_prediction_is_confirmed_once_and_only_by_office_staff(self) -> None:
        prediction = self.predicted()
        crew_member = self.make_crew_member()
        with self.assertRaises(NotAllowed):
            prediction_confirm(prediction=prediction, user=crew_member)
        prediction_confirm(prediction=prediction, user=self.chief)
        with self.assertRaisesMessage(OutageError, "哔叭支线02号杆跌落式熔断器"):
            prediction_confirm(prediction=prediction, user=self.chief)

    def test_rejecting_needs_a_reason_which_is_kept(self) -> None:
        prediction = self.predicted()
        with self.assertRaisesMessage(OutageError, "为什么"):
            prediction_reject(prediction=prediction, user=self.chief, reason="  ")
        prediction_reject(prediction=prediction, user=self.chief, reason="村里在检修自家线路")
        rejection = PredictionRejection.objects.get()
        self.assertEqual(
            (rejection.code, rejection.reason, rejection.by, rejection.first_sign_at),
            ("ZM-B01-F", "村里在检修自家线路", self.chief, prediction.first_sign_at),
        )

    def test_a_rejection_reaches_the_engine_as_a_reject_not_a_restored_outage(self) -> None:
        # A restore would teach the engine that an outage ended about which few called, and
        # lower the share of customers it expects to call in the next one.
        self.fault_call(self.customer)
        prediction_reject(prediction=self.predicted(), user=self.chief, reason="村里在检修自家线路")
        live = LiveStation(self.station_a)
        live.step()
        assert live.engine is not None
        self.assertEqual((live.engine.rates.rejections, live.engine.rates.outages), (1, 0))
        self.assertEqual(live.engine.events, Signal.objects.filter(station=self.station_a).count())

    def test_the_live_engine_takes_the_station_s_past_faults_as_priors(self) -> None:
        # A fuse that failed in each of the last three rainy seasons is likelier to be the one
        # now than the engine's default for its kind says.
        for years in (1, 2, 3):
            start = timezone.now() - dt.timedelta(days=365 * years)
            Outage.objects.create(
                station=self.station_a,
                device=self.fuse,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.RESTORED,
                starts_at=start,
                restored_at=start + dt.timedelta(hours=3),
            )
        live = LiveStation(self.station_a)
        live.step()
        assert live.engine is not None
        plain = OutageInference(live.engine.network)
        code = self.fuse.code
        self.assertGreater(
            live.engine.explain(code)["prior_log_odds"], plain.explain(code)["prior_log_odds"]
        )

    # -- steps ----------------------------------------------------------------------------------
    def test_dispatch_and_cause_are_steps_of_its_history(self) -> None:
        outage = self.declare()
        order = self.fault_call(self.customer)
        assert order is not None
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        outage_cause_found(outage=outage, user=self.chief, cause="lightning", note="底座击穿")
        self.assertEqual(
            list(outage.events.values_list("what", flat=True)),
            ["active", "dispatched", "cause_found"],
        )
        order.refresh_from_db()
        self.assertEqual((order.crew, order.status), (self.crew, "dispatched"))
        recorded = Outage.objects.get()
        self.assertEqual(recorded.cause, "底座击穿")  # the words; the kind is the link's
        self.assertEqual(recorded.cause_shown, "雷击 · 底座击穿")
        with self.assertRaisesMessage(OutageError, "列表"):
            outage_cause_found(outage=outage, user=self.chief, cause="aliens")

    def test_the_crew_s_own_order_for_an_outage_nobody_called_about_is_no_callback(self) -> None:
        outage = self.declare()
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        crew_order = WorkOrder.objects.get(outage_links__outage=outage)
        self.assertIsNone(crew_order.customer)
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        crew_order.refresh_from_db()
        # Nobody to call back: closed at the restore, its history says why (walk40 5).
        self.assertEqual(crew_order.status, "closed")
        self.assertIsNone(crew_order.callback_due_at)
        self.assertEqual(
            crew_order.events.order_by("-pk").values_list("note_code", flat=True).first(),
            "closed_nobody_to_call",
        )

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

    def make_crew_member(self):  # type: ignore[no-untyped-def]
        from tests.base import make_user

        return make_user("crewman", self.station_a, "crew")


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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads racing need PostgreSQL")
class ConcurrentConfirmTests(TransactionTestCase):
    def test_two_clerks_confirming_one_prediction_at_once_record_one_outage(self) -> None:
        class Holder:
            pass

        build_cast(Holder)
        cast: Any = Holder
        prediction = PredictedOutage.objects.create(
            station=cast.station_a,
            code=cast.fuse.code,
            device=cast.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.9,
            first_sign_at=timezone.now(),
        )
        barrier = threading.Barrier(4)
        refused: list[BaseException] = []

        def confirm() -> None:
            try:
                barrier.wait()
                prediction_confirm(prediction=prediction, user=cast.chief)
            except OutageError as exc:
                refused.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=confirm) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(Outage.objects.filter(device=cast.fuse).count(), 1)
        self.assertEqual(len(refused), 3)


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
