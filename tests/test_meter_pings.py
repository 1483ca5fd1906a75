"""Meter pings end to end: a round asks the engine's meters of a fake head-end, at most K and
never twice; an answer through the intake is matched; a restart replays the requests; a
head-end's error is kept and the round sent again."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from django.test import TestCase
from django.utils import timezone, translation

from powerdesk.accounts.models import CountyCompany, Station
from powerdesk.network.importing import network_import
from powerdesk.outages.intake import signals_ingest
from powerdesk.outages.live import LiveStation
from powerdesk.outages.models import MeterPing, PingRound, PingSettings
from powerdesk.outages.pings import ping_round

NET = (
    "id,parent,kind,ami,lightning_zone,install_year\n"
    "S,,source,,0,\nF,S,fuse,,0,\nT,F,transformer,,0,\n"
    "C0,T,customer,1,0,\nC1,T,customer,0,0,\nC2,T,customer,0,0,\n"
    "C3,T,customer,1,0,\nC4,T,customer,0,0,\nC5,T,customer,1,0,\n"
)


class FakeHeadEnd:
    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, Any], dict[str, str]]] = []
        self.down = False

    def __call__(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        if self.down:
            raise ConnectionError("head-end down")
        self.requests.append((url, json.loads(body), headers))


class MeterPingTests(TestCase):
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
        self.assertIn("head-end down", failed.error)
        self.assertEqual(MeterPing.objects.count(), 2)
        self.headend.down = False
        result = self.round(5)
        self.assertEqual(result.resent, 1)
        failed.refresh_from_db()
        self.assertEqual(failed.state, PingRound.State.SENT)
        self.assertEqual(self.headend.requests[0][2]["Idempotency-Key"], failed.key)
        self.assertEqual(len(self.headend.requests[0][1]["meters"]), 2)
        # Nothing lost, nothing twice (the new round asked another meter).
        self.assertEqual(failed.pings.count(), 2)
        accounts = list(MeterPing.objects.values_list("customer__account_number", flat=True))
        self.assertEqual(len(accounts), len(set(accounts)))

    def test_off_by_default(self) -> None:
        PingSettings.objects.all().delete()
        self.assertEqual(self.round().skipped, "off")
        self.assertEqual(self.headend.requests, [])

    def test_the_board_says_the_pings_of_a_predicted_outage(self) -> None:
        from django.urls import reverse

        from powerdesk.accounts.models import Role
        from powerdesk.outages.board import board_rows
        from tests.base import make_user

        self.round()
        rows = [r for r in board_rows(self.station) if r.prediction and r.prediction.code == "F"]
        self.assertEqual(rows[0].pings, "已召测 2 块电表：0 块应答")
        # One answers (marked as the intake does; here F stays predicted, to be drawn).
        MeterPing.objects.filter(pk=MeterPing.objects.first().pk).update(  # type: ignore[union-attr]
            state=MeterPing.State.ANSWERED
        )
        self.client.force_login(make_user("chief", self.station, Role.CHIEF))
        with translation.override("en"):
            board = self.client.get(reverse("outages:board"), headers={"HX-Request": "true"})
        self.assertContains(board, "已召测 2 块电表：1 块应答")

    def test_the_settings_page_sets_pings_and_lists_the_rounds(self) -> None:
        from django.urls import reverse

        from powerdesk.accounts.models import Role
        from tests.base import make_user

        self.round()
        url = reverse("notifications:settings")
        self.client.force_login(make_user("clerk", self.station, Role.COUNTER))
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.force_login(make_user("chief", self.station, Role.CHIEF))
        page = self.client.get(url)
        self.assertContains(page, 'name="ping_url"')
        self.assertContains(page, "https://he.example/ping")
        self.assertContains(page, "请主站召测 2 块电表")
        self.client.post(
            url, {"ping_form": "1", "ping_url": "http://he.example/", "ping_most": "5"}
        )
        self.assertEqual(PingSettings.objects.get().endpoint_url, "https://he.example/ping")
        self.client.post(
            url, {"ping_form": "1", "ping_url": "https://h2.example/p", "ping_most": "5"}
        )
        setting = PingSettings.objects.get()
        self.assertEqual((setting.endpoint_url, setting.most), ("https://h2.example/p", 5))
