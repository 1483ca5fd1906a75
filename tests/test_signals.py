"""Signals in: the rules of the signals API, calls and crews as signals, tenancy."""

from __future__ import annotations

import datetime as dt
import json
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
from tests.servicedesk.test_api_language import station_said

ACCOUNT = "53250000001"


class SignalsApiTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="head-end")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        _, key_b = token_create(station_id=self.station_b.pk, name="B")
        self.auth_b = {"HTTP_AUTHORIZATION": f"Token {key_b}"}
        self.now = timezone.now()

    def post(self, body: Any, auth: dict[str, str] | None = None) -> Any:
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return self.client.post(
            "/api/v1/signals", data, content_type="application/json", **(auth or self.auth)
        )

    def at(self, minutes: float = 0) -> str:
        return (self.now + dt.timedelta(minutes=minutes)).isoformat()

    def test_one_event_or_many_are_stored_and_counted(self) -> None:
        response = self.post({"type": "ami_off", "customer": ACCOUNT, "t": self.at(-5)})
        self.assertEqual(response.status_code, 202)
        self.assertEqual(response.json(), {"accepted": 1, "duplicates": 0, "rejected": []})
        response = self.post(
            [
                {"type": "call", "customer": ACCOUNT, "t": self.at(-4)},
                {"type": "scada_open", "device": "ZM-CB", "t": self.now.timestamp() - 60},
                {"type": "confirm_open", "device": "ZM-B01-F", "t": "2026-01-01T08:00:00Z"},
            ]
        )
        self.assertEqual(response.json()["accepted"], 3)
        signal = Signal.objects.get(type="scada_open")
        self.assertEqual((signal.device, signal.source), (self.breaker, "api"))
        self.assertAlmostEqual(signal.event_at.timestamp(), self.now.timestamp() - 60, places=5)
        self.assertEqual(Signal.objects.get(type="call").customer, self.customer)

    def test_each_invalid_event_is_named_with_its_reason_and_the_rest_kept(self) -> None:
        events = [
            {"type": "call", "customer": "99999999999", "t": self.at()},
            {"type": "scada_open", "device": "NO-SUCH", "t": self.at()},
            {"type": "lightning", "customer": ACCOUNT, "t": self.at()},
            {"type": "call", "customer": ACCOUNT, "t": "2026-06-01T12:00:00"},
            {"type": "call", "customer": ACCOUNT, "t": self.at(25 * 60)},
            {"type": "call", "device": "ZM-B01-F", "t": self.at()},
            {"type": "call", "customer": ACCOUNT, "t": 120.0},
            "not an object",
            {"type": "call_on", "customer": ACCOUNT, "t": self.at()},
        ]
        body = self.post(events).json()
        self.assertEqual((body["accepted"], body["duplicates"]), (1, 0))
        errors = {r["index"]: r["error"] for r in body["rejected"]}
        self.assertEqual(sorted(errors), [0, 1, 2, 3, 4, 5, 6, 7])
        # Said in the station's language whatever the client's (``lib.language``).
        self.assertEqual(
            errors,
            {
                0: station_said(
                    "No customer on the grid has the account number “%(code)s”.",
                    code="99999999999",
                ),
                1: station_said(
                    "No grid device (nor customer) has the code “%(code)s”.", code="NO-SUCH"
                ),
                2: station_said("Unknown event type “%(type)s”.", type="lightning"),
                3: station_said("“t” has no time zone: “%(value)s”.", value="2026-06-01T12:00:00"),
                4: station_said("“t” is more than a day in the future."),
                5: station_said(
                    "A %(type)s event needs “customer”: an account number.", type="call"
                ),
                6: station_said("“t” is before the year 2000 (epoch seconds, not relative ones)."),
                7: station_said("An event must be a JSON object."),
            },
        )
        self.assertEqual(list(Signal.objects.values_list("type", flat=True)), ["call_on"])

    def test_a_retry_with_the_same_ids_stores_nothing(self) -> None:
        events = [
            {"type": "ami_off", "customer": ACCOUNT, "t": self.at(-3), "id": "he-1"},
            {"type": "ami_on", "customer": ACCOUNT, "t": self.at(-2), "id": "he-2"},
            {"type": "ami_on", "customer": ACCOUNT, "t": self.at(-2), "id": "he-2"},
        ]
        self.assertEqual(self.post(events).json(), {"accepted": 2, "duplicates": 1, "rejected": []})
        self.assertEqual(self.post(events).json(), {"accepted": 0, "duplicates": 3, "rejected": []})
        self.assertEqual(Signal.objects.count(), 2)

    def test_bad_json_or_too_many_events_is_a_400_and_stores_nothing(self) -> None:
        for body in ('[{"type": "call", ', "42", b"\xff\xfe"):
            response = self.post(body)
            self.assertEqual(response.status_code, 400, body)
            self.assertIn("detail", response.json())
        event = {"type": "call", "customer": ACCOUNT, "t": self.at()}
        response = self.post([event] * 10_001)
        self.assertEqual(response.status_code, 400)
        self.assertIn("10000", response.json()["detail"])
        self.assertFalse(Signal.objects.exists())
        self.assertEqual(self.post([event] * 10_000).json()["accepted"], 10_000)

    def test_a_refusal_is_said_in_the_station_language_whatever_the_client_asks(self) -> None:
        for language in ("en", "zh-hans"):
            response = self.client.post(
                "/api/v1/signals",
                json.dumps({"type": "lightning", "customer": ACCOUNT, "t": self.at()}),
                content_type="application/json",
                HTTP_ACCEPT_LANGUAGE=language,
                **self.auth,
            )
            self.assertEqual(
                response.json()["rejected"][0]["error"],
                station_said("Unknown event type “%(type)s”.", type="lightning"),
            )

    def test_a_token_of_station_b_can_neither_post_to_nor_read_station_a(self) -> None:
        response = self.post({"type": "call", "customer": ACCOUNT, "t": self.at()}, self.auth_b)
        self.assertEqual(response.status_code, 202)
        self.assertEqual(response.json()["accepted"], 0)
        self.assertEqual(
            response.json()["rejected"][0]["error"],
            station_said(
                "No customer on the grid has the account number “%(code)s”.", code=ACCOUNT
            ),
        )
        self.post({"type": "confirm_open", "device": "ZM-B01-F", "t": self.at()})
        call_command("outage_service", "--once", stderr=_Quiet())
        mine = self.client.get("/api/v1/outages/picture", **self.auth).json()
        self.assertEqual(mine["outages"][0]["device"], "ZM-B01-F")
        theirs = self.client.get("/api/v1/outages/picture", **self.auth_b).json()
        self.assertEqual(theirs, {"t": None, "outages": [], "customers_out": 0})
        self.assertEqual(self.client.get("/api/v1/outages/picture").status_code, 401)
        self.assertEqual(
            self.client.post("/api/v1/signals", "[]", "application/json").status_code, 401
        )


class RejectSignalTests(BaseTestCase):
    """Another system (an ADMS) says the engine's outage at a device is not one: the
    contract's ``reject``, named by device like the picture names it."""

    setUp = SignalsApiTests.setUp
    post = SignalsApiTests.post
    at = SignalsApiTests.at

    def picture(self, auth: dict[str, str] | None = None) -> list[str]:
        # Each run gives up the station's lease when done, so the next one takes it at once.
        call_command("outage_service", "--once", stderr=_Quiet())
        body = self.client.get("/api/v1/outages/picture", **(auth or self.auth)).json()
        return [o["device"] for o in body["outages"]]

    def test_a_reject_of_a_device_is_stored_and_the_engine_lets_the_outage_go(self) -> None:
        self.post({"type": "confirm_open", "device": "ZM-B01-F", "t": self.at(-10)})
        self.assertEqual(self.picture(), ["ZM-B01-F"])
        response = self.post({"type": "reject", "device": "ZM-B01-F", "t": self.at(-5), "id": "r1"})
        self.assertEqual(response.json(), {"accepted": 1, "duplicates": 0, "rejected": []})
        signal = Signal.objects.get(type="reject")
        self.assertEqual((signal.device, signal.customer, signal.source), (self.fuse, None, "api"))
        self.assertEqual(self.picture(), [])
        # Sent again with its id: stored once.
        again = self.post({"type": "reject", "device": "ZM-B01-F", "t": self.at(-5), "id": "r1"})
        self.assertEqual(again.json()["duplicates"], 1)

    def test_a_reject_is_checked_like_the_other_device_events(self) -> None:
        body = self.post(
            [
                {"type": "reject", "customer": ACCOUNT, "t": self.at()},
                {"type": "reject", "device": "NO-SUCH", "t": self.at()},
                {"type": "reject", "device": "ZM-B01-F", "t": "2026-06-01T12:00:00"},
                {"type": "reject", "device": "ZM-B01-F", "t": self.at(25 * 60)},
                {"type": "reject", "device": "", "t": self.at()},
            ]
        ).json()
        self.assertEqual(body["accepted"], 0)
        errors = {r["index"]: r["error"] for r in body["rejected"]}
        needs = station_said("A %(type)s event needs “device”: a device code.", type="reject")
        self.assertEqual(errors[0], needs)
        self.assertIn("“NO-SUCH”", errors[1])
        self.assertEqual(
            errors[2],
            station_said("“t” has no time zone: “%(value)s”.", value="2026-06-01T12:00:00"),
        )
        self.assertEqual(errors[3], station_said("“t” is more than a day in the future."))
        self.assertEqual(errors[4], needs)
        self.assertFalse(Signal.objects.filter(type="reject").exists())

    def test_a_token_of_station_b_cannot_reject_station_as_outage(self) -> None:
        self.post({"type": "confirm_open", "device": "ZM-B01-F", "t": self.at(-10)})
        response = self.post({"type": "reject", "device": "ZM-B01-F", "t": self.at()}, self.auth_b)
        self.assertEqual(response.status_code, 202)
        self.assertEqual(response.json()["accepted"], 0)
        self.assertEqual(
            response.json()["rejected"][0]["error"],
            station_said("No grid device (nor customer) has the code “%(code)s”.", code="ZM-B01-F"),
        )
        self.assertFalse(Signal.objects.filter(type="reject").exists())
        self.assertEqual(self.picture(), ["ZM-B01-F"])

    def test_the_schema_offers_reject(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        body = schema["paths"]["/api/v1/signals"]["post"]["requestBody"]["content"]
        event = body["application/json"]["schema"]["oneOf"][0]
        self.assertIn("reject", event["properties"]["type"]["enum"])


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
        call_command("outage_service", "--once", stderr=_Quiet())
        self.assertFalse(PredictedOutage.objects.exists())
        self.take("还是没电", "fault_repair")
        call_command("outage_service", "--once", stderr=_Quiet())
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


class _Quiet:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


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
