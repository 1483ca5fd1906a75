"""A text that says when power should be back gives the day when that is not today, as the
crew's card does ("about 02:10" sent at 23:10 read as that night; walkthrough): "约 06-21 02:10",
"about 06-21 02:10", in both languages; a time today is said alone."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone, translation

from powerdesk.notifications.texts import render_text
from tests.base import BaseTestCase

NOW = timezone.make_aware(dt.datetime(2026, 6, 20, 23, 10))


def facts(etr: dt.datetime, *, about: bool = True, narrow: bool = False) -> dict[str, object]:
    return {
        "station": "光禄供电所",
        "device": "哔叭支线",
        "villages": ["左门"],
        "crew_state": "",
        "etr": etr.isoformat(),
        "etr_about": about,
        "etr_low": (etr - dt.timedelta(minutes=30)).isoformat() if narrow else "",
        "etr_high": (etr + dt.timedelta(minutes=30)).isoformat() if narrow else "",
    }


class ExpectedBackDayTests(BaseTestCase):
    def text(self, language: str, etr: dt.datetime, **kinds: bool) -> str:
        with time_machine.travel(NOW, tick=False), translation.override(language):
            return render_text("outage_known", facts(etr, **kinds))

    def test_tomorrow_s_time_says_its_day_in_both_languages(self) -> None:
        tomorrow = NOW + dt.timedelta(hours=3)  # 06-21 02:10
        for language in ("zh-hans", "en"):
            for kinds in ({}, {"about": False}, {"narrow": True}):
                with self.subTest(language=language, **kinds):
                    self.assertIn("06-21 02:10", self.text(language, tomorrow, **kinds))
        english = self.text("en", tomorrow)
        self.assertIn("Expected back about 06-21 02:10.", english)

    def test_an_interval_over_midnight_says_the_day_of_its_bound(self) -> None:
        just_before = NOW + dt.timedelta(minutes=40)  # 23:50, its interval 23:20–00:20
        english = self.text("en", just_before, narrow=True)
        self.assertIn("Expected back about 23:50 (23:20–06-21 00:20).", english)

    def test_today_s_time_is_said_alone(self) -> None:
        today = NOW + dt.timedelta(minutes=30)  # 23:40
        for language in ("zh-hans", "en"):
            text = self.text(language, today)
            self.assertIn("23:40", text)
            self.assertNotIn("06-20", text)
