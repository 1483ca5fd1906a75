"""An outage's life from the engine's prediction: confirmed from its first sign (once, by office
staff, even by two clerks at once), moved to another device or rejected with a reason the engine
learns (the live engine takes the station's past faults as priors); then a crew and the cause as
steps of its history. Its calls, restore and close: ``test_outage_restore.py``."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import TransactionTestCase
from django.utils import timezone

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.engine.inference import OutageInference
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.estimates import outage_cause_found
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.live import LiveStation
from powerdesk.outages.models import Outage, PredictedOutage, PredictionRejection, Signal
from powerdesk.outages.prediction_steps import prediction_confirm, prediction_reject
from powerdesk.outages.services import OutageError, outage_restore
from powerdesk.servicedesk.models import WorkOrder
from tests.base import build_cast
from tests.outage_life_cast import OutageLifeCase


class OutageLifeTests(OutageLifeCase):
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
        # (The estimate the cause moves has its own line: test_estimate_moved_said.)
        self.assertEqual(
            list(outage.events.exclude(what="estimate_moved").values_list("what", flat=True)),
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
