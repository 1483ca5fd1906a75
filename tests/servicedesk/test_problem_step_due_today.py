"""A hard problem's plan step is due from the station's today on (walkthrough 35, 10): at 05:10
on 12-05 in the station (21:10 UTC on 12-04) a step due 12-04 is refused, and the refusal names
12-05 as the first date; due 12-05 is taken."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import SimpleTestCase

from powerdesk.servicedesk.forms import HardProblemStepForm

EARLY = dt.datetime(2026, 12, 4, 21, 10, tzinfo=dt.UTC)  # 12-05 05:10 at the station


class StepDueFromTheStationsTodayTests(SimpleTestCase):
    def test_yesterday_at_the_station_is_refused_today_is_taken(self) -> None:
        with time_machine.travel(EARLY, tick=False):
            late = HardProblemStepForm({"title": "换熔断器", "due_on": "2026-12-04"})
            self.assertFalse(late.is_valid())
            self.assertIn("2026-12-05", late.errors["due_on"][0])
            self.assertTrue(
                HardProblemStepForm({"title": "换熔断器", "due_on": "2026-12-05"}).is_valid()
            )
