"""A restore staff record is the engine's evidence that power is back there: the restored device
does not come back as a predicted outage on the silence of meters that never report power back,
and a prediction with no call and no meter off below it is shown nowhere as an outage."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.board import board_rows
from powerdesk.outages.live import LiveStation
from powerdesk.outages.models import PredictedOutage, SignalType
from powerdesk.outages.prediction_steps import prediction_confirm
from powerdesk.outages.restoration import outage_restore_part
from powerdesk.outages.selectors import live_picture, open_devices
from powerdesk.outages.services import outage_restore
from tests.fuse_areas import FuseAreasTestCase


class RestoredStaysRestoredTests(FuseAreasTestCase):
    def storm_restored(self) -> LiveStation:
        """The fuse blows two hours ago (half its last gasps and six calls arrive); staff
        confirm the engine's prediction and restore it from the board; the head-end sends no
        power-on message (the demo's replay stops before the storm ends); five minutes later
        someone elsewhere calls, and the engine's time moves on past the restore."""
        now = timezone.now()
        self.blown(now - dt.timedelta(hours=2))
        live = LiveStation(self.station_a)
        live.step()
        prediction = PredictedOutage.objects.get(station=self.station_a)
        self.assertEqual(prediction.device, self.fuse)
        outage = prediction_confirm(prediction=prediction, user=self.chief)
        live.step()
        with time_machine.travel(now + dt.timedelta(minutes=1), tick=False):
            outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        live.step()
        self.signal(SignalType.CALL, now + dt.timedelta(minutes=6), self.elsewhere)
        live.step()
        return live

    def test_a_restored_fuse_whose_meters_stay_silent_is_not_an_outage_again(self) -> None:
        self.storm_restored()
        codes = [o["device"] for o in live_picture(self.station_a)["outages"]]
        self.assertNotIn(self.fuse.code, codes)
        self.assertNotIn(self.fuse.pk, open_devices(self.station_a))
        for row in board_rows(self.station_a):
            self.assertIsNotNone(row.first_sign_at, row.evidence)

    def test_a_prediction_with_no_call_and_no_meter_off_is_shown_nowhere(self) -> None:
        # What the walkthrough saw: the engine named a restored fuse on its silent meters alone.
        silent = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=37,
            confidence=0.99,
            first_sign_at=None,
            explain={
                "calls": 0,
                "meter_off": 0,
                "reporting_meters": 36,
                "stale": 24,
                "silent_after_restore": 12,
            },
        )
        self.assertEqual(board_rows(self.station_a), [])
        self.assertEqual(open_devices(self.station_a), {})
        self.login(self.chief)
        self.assertNotContains(self.client.get(reverse("web:home")), self.fuse.name)
        self.assertNotContains(self.client.get(reverse("outages:list")), self.fuse.name)
        self.client.logout()
        public = self.client.get(reverse("public:status", args=[self.station_a.code]))
        self.assertNotContains(public, self.village.name)
        # One call below it, or a crew's report that the device is open, is an outage to show.
        PredictedOutage.objects.filter(pk=silent.pk).update(
            explain={**silent.explain, "calls": 1}, first_sign_at=timezone.now()
        )
        self.assertEqual([r.device for r in board_rows(self.station_a)], [self.fuse])
        PredictedOutage.objects.filter(pk=silent.pk).update(
            status=PredictedOutage.Status.CONFIRMED, explain=silent.explain, first_sign_at=None
        )
        self.assertEqual(open_devices(self.station_a), {self.fuse.pk: "confirmed"})
        self.assertEqual([r.device for r in board_rows(self.station_a)], [self.fuse])

    def test_a_restore_entered_with_a_time_before_the_confirmation_still_closes_the_device(
        self,
    ) -> None:
        now = timezone.now()
        start = now - dt.timedelta(hours=2)
        for i, household in enumerate(self.households[::3]):
            self.signal(SignalType.CALL, start + dt.timedelta(minutes=3 * i), household)
        live = LiveStation(self.station_a)
        live.step()
        prediction = PredictedOutage.objects.get(station=self.station_a, device=self.fuse)
        outage = prediction_confirm(prediction=prediction, user=self.chief)
        # The crew phones: power came back a quarter of an hour ago, before the confirmation.
        outage_restore(
            outage=outage,
            user=self.chief,
            at=now - dt.timedelta(minutes=15),
            cause="unknown",
            how="remote",
        )
        live.step()
        self.assertEqual(live_picture(self.station_a)["outages"], [])
        self.assertEqual(open_devices(self.station_a), {})

    def test_a_partial_restore_entered_before_the_confirmation_closes_the_device_too(
        self,
    ) -> None:
        now = timezone.now()
        start = now - dt.timedelta(hours=2)
        for i, household in enumerate(self.households[::3]):
            self.signal(SignalType.CALL, start + dt.timedelta(minutes=3 * i), household)
        live = LiveStation(self.station_a)
        live.step()
        prediction = PredictedOutage.objects.get(station=self.station_a, device=self.fuse)
        outage = prediction_confirm(prediction=prediction, user=self.chief)
        # The fuse was closed ten minutes ago with the last transformer area left open.
        area = self.households[-1].transformer
        assert area is not None
        outage_restore_part(
            outage=outage, user=self.chief, still_open=[area], at=now - dt.timedelta(minutes=10)
        )
        live.step()
        self.assertEqual(
            [(o["device"], o["status"]) for o in live_picture(self.station_a)["outages"]],
            [(area.code, "confirmed")],
        )
