"""Meter pings end to end: a round asks the engine's meters of a fake head-end, at most K and
never twice; an answer through the intake is matched; a restart replays the requests; a
head-end's error is kept and the round sent again (claimed by one worker; a refusal never)."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any
from unittest import mock

from django.test import TestCase
from django.utils import timezone, translation
from django.utils.translation import ngettext

from powerdesk.accounts.models import CountyCompany, Station
from powerdesk.network.importing import network_import
from powerdesk.notifications.transports import PermanentError, TemporaryError
from powerdesk.outages.intake import signals_ingest
from powerdesk.outages.live import LiveStation
from powerdesk.outages.models import MeterPing, PingRound, PingSettings, PredictedOutage
from powerdesk.outages.pings import ping_round, round_key
from powerdesk.outages.pings_send import claim


def board_words(station: Station) -> str:
    from powerdesk.outages.board import board_rows

    return " ".join(r.pings for r in board_rows(station) if r.pings)


NET = (
    "id,parent,kind,ami,lightning_zone,install_year,name\n"
    "S,,source,,0,,10kV试验线\nF,S,fuse,,0,,\nT,F,transformer,,0,,\n"
    "C0,T,customer,1,0,,\nC1,T,customer,0,0,,\nC2,T,customer,0,0,,\n"
    "C3,T,customer,1,0,,\nC4,T,customer,0,0,,\nC5,T,customer,1,0,,\n"
)


class FakeHeadEnd:
    """Takes every request, unless ``down``; ``answers``: what the next requests meet (an
    exception raised, or None: taken); ``meanwhile``: run while a request is in flight (another
    worker, or the head-end's answers pushed back at once)."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, Any], dict[str, str]]] = []
        self.tried: list[str] = []  # every request's key, taken or not
        self.down = False
        self.answers: list[Exception | None] = []
        self.meanwhile: dict[str, Callable[[], object]] = {}  # by key: run once

    def __call__(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        key = headers["Idempotency-Key"]
        self.tried.append(key)
        if key in self.meanwhile:
            self.meanwhile.pop(key)()
        if self.down:
            raise ConnectionError("head-end down")
        answer = self.answers.pop(0) if self.answers else None
        if answer is not None:
            raise answer
        self.requests.append((url, json.loads(body), headers))


class MeterPingCase(TestCase):
    """A station with a fake head-end, two calls below fuse F and the engine's picture."""

    station: Station

    @classmethod
    def setUpTestData(cls) -> None:
        company = CountyCompany.objects.create(name="姚安供电有限公司")
        cls.station = Station.objects.create(company=company, code="ping", name="试点供电所")
        network_import(station=cls.station, stream=io.StringIO(NET), file_name="NET.csv")

    def setUp(self) -> None:
        # The start of a five-minute round (in the past): a retry half a minute on is the same.
        clock = int(timezone.now().timestamp())
        self.now = dt.datetime.fromtimestamp(clock - clock % 300, tz=dt.UTC)
        self.headend = FakeHeadEnd()
        PingSettings.objects.create(
            station=self.station, endpoint_url="https://he.example/ping", most=2
        )
        self.ingest("call", "C0", self.now - dt.timedelta(minutes=15))
        self.ingest("call", "C1", self.now - dt.timedelta(minutes=10))
        self.live = LiveStation(self.station)
        self.live.step()
        self.live.save(at=self.now.timestamp())  # the picture at the clock's time

    def ingest(self, kind: str, customer: str, at: dt.datetime) -> None:
        result = signals_ingest(
            station=self.station, events=[{"type": kind, "customer": customer, "t": at.timestamp()}]
        )
        self.assertEqual(result.accepted, 1, result.rejected)

    def round(self, minutes: float = 0.0) -> Any:
        return ping_round(
            self.station, now=self.now + dt.timedelta(minutes=minutes), post=self.headend
        )


class MeterPingTests(MeterPingCase):
    def test_a_round_asks_at_most_k_meters_once_with_an_idempotency_key(self) -> None:
        result = self.round()
        self.assertEqual(result.asked, 2)
        self.assertEqual(len(self.headend.requests), 1)
        url, body, headers = self.headend.requests[0]
        self.assertEqual(url, "https://he.example/ping")
        self.assertEqual(len(body["meters"]), 2)
        self.assertEqual({m["device"] for m in body["meters"]}, {"F"})
        self.assertEqual(headers["Idempotency-Key"], body["round"])
        self.assertEqual(MeterPing.objects.count(), 2)
        # A retry of the same round (or a second worker) asks nothing and stores nothing.
        again = self.round(0.5)
        self.assertEqual((again.asked, again.skipped), (0, "done"))
        self.assertEqual(MeterPing.objects.count(), 2)
        self.assertEqual(len(self.headend.requests), 1)
        # Later rounds never ask a meter pinged within the half hour.
        for minutes in (5, 10, 15, 20, 25):
            self.round(minutes)
        accounts = list(MeterPing.objects.values_list("customer__account_number", flat=True))
        self.assertEqual(len(accounts), len(set(accounts)))
        for _url, body, _h in self.headend.requests:
            self.assertLessEqual(len(body["meters"]), 2)

    def test_an_answer_through_the_intake_is_matched(self) -> None:
        self.round()
        asked = list(MeterPing.objects.values_list("customer__account_number", flat=True))
        self.ingest("ami_on", asked[0], self.now + dt.timedelta(minutes=2))
        answered = MeterPing.objects.get(customer__account_number=asked[0])
        self.assertEqual(answered.state, MeterPing.State.ANSWERED)
        self.assertEqual(answered.answered_at, self.now + dt.timedelta(minutes=2))
        other = MeterPing.objects.get(customer__account_number=asked[1])
        self.assertEqual(other.state, MeterPing.State.REQUESTED)
        self.round(15)  # past the wait: no answer
        other.refresh_from_db()
        self.assertEqual(other.state, MeterPing.State.NO_ANSWER)

    def test_an_answer_while_the_round_is_posted_is_matched(self) -> None:
        # The head-end pushes a meter's power-on before its answer to the POST comes back.
        key = round_key(self.station, self.now)
        pushed = self.now + dt.timedelta(seconds=20)

        def answer_at_once() -> None:
            first = MeterPing.objects.filter(round__key=key).order_by("pk").first()
            assert first is not None
            self.ingest("ami_on", first.customer.account_number, pushed)

        self.headend.meanwhile[key] = answer_at_once
        self.round()
        answered, other = MeterPing.objects.filter(round__key=key).order_by("pk")
        self.assertEqual(answered.state, MeterPing.State.ANSWERED)
        self.assertEqual(answered.answered_at, pushed)
        self.assertLessEqual(answered.requested_at, pushed)  # the request, then its answer
        self.round(15)
        answered.refresh_from_db(), other.refresh_from_db()
        self.assertEqual(
            (answered.state, other.state), (MeterPing.State.ANSWERED, MeterPing.State.NO_ANSWER)
        )
        with translation.override("zh-hans"):
            said = ngettext(
                "%(n)d meter pinged: %(a)d answered, %(x)d no answer, %(w)d waiting"
                " (up to %(m)d min)",
                "%(n)d meters pinged: %(a)d answered, %(x)d no answer, %(w)d waiting"
                " (up to %(m)d min)",
                2,
            ) % {"n": 2, "a": 1, "x": 1, "w": 0, "m": 10}
            self.assertEqual(board_words(self.station), said)

    def test_an_answer_whose_intake_missed_the_round_is_matched_when_it_is_sent(self) -> None:
        key = round_key(self.station, self.now + dt.timedelta(minutes=40))
        pushed = self.now + dt.timedelta(minutes=40, seconds=5)

        def answer_unseen() -> None:
            first = MeterPing.objects.filter(round__key=key).order_by("pk").first()
            assert first is not None
            with mock.patch("powerdesk.outages.intake.pings_answered"):
                self.ingest("ami_on", first.customer.account_number, pushed)

        self.headend.meanwhile[key] = answer_unseen
        self.round(40)
        states = list(
            MeterPing.objects.filter(round__key=key).order_by("pk").values_list("state", flat=True)
        )
        self.assertEqual(states[0], MeterPing.State.ANSWERED)

    def test_a_restart_replays_the_requests_and_gives_the_same_picture(self) -> None:
        self.round()
        asked = list(MeterPing.objects.values_list("customer__account_number", flat=True))
        self.ingest("ami_on", asked[0], self.now + dt.timedelta(minutes=2))
        self.live.step()  # the running engine learns of the request, then its answer
        later = (self.now + dt.timedelta(minutes=20)).timestamp()
        running = self.live.picture(later)
        restarted = LiveStation(self.station)
        restarted.rebuild()
        assert restarted.engine is not None and self.live.engine is not None
        self.assertEqual(restarted.engine._st.pinged, self.live.engine._st.pinged)
        # The same picture (the engine's confidences move a little with the times it was
        # pictured at, ping or no ping: the running one was pictured between signals).
        again = restarted.picture(later)
        self.assertEqual(
            [(o.device, o.status, o.customers) for o in again.outages],
            [(o.device, o.status, o.customers) for o in running.outages],
        )
        for a, b in zip(again.outages, running.outages, strict=True):
            self.assertAlmostEqual(a.confidence, b.confidence, places=2)
        # Without the requests replayed, the silence of the meter not answering is not weighed.
        forgetful = LiveStation(self.station)
        forgetful.rebuild()
        assert forgetful.engine is not None
        forgetful.engine._st.pinged.clear()
        self.assertNotEqual(forgetful.picture(later), again)

    def test_a_head_end_error_is_kept_and_the_round_sent_again(self) -> None:
        self.headend.down = True
        result = self.round()
        self.assertEqual((result.asked, result.failed), (2, 1))
        failed = PingRound.objects.get()
        self.assertEqual(failed.state, PingRound.State.FAILED)
        self.assertEqual(failed.failure, PingRound.Failure.NO_CONNECTION)
        self.assertEqual(MeterPing.objects.count(), 2)
        # Not again within the same five minutes (another worker's run, a retry).
        self.headend.down = False
        self.assertEqual(self.round(2).resent, 0)
        self.assertEqual(self.headend.tried, [failed.key])
        result = self.round(5)
        self.assertEqual(result.resent, 1)
        failed.refresh_from_db()
        self.assertEqual(failed.state, PingRound.State.SENT)
        sent = [r for r in self.headend.requests if r[2]["Idempotency-Key"] == failed.key]
        self.assertEqual(len(sent), 1)
        self.assertEqual(len(sent[0][1]["meters"]), 2)
        # Nothing lost, nothing twice (the new round asked another meter).
        self.assertEqual(failed.pings.count(), 2)
        accounts = list(MeterPing.objects.values_list("customer__account_number", flat=True))
        self.assertEqual(len(accounts), len(set(accounts)))

    def test_two_workers_never_post_the_same_round_at_once(self) -> None:
        # A new round: a second worker running while the first posts it posts nothing.
        key = round_key(self.station, self.now)
        second: list[Any] = []
        self.headend.meanwhile[key] = lambda: second.append(self.round(0.5))
        self.round()
        self.assertEqual((second[0].asked, second[0].resent, second[0].skipped), (0, 0, "done"))
        self.assertEqual(self.headend.tried, [key])
        # A round sent again: a worker running while another posts it leaves it alone.
        PingRound.objects.filter(key=key).update(
            state=PingRound.State.FAILED,
            failure=PingRound.Failure.NO_CONNECTION,
            tries=1,
            at=self.now,
        )
        self.headend.meanwhile[key] = lambda: second.append(self.round(5.5))
        first = self.round(5)
        self.assertEqual((first.resent, second[1].resent), (1, 0))
        self.assertEqual(self.headend.tried.count(key), 2)  # (the first try, then once)
        # The claim itself: of two workers who read the round alike, one takes it.
        PingRound.objects.filter(key=key).update(state=PingRound.State.FAILED, tries=1)
        read_a, read_b = PingRound.objects.get(key=key), PingRound.objects.get(key=key)
        self.assertTrue(claim(read_a, self.now))
        self.assertFalse(claim(read_b, self.now))

    def test_a_refusal_is_not_sent_again(self) -> None:
        self.headend.answers = [PermanentError("HTTP 400 bad meters", status=400)]
        self.assertEqual(self.round().failed, 1)
        refused = PingRound.objects.get()
        self.assertEqual(refused.state, PingRound.State.GIVEN_UP)
        self.assertEqual((refused.failure, refused.http_status), (PingRound.Failure.REFUSED, 400))
        # Never sent again; when its meters may be asked again, the head-end takes the new
        # round (200), and still never meets the refused one.
        for minutes in (5, 10, 15):
            self.assertEqual(self.round(minutes).resent, 0)
        later = self.round(35)
        self.assertEqual((later.asked, later.failed, later.resent), (2, 0, 0))
        self.assertEqual(self.headend.tried.count(refused.key), 1)
        self.assertEqual(len(self.headend.requests), 1)

    def test_a_busy_head_end_is_asked_again(self) -> None:
        self.headend.answers = [TemporaryError("HTTP 503", status=503)]
        self.assertEqual(self.round().failed, 1)
        busy = PingRound.objects.get()
        self.assertEqual((busy.state, busy.http_status), (PingRound.State.FAILED, 503))
        self.assertEqual(self.round(5).resent, 1)

    def failed_round(self, minutes: float, tries: int = 1) -> PingRound:
        at = self.now + dt.timedelta(minutes=minutes)
        return PingRound.objects.create(
            station=self.station,
            at=at,
            key=round_key(self.station, at),
            asked=0,
            state=PingRound.State.FAILED,
            failure=PingRound.Failure.NO_CONNECTION,
            tries=tries,
        )

    def test_resends_are_few_and_only_while_an_outage_is_predicted(self) -> None:
        r0, r5, r10 = (self.failed_round(m) for m in (0, 5, 10))
        self.round(15)  # the two newest sent again, after the round's own
        self.assertEqual(self.headend.tried[1:], [r10.key, r5.key])
        self.assertEqual(PingRound.objects.get(pk=r0.pk).state, PingRound.State.FAILED)
        self.assertEqual(self.round(20).resent, 1)
        self.assertEqual(self.headend.tried[-1], r0.key)
        # Tried at most three times, the first included.
        r25 = self.failed_round(25, tries=2)
        self.headend.answers = [ConnectionError("down again")]
        self.assertEqual(self.round(30).resent, 0)
        self.assertEqual(PingRound.objects.get(pk=r25.pk).state, PingRound.State.GIVEN_UP)
        self.assertEqual(self.round(35).resent, 0)
        # Too old (past half an hour): given up, never sent.
        r40 = self.failed_round(40)
        self.assertEqual(self.round(75).resent, 0)
        self.assertNotIn(r40.key, self.headend.tried)
        # No prediction left: nothing is sent again.
        r80 = self.failed_round(80)
        PredictedOutage.objects.filter(station=self.station).delete()
        self.assertEqual(self.round(85).skipped, "no outage")
        self.assertNotIn(r80.key, self.headend.tried)

    def test_a_round_whose_sender_died_is_taken_over_once_its_claim_lapses(self) -> None:
        def killed() -> None:
            raise SystemExit(1)

        self.headend.meanwhile[round_key(self.station, self.now)] = killed
        with self.assertRaises(SystemExit):  # the worker dies while posting
            self.round()
        stuck = PingRound.objects.get()
        self.assertEqual((stuck.state, stuck.tries), (PingRound.State.PENDING, 0))
        self.assertEqual(self.round(5).resent, 0)  # its claim stands five minutes
        self.assertEqual(self.round(10).resent, 1)
        self.assertEqual(PingRound.objects.get(pk=stuck.pk).state, PingRound.State.SENT)

    def test_a_ping_request_is_signed_with_the_station_s_secret(self) -> None:
        import hashlib
        import hmac

        PingSettings.objects.update(secret="he-s3cret")
        self.round()
        [(_url, body, headers)] = self.headend.requests
        raw = json.dumps(body).encode()  # (the fake keeps the body parsed: sign it again)
        self.assertTrue(headers["X-PowerDesk-Signature"].startswith("sha256="))
        self.assertEqual(
            headers["X-PowerDesk-Signature"],
            "sha256=" + hmac.new(b"he-s3cret", raw, hashlib.sha256).hexdigest(),
        )
        PingSettings.objects.update(secret="")
        self.round(35)
        self.assertNotIn("X-PowerDesk-Signature", self.headend.requests[-1][2])

    def test_off_by_default(self) -> None:
        PingSettings.objects.all().delete()
        self.assertEqual(self.round().skipped, "off")
        self.assertEqual(self.headend.requests, [])
