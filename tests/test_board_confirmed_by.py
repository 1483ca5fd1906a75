"""A prediction the dispatcher confirmed says so in its evidence, by name, not that "SCADA, a crew
or the office reported it open" (walkthrough 28, finding 4: only the dispatcher's click on
confirm had been added, and the board read as if SCADA or a crew had seen the device open)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.outages.board import live_rows
from powerdesk.outages.models import PredictedOutage
from powerdesk.outages.prediction_steps import prediction_confirm
from tests.base import BaseTestCase, make_user, zh

FORCED = "SCADA, a crew or the office reported it open"


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
