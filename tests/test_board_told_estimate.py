"""The board never contradicts what households were texted without saying so: when the time
it shows for power back is not the one texted (a revision held back by the quiet time after a
text, or one under the margin that is texted), the row says what was texted and whether and from
when the new time is texted (``notifications.estimate_texts``)."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.notifications.estimate_texts import told_restorations
from powerdesk.notifications.models import Event, Notice
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase


class BoardSaysWhatWasTextedTests(BaseTestCase):
    def setUp(self) -> None:
        self.start = timezone.now().replace(second=0, microsecond=0)
        with self.at(0):
            self.outage = outage_declare(
                station=self.station_a,
                user=self.chief,
                device=self.fuse,
                kind=Outage.Kind.UNPLANNED,
                expected_restore_at=self.start + dt.timedelta(hours=3),
            )
        self.login(self.chief)

    def at(self, minutes: float) -> time_machine.travel:
        return time_machine.travel(self.start + dt.timedelta(minutes=minutes), tick=False)

    def moved(self, minutes: float, *, by_minutes: float) -> None:
        with self.at(minutes):
            outage_estimate(
                outage=self.outage,
                user=self.chief,
                expected_restore_at=self.start + dt.timedelta(hours=3, minutes=by_minutes),
            )

    def told_line(self, language: str = "en") -> str | None:
        with translation.override(language):
            html = self.client.get(
                reverse("outages:board"), HTTP_ACCEPT_LANGUAGE=language
            ).content.decode()
        found = re.search(r'data-testid="etr-told">([^<]*)<', html)
        return found.group(1) if found else None

    def hm(self, minutes: float) -> str:
        return f"{timezone.localtime(self.start + dt.timedelta(minutes=minutes)):%H:%M}"

    def test_a_revision_held_back_is_said_beside_the_time_texted(self) -> None:
        self.assertIsNone(self.told_line())  # the time shown is the one texted
        self.moved(5, by_minutes=-40)  # 40 minutes earlier, within the quiet time: held
        self.assertFalse(Notice.objects.filter(event=Event.ETR_MOVED).exists())
        texted = timezone.localtime(self.start + dt.timedelta(hours=3))
        self.assertEqual(
            self.told_line(),
            f"Households were texted {texted:%m-%d %H:%M}; the new time is texted from "
            f"{self.hm(30)} (one text in 30 minutes at most).",
        )

    def test_a_change_under_the_margin_is_said_not_texted(self) -> None:
        self.moved(5, by_minutes=20)
        self.assertIn("a change under 30 minutes is not texted", self.told_line() or "")

    def test_once_the_revision_is_texted_the_board_says_nothing_more(self) -> None:
        self.moved(5, by_minutes=-90)  # an hour and a half: texted at once
        self.assertTrue(Notice.objects.filter(event=Event.ETR_MOVED).exists())
        self.assertIsNone(self.told_line())
        [told] = told_restorations([self.outage]).values()
        self.assertEqual(told.at, self.start + dt.timedelta(hours=1, minutes=30))
