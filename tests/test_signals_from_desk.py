"""Signals in from the desk: calls and crews as signals, head-ends posting at once."""

from __future__ import annotations

import datetime as dt
import io
import threading
from typing import Any
from unittest import skipUnless

import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client, TransactionTestCase
from django.utils import timezone, translation

from powerdesk.accounts.tokens import token_create
from powerdesk.outages.desk_signals import no_power_in
from powerdesk.outages.intake import signal_record
from powerdesk.outages.live import LiveStation
from powerdesk.outages.models import PredictedOutage, Signal
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.services import work_order_dispatch, work_order_transition
from tests.base import BaseTestCase, Cast, build_cast

ACCOUNT = "53250000001"


class SignalsFromCallsAndCrewsTests(BaseTestCase):
    def take(self, text: str, category: str) -> Any:
        return call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="0878-1234567",
            text=text,
            category=category,
        )

    def test_a_fault_call_at_intake_is_a_call_signal_for_the_caller(self) -> None:
        taken = self.take("家里停电了", "fault_repair")
        signal = Signal.objects.get()
        self.assertEqual(
            (signal.type, signal.customer, signal.source, signal.source_id, signal.event_at),
            ("call", self.customer, "intake", f"call-{taken.call.pk}", taken.call.received_at),
        )

    def test_hazards_only_when_about_no_power_and_never_when_the_note_says_it_is_on(self) -> None:
        self.take("电线掉在路上冒火花，没有停电", "hazard")
        self.take("电线掉在路上冒火花", "hazard")
        self.take("表箱冒烟，家里不是停电，是灯一闪一闪", "fault_repair")
        self.take("问一下明天停电吗", "consultation")
        # No sign among them: lights flickering are neither "no power" (walkthrough 37, #21)
        # nor power said on (one phase lost above dims lights too).
        self.assertFalse(Signal.objects.exists())
        self.take("电线被风刮断了，全组都停电了", "hazard")
        self.assertEqual(Signal.objects.count(), 1)

    def test_the_no_power_rule(self) -> None:
        self.assertIs(no_power_in("家里没电了"), True)
        self.assertIs(no_power_in("没有停电，就是电压低"), False)
        self.assertIs(no_power_in("没停电但是跳了一下，现在断电了"), True)
        self.assertIsNone(no_power_in("电线杆歪了"))

    def test_an_unknown_caller_makes_no_signal(self) -> None:
        call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="13900000000",
            text="停电了",
            category="fault_repair",
        )
        self.assertFalse(Signal.objects.exists())

    def test_a_fault_repaired_at_a_device_is_a_restore_of_that_device(self) -> None:
        order = self.take("家里停电了", "fault_repair").work_order
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        for step in ("on_the_way", "on_site"):
            order = work_order_transition(work_order=order, to_status=step, user=self.chief)
        work_order_transition(
            work_order=order,
            to_status="resolved",
            user=self.chief,
            cause="熔断器熔断",
            device=self.fuse,
            note="更换熔丝",
        )
        restore = Signal.objects.get(type="restore")
        self.assertEqual((restore.device, restore.source), (self.fuse, "crew"))

    def test_a_signal_sent_again_from_the_same_source_is_stored_once(self) -> None:
        for _ in range(2):
            signal_record(
                station=self.station_a,
                type="confirm_open",
                device=self.fuse,
                at=timezone.now(),
                source="crew",
                source_id="job-7",
            )
        self.assertEqual(Signal.objects.count(), 1)

    def test_the_live_engine_puts_a_fault_call_on_the_picture(self) -> None:
        # A lone call is as likely a wrong account or the house as the customer's own fault
        # until its silence speaks: held at first, on the picture when the caller calls again
        # 40 minutes later with nothing said in between.
        with time_machine.travel(timezone.now() - dt.timedelta(minutes=40), tick=False):
            self.take("家里停电了", "fault_repair")
        call_command("outage_service", "--once", stderr=io.StringIO())
        self.assertFalse(PredictedOutage.objects.exists())
        self.take("还是没电", "fault_repair")
        call_command("outage_service", "--once", stderr=io.StringIO())
        (outage,) = PredictedOutage.objects.all()
        self.assertEqual(outage.customer, self.customer)
        self.assertIsNotNone(outage.first_sign_at)
        self.assertEqual(outage.explain["calls"], 1)
        with translation.override("en"):
            self.assertIn("customers below called", outage.explain_text())

    def test_a_held_lone_call_reaches_the_picture_with_no_other_signal(self) -> None:
        # The board must not wait for another signal of the station: while none comes, the
        # live engine draws its picture again at the clock's time, and the lone call's
        # silence speaks by then.
        start = timezone.now() - dt.timedelta(minutes=45)
        with time_machine.travel(start, tick=False):
            self.take("家里停电了", "fault_repair")
            live = LiveStation(self.station_a)
            live.step()
        self.assertFalse(PredictedOutage.objects.exists())
        live.step()  # within the minute: nothing drawn again
        self.assertFalse(PredictedOutage.objects.exists())
        live.saved_at -= 61.0  # a minute of quiet
        live.step()
        (outage,) = PredictedOutage.objects.all()  # (the caller's fuse: it feeds the caller alone)
        self.assertEqual(outage.customers, 1)
        self.assertEqual(outage.explain["calls"], 1)
        # A call that then arrives, older than that picture, is taken by a rebuild: nothing
        # lost, and the picture holds both.
        with time_machine.travel(start + dt.timedelta(minutes=5), tick=False):
            self.take("还是没电", "fault_repair")
        step = live.step()
        self.assertTrue(step.rebuilt)
        assert live.engine is not None
        self.assertEqual(live.engine.events, 2)
        self.assertEqual(PredictedOutage.objects.get().customers, 1)

    def test_no_picture_is_drawn_again_long_after_the_last_signal(self) -> None:
        with time_machine.travel(timezone.now() - dt.timedelta(days=2), tick=False):
            self.take("家里停电了", "fault_repair")
        live = LiveStation(self.station_a)
        live.step()
        live.saved_at -= 61.0
        live.step()
        self.assertFalse(PredictedOutage.objects.exists())


class ConcurrentSignalTests(Cast, TransactionTestCase):
    """Head-ends posting at once while the engine steps: no signal passed by its cursor."""

    def setUp(self) -> None:
        build_cast(self)

    @skipUnless(connection.vendor == "postgresql", "needs PostgreSQL's concurrent writers")
    def test_signals_posted_at_once_all_reach_the_engine_once(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="head-end")
        start = timezone.now() - dt.timedelta(hours=1)
        senders, batches = 4, 10
        barrier = threading.Barrier(senders + 1)

        def send(sender: int) -> None:
            client = Client()
            try:
                barrier.wait()
                for batch in range(batches):
                    t = (start + dt.timedelta(seconds=sender * 100 + batch)).isoformat()
                    events = [
                        {
                            "type": "ami_off",
                            "customer": ACCOUNT,
                            "t": t,
                            "id": f"{sender}-{batch}-{i}",
                        }
                        for i in range(20)
                    ]
                    client.post(
                        "/api/v1/signals",
                        events,
                        content_type="application/json",
                        HTTP_AUTHORIZATION=f"Token {key}",
                    )
            finally:
                connection.close()

        live = LiveStation(self.station_a)
        live.step()
        threads = [threading.Thread(target=send, args=(s,)) for s in range(senders)]
        for thread in threads:
            thread.start()
        barrier.wait()
        snapshots = []
        while any(thread.is_alive() for thread in threads):
            live.step()
            pks = list(Signal.objects.values_list("pk", flat=True))
            if pks:
                snapshots.append((max(pks), len(pks)))
        for thread in threads:
            thread.join()
        live.step()
        self.assertEqual(Signal.objects.count(), senders * batches * 20)
        # Signals are committed in the order of their ids: none appeared below an id once seen.
        for highest, count in snapshots:
            self.assertEqual(Signal.objects.filter(pk__lte=highest).count(), count)
        assert live.engine is not None
        self.assertEqual(live.engine.events, Signal.objects.count())
        # A restart takes each of them once too.
        again = LiveStation(self.station_a)
        again.step()
        assert again.engine is not None
        self.assertEqual(again.engine.events, senders * batches * 20)
