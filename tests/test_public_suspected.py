"""What the public page says of an outage the engine sees and nobody has recorded yet, and of
one recorded without a cause (walkthrough): its time is the latest report of it (a call or a
meter below it), not when the engine last saved its picture; and "the crew is looking" is said
only when a crew is sent, otherwise that the station knows and is checking."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.community.liaison import village_suspected
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import (
    EngineState,
    Outage,
    PredictedOutage,
    Signal,
    SignalSource,
    SignalType,
)
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase

CREW = "the crew is checking"
STATION = "the station knows and is checking"


def hm(at: dt.datetime) -> str:
    return timezone.localtime(at).strftime("%m-%d %H:%M")


class PublicSuspectedTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()  # the rendered page is kept half a minute
        self.url = reverse("public:status", args=[self.station_a.code])
        self.now = timezone.now().replace(second=0, microsecond=0)
        self.first = self.now - dt.timedelta(hours=3)
        PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.95,
            first_sign_at=self.first,
            explain={"calls": 1, "meter_off": 1},
        )
        EngineState.objects.create(station=self.station_a)  # saved just now

    def signal(self, type: str, minutes_ago: int) -> None:
        Signal.objects.create(
            station=self.station_a,
            type=type,
            customer=self.customer,
            event_at=self.now - dt.timedelta(minutes=minutes_ago),
            source=SignalSource.HEAD_END,
        )

    def page(self) -> str:
        cache.clear()
        html = self.client.get(self.url, {"lang": "en"}).content.decode()
        return html[html.index('data-testid="current"') : html.index('data-testid="planned"')]

    def test_the_time_shown_is_the_latest_report_of_it(self) -> None:
        self.assertIn(f"Latest report {hm(self.first)}", self.page())  # no report since
        self.signal(SignalType.CALL, 100)
        self.signal(SignalType.AMI_OFF, 40)  # the latest that says the power is off
        self.signal(SignalType.AMI_ON, 10)  # says power is on: not a report of the outage
        self.signal(SignalType.CALL, 60 * 5)  # before the outage began: not of it
        page = self.page()
        self.assertIn(f"Latest report {hm(self.now - dt.timedelta(minutes=40))}", page)
        self.assertNotIn(hm(self.now - dt.timedelta(minutes=10)), page)
        self.assertNotIn("Last changed", page)

    def test_the_crew_is_named_only_when_one_is_sent(self) -> None:
        page = self.page()
        self.assertIn(STATION, page)
        self.assertNotIn(CREW, page)
        with translation.override("en"):
            (said,) = village_suspected(self.station_a, [self.village])[self.village.pk]
        self.assertIn(STATION, said.note)
        # a caller below it, since it began, got an order sent to a crew
        WorkOrder.objects.create(
            station=self.station_a,
            number="GD-1",
            category="fault_repair",
            summary="停电",
            customer=self.customer,
            crew=self.crew,
            status="dispatched",
            created_at=self.now - dt.timedelta(minutes=30),
        )
        page = self.page()
        self.assertIn(CREW, page)
        self.assertNotIn(STATION, page)
        with translation.override("en"):
            (said,) = village_suspected(self.station_a, [self.village])[self.village.pk]
        self.assertIn(CREW, said.note)

    def test_a_recorded_outage_without_a_cause_names_the_crew_once_one_is_sent(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            cause="",
        )
        page = self.page()
        self.assertIn("Not yet known: the station knows and is checking.", page)
        self.assertNotIn("finding it", page)
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        self.assertIn("Not yet known: the crew is finding it.", self.page())
