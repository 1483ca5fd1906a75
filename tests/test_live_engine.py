"""The live engine: the same picture as ``powerdesk predict`` at every checkpoint, whatever the
order the signals arrive in, and after a crash and a restart."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from django.test import TestCase

from powerdesk.accounts.models import CountyCompany, Station
from powerdesk.accounts.tokens import token_create
from powerdesk.outages.live import LiveStation, grid_changed
from powerdesk.outages.live_service import OutageService
from powerdesk.outages.models import EngineState, PredictedOutage, Signal
from powerdesk.outages.selectors import live_picture, open_devices
from tests.outage_storm import build_station_grid, predict_checkpoints, station_storm


class LiveEngineTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        company = CountyCompany.objects.create(name="姚安供电有限公司")
        cls.station = Station.objects.create(company=company, code="storm", name="风暴供电所")
        build_station_grid(cls.station, customers=800)

    def setUp(self) -> None:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)
        self.storm = station_storm(self.station, self.folder)
        self.expected = predict_checkpoints(self.storm, self.folder)
        _, key = token_create(station_id=self.station.pk, name="head-end")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        self.ids = {id(e): f"ev-{i}" for i, e in enumerate(self.storm.events)}

    def post(self, events: list[dict[str, Any]]) -> None:
        for start in range(0, len(events), 1000):
            body = [{**e, "id": self.ids[id(e)]} for e in events[start : start + 1000]]
            response = self.client.post(
                "/api/v1/signals", body, content_type="application/json", **self.auth
            )
            self.assertEqual(response.status_code, 202)
            self.assertEqual(response.json()["rejected"], [])

    def picture(self) -> dict[str, Any]:
        response = self.client.get("/api/v1/outages/picture", **self.auth)
        self.assertEqual(response.status_code, 200)
        return response.json()  # type: ignore[no-any-return]

    def test_the_storm_through_the_api_gives_the_cli_s_picture_at_every_checkpoint(self) -> None:
        self.assertGreater(len(self.storm.chunks), 5)
        self.assertTrue(any(cp["outages"] for cp in self.expected))
        service = OutageService()
        rng = random.Random(5)
        for number, (chunk, expected) in enumerate(
            zip(self.storm.chunks, self.expected, strict=True)
        ):
            arrived = chunk[:]
            rng.shuffle(arrived)  # a head-end's batch comes in any order
            if number == 3:  # and part of it comes late, after the engine moved on
                late, arrived = arrived[: len(arrived) // 3], arrived[len(arrived) // 3 :]
                self.post(arrived)
                service.step()
                self.post(late)
            else:
                self.post(arrived)
            service.step()
            self.assertEqual(self.picture(), expected, f"checkpoint {number}")
        state = EngineState.objects.get(station=self.station)
        self.assertEqual(state.signals_taken, len(self.storm.events))
        self.assertGreaterEqual(state.rebuilds, 2)  # the start, and the late signals

    def test_a_crash_and_a_restart_give_the_picture_of_one_uninterrupted_run(self) -> None:
        half = len(self.storm.chunks) // 2
        first = LiveStation(self.station)
        for chunk in self.storm.chunks[:half]:
            self.post(chunk)
            first.step()
        self.post(self.storm.chunks[half])
        # The service dies while saving a batch: nothing of that batch is recorded as taken.
        with (
            mock.patch.object(PredictedOutage.objects, "bulk_create", side_effect=OSError),
            self.assertRaises(OSError),
        ):
            first.step()
        state = EngineState.objects.get(station=self.station)
        self.assertEqual(state.signals_taken, sum(len(c) for c in self.storm.chunks[:half]))
        self.assertEqual(self.picture(), self.expected[half - 1])
        del first
        second = LiveStation(self.station)
        second.step()
        self.assertEqual(self.picture(), self.expected[half])
        for chunk, expected in zip(
            self.storm.chunks[half + 1 :], self.expected[half + 1 :], strict=True
        ):
            self.post(chunk)
            second.step()
            self.assertEqual(self.picture(), expected)
        # No signal lost or taken twice: the engine holds each stored signal once.
        assert second.engine is not None
        self.assertEqual(second.engine.events, Signal.objects.count())
        self.assertEqual(second.engine.events, len(self.storm.events))
        # A retry of everything stores nothing and changes nothing.
        self.post(self.storm.events)
        self.assertEqual(Signal.objects.count(), len(self.storm.events))
        second.step()
        self.assertEqual(self.picture(), self.expected[-1])

    def test_a_grid_change_rebuilds_the_engine_and_the_board_reads_open_devices(self) -> None:
        live = LiveStation(self.station)
        for chunk in self.storm.chunks[:4]:
            self.post(chunk)
        live.step()
        picture = live_picture(self.station)
        self.assertEqual(picture, self.expected[3])
        devices = open_devices(self.station)
        self.assertEqual(len(devices), PredictedOutage.objects.filter(device__isnull=False).count())
        rebuilds = live.rebuilds
        live.step()
        self.assertEqual(live.rebuilds, rebuilds)  # nothing new: nothing done
        grid_changed(self.station)
        live.step()
        self.assertEqual(live.rebuilds, rebuilds + 1)
        self.assertEqual(live_picture(self.station), picture)
