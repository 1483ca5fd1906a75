"""``powerdesk replay``: a storm on the station's own grid arrives through the HTTP API as calls
from the customers' phones and meter events, and the live engine names the outages."""

from __future__ import annotations

import datetime as dt
import io
import time
from typing import Any
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import Client

from powerdesk.accounts.models import ApiToken
from powerdesk.accounts.tokens import token_create
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.outages.models import PredictedOutage, Signal, SignalSource, SignalType
from powerdesk.outages.replay import http_poster, replay_summary, storm_events, storm_replay
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase
from tests.outage_storm import build_station_grid


def client_poster(base_url: str, token: str) -> Any:
    """``http_poster`` through Django's test client: the whole request stack, no socket."""
    client = Client()

    def post(path: str, body: Any) -> tuple[int, Any]:
        response = client.post(
            path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}"
        )
        return response.status_code, response.json()

    return post


class ReplayTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        build_station_grid(cls.station_b, 300)
        customers = Customer.objects.filter(station=cls.station_b).order_by("pk")
        # Every customer but the last ten has a phone on file; those ten cannot call.
        CustomerPhone.objects.bulk_create(
            CustomerPhone(customer=c, number=f"+86138{c.pk:08d}") for c in list(customers)[:-10]
        )

    def replay(self, *args: str) -> str:
        out = io.StringIO()
        with mock.patch("powerdesk.outages.management.commands.replay.http_poster", client_poster):
            call_command(
                "replay",
                "--station",
                self.station_b.code,
                "--speed",
                "0",
                "--hours",
                "1",
                "--faults",
                "20",
                *args,
                stdout=out,
            )
        return out.getvalue()

    def test_calls_and_meter_events_arrive_and_the_engine_names_the_outages(self) -> None:
        storm = storm_events(self.station_b, seed=3, hours=1, faults_per_1000=20)
        calls = [e for e in storm if e["type"] == "call"]
        meters = [e for e in storm if e["type"] != "call"]
        self.assertTrue(calls and meters)
        printed = self.replay("--seed", "3")
        self.assertIn("A new API token for b:", printed)
        # The last line says how long it really took and the pace it kept.
        self.assertRegex(
            printed.splitlines()[-1],
            r"^Took \d+:\d\d:\d\d for \d+:\d\d:\d\d of storm: [\d.]+ storm seconds a second\.$",
        )
        self.assertEqual(ApiToken.objects.filter(station=self.station_b).count(), 1)

        logged = Call.objects.filter(station=self.station_b)
        without_phone = sum(
            1
            for e in calls
            if not CustomerPhone.objects.filter(
                customer__account_number=e["customer"], customer__station=self.station_b
            ).exists()
        )
        self.assertEqual(logged.count(), len(calls) - without_phone)
        # Each call came from one of its customer's own numbers, said so, and named them.
        for call in logged.select_related("customer"):
            assert call.customer is not None
            self.assertIn(
                call.caller_e164,
                set(call.customer.phones.values_list("number", flat=True)),
            )
            self.assertEqual(call.category, "fault_repair")
            self.assertRegex(call.text, "停电|没电|黑")
        signals = Signal.objects.filter(station=self.station_b)
        self.assertEqual(signals.filter(type=SignalType.CALL).count(), logged.count())
        self.assertEqual(
            signals.filter(source=SignalSource.API).exclude(type=SignalType.CALL).count(),
            len(meters),
        )
        self.assertFalse(Signal.objects.filter(station=self.station_a).exists())

        call_command("outage_service", "--once", stderr=io.StringIO())
        predicted = PredictedOutage.objects.filter(station=self.station_b)
        self.assertGreaterEqual(predicted.filter(device__isnull=False).count(), 1)

    def test_at_once_with_the_aftermath_no_event_is_stamped_after_now(self) -> None:
        storm = storm_events(self.station_b, seed=3, hours=1, faults_per_1000=20, aftermath=True)
        self.assertGreater(max(e["t"] for e in storm), 3600.0)  # power back after the storm
        before = time.time()
        self.replay("--seed", "3", "--aftermath")
        after = time.time()
        stamps = [
            s.event_at.timestamp()
            for s in Signal.objects.filter(station=self.station_b).exclude(type=SignalType.CALL)
        ]
        self.assertLessEqual(max(stamps), after)
        self.assertGreater(max(stamps), before - 600)  # the storm ends now, not hours ago

    def test_a_given_token_is_used_and_a_wrong_station_is_named(self) -> None:
        _, key = token_create(station_id=self.station_b.pk, name="head-end")
        printed = self.replay(f"--token={key}")  # (a key may begin with "-")
        self.assertNotIn("A new API token", printed)
        self.assertEqual(ApiToken.objects.filter(station=self.station_b).count(), 1)
        with self.assertRaisesMessage(CommandError, "No station has the code 'zz'"):
            call_command("replay", "--station", "zz", stdout=io.StringIO())

    def test_the_storm_is_paced_by_the_speed_and_batches_the_meters(self) -> None:
        clock = [time.time()]
        slept: list[float] = []

        def sleep(seconds: float) -> None:
            slept.append(seconds)
            clock[0] += seconds

        sent: list[tuple[str, int]] = []
        _, key = token_create(station_id=self.station_b.pk, name="head-end")
        post = client_poster("", key)

        def recording(path: str, body: Any) -> tuple[int, Any]:
            sent.append((path, len(body) if isinstance(body, list) else 1))
            return post(path, body)

        storm = storm_events(self.station_b, seed=4, hours=1, faults_per_1000=20)
        report = storm_replay(
            self.station_b,
            recording,
            seed=4,
            speed=60,
            hours=1,
            faults_per_1000=20,
            clock=lambda: clock[0],
            sleep=sleep,
        )
        # An hour's storm at 60 times takes a minute: up to its last event.
        self.assertAlmostEqual(sum(slept), storm[-1]["t"] / 60, delta=0.01)
        self.assertEqual(report.requests_failed, 0)
        self.assertEqual(report.signals_accepted, sum(n for p, n in sent if "signals" in p))
        self.assertLessEqual(max(n for p, n in sent if "signals" in p), 1000)
        times = list(
            Signal.objects.filter(station=self.station_b, source=SignalSource.API)
            .exclude(type=SignalType.CALL)
            .order_by("pk")
            .values_list("event_at", flat=True)
        )
        self.assertEqual(times, sorted(times))  # sent in time order: the engine never rebuilds

    def test_a_server_slower_than_the_storm_is_said_as_it_goes_and_at_the_end(self) -> None:
        # Every request takes twenty seconds to answer.
        report, said = self.replay_on_a_fake_clock(answer_seconds=20.0)
        # An hour at 60 times is a minute; this server took far longer, and said so as it went
        # (every ten seconds on the clock at most, not at every event).
        self.assertGreater(report.elapsed, 120)
        behind = [line for line in said if line.startswith("behind by")]
        self.assertGreaterEqual(len(behind), 3)
        self.assertLessEqual(len(behind), report.elapsed / 10 + 1)
        self.assertRegex(
            behind[-1],
            r"^behind by \d+ min of storm time \(\d+:\d\d:\d\d on the clock\) at storm \d\d:\d\d: "
            r"the server takes about "
            r"[\d.]+ storm seconds a second of the 60 asked$",
        )
        assert report.rate is not None
        self.assertLess(report.rate, 60)
        self.assertAlmostEqual(report.rate, report.storm_seconds / report.elapsed)
        summary = replay_summary(report, 60)
        self.assertIn(f"Took {dt.timedelta(seconds=round(report.elapsed))} for ", summary)
        self.assertIn(f"{report.rate:.1f} storm seconds a second, not the 60 asked", summary)
        self.assertIn("the server could not keep up", summary)

    def replay_on_a_fake_clock(self, *, answer_seconds: float) -> tuple[Any, list[str]]:
        """A replay against a server answering each request in ``answer_seconds`` of a clock
        that only moves when asked: the report and every line the replay said."""
        clock = [1000.0]

        def sleep(seconds: float) -> None:
            clock[0] += seconds

        def answer(path: str, body: Any) -> tuple[int, Any]:
            clock[0] += answer_seconds
            if "signals" in path:
                return 202, {"accepted": len(body), "duplicates": 0, "rejected": []}
            return 201, {}

        said: list[str] = []
        report = storm_replay(
            self.station_b,
            answer,
            seed=4,
            speed=60,
            hours=1,
            faults_per_1000=20,
            say=said.append,
            clock=lambda: clock[0],
            sleep=sleep,
        )
        return report, said

    def test_a_server_that_keeps_up_is_not_said_to_be_behind(self) -> None:
        report, said = self.replay_on_a_fake_clock(answer_seconds=0.01)
        self.assertFalse([line for line in said if line.startswith("behind by")])
        self.assertIn(", as asked (60).", replay_summary(report, 60))

    def test_a_server_that_does_not_answer_is_said_plainly(self) -> None:
        post = http_poster("http://127.0.0.1:9", "x", timeout=2)
        with self.assertRaisesMessage(Exception, "does not answer"):
            post("/api/v1/signals", [])
