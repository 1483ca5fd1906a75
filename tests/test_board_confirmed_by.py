"""A prediction the dispatcher confirmed says so in its evidence, by name, not that "SCADA, a crew
or the office reported it open" (walkthrough 28, finding 4: only the dispatcher's click on
confirm had been added, and the board read as if SCADA or a crew had seen the device open)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.outages.board import live_rows
from powerdesk.outages.intake import signal_record
from powerdesk.outages.models import PredictedOutage, SignalSource, SignalType
from powerdesk.outages.prediction_steps import prediction_confirm
from tests.base import BaseTestCase, make_user, zh

FORCED = "SCADA, a crew or the office reported it open"
SCADA = "SCADA reported it open"


class ConfirmedByTests(BaseTestCase):
    def setUp(self) -> None:
        self.dispatcher = make_user("gl", self.station_a, Role.DISPATCHER, full_name="罗志强")
        self.prediction = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(minutes=5),
            explain={"calls": 1, "meter_off": 0, "reporting_meters": 21, "lightning_zone": True},
        )

    def test_the_evidence_names_the_dispatcher_who_confirmed(self) -> None:
        prediction_confirm(prediction=self.prediction, user=self.dispatcher, notify=False)
        # The engine then holds the device open, as the office reported it.
        PredictedOutage.objects.filter(pk=self.prediction.pk).update(
            explain={**self.prediction.explain, "forced": "open"}
        )
        for history in (True, False):
            (row,) = live_rows(self.station_a, history=history)
            self.assertIn("罗志强", row.evidence, history)
            self.assertNotIn(zh(FORCED), row.evidence)
            self.assertNotIn(FORCED, row.evidence)
        self.login(self.dispatcher)
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertNotIn(zh(FORCED), page)
        self.assertIn(zh("confirmed by %(who)s") % {"who": "罗志强"}, page)

    def scada(self, kind: str, minutes_ago: int) -> None:
        signal_record(
            station=self.station_a,
            type=kind,
            at=timezone.now() - dt.timedelta(minutes=minutes_ago),
            source=SignalSource.API,
            device=self.fuse,
            source_id=f"scada-{kind}-{minutes_ago}",
        )

    def confirmed_and_forced(self) -> None:
        prediction_confirm(prediction=self.prediction, user=self.dispatcher, notify=False)
        PredictedOutage.objects.filter(pk=self.prediction.pk).update(
            explain={**self.prediction.explain, "forced": "open"}
        )

    def test_scada_s_open_stays_said_first_when_the_dispatcher_confirmed_too(self) -> None:
        # SCADA reported the fuse open, the dispatcher confirmed: the row says SCADA, then the
        # name (review 28, M5: the name alone hid SCADA's evidence).
        self.scada(SignalType.SCADA_OPEN, 4)
        self.confirmed_and_forced()
        name = zh("confirmed by %(who)s") % {"who": "罗志强"}
        for history in (True, False):
            (row,) = live_rows(self.station_a, history=history)
            self.assertIn(zh(SCADA), row.evidence, history)
            self.assertIn(name, row.evidence, history)
            self.assertLess(row.evidence.index(zh(SCADA)), row.evidence.index(name))
            self.assertNotIn(zh(FORCED), row.evidence)

    def test_scada_s_open_before_the_outage_or_closed_since_is_not_its_evidence(self) -> None:
        self.scada(SignalType.SCADA_OPEN, 60 * 24)  # yesterday's, before this outage began
        self.scada(SignalType.SCADA_OPEN, 4)
        self.scada(SignalType.SCADA_CLOSE, 3)  # and closed again: the person holds it open
        self.confirmed_and_forced()
        (row,) = live_rows(self.station_a, history=False)
        self.assertNotIn(zh(SCADA), row.evidence)
        self.assertIn(zh("confirmed by %(who)s") % {"who": "罗志强"}, row.evidence)
