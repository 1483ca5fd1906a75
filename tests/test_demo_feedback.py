"""The demo's answers to suggestions and praise are not dated after the demo's clock: a
suggestion received this morning is still waiting for its answer (walkthrough F10)."""

from __future__ import annotations

import datetime as dt
import random

from powerdesk.demo.builder import DemoContext
from powerdesk.demo.seasons import TZ
from powerdesk.servicedesk.demo_followup import build_feedback
from powerdesk.servicedesk.models import Call, Category, Feedback
from tests.base import BaseTestCase

NOW = dt.datetime(2026, 12, 1, 9, 30, tzinfo=TZ)


class DemoFeedbackTests(BaseTestCase):
    def test_no_answer_is_dated_after_the_clock(self) -> None:
        calls = [
            Call.objects.create(
                station=self.station_a,
                received_at=NOW - dt.timedelta(hours=hours),
                customer=self.customer,
                caller_number="13812345678",
                text="建议在村里多贴几张停电通知",
                category=Category.SUGGESTION if hours % 2 else Category.PRAISE,
            )
            for hours in range(1, 24 * 8, 5)
        ]
        ctx = DemoContext(
            seed=2013,
            today=NOW.date(),
            rng=random.Random(2013),
            now=NOW,
            station=self.station_a,
            made={"users": {"gl_chief": self.chief}},
        )
        build_feedback(ctx, random.Random(1), calls)
        answered = Feedback.objects.filter(state=Feedback.State.ANSWERED)
        self.assertTrue(answered.exists())  # the older ones are answered
        self.assertFalse(answered.filter(answered_at__gt=NOW).exists())
        self.assertFalse(Feedback.objects.filter(answered_at__gt=NOW).exists())
        self.assertFalse(
            Feedback.objects.filter(state=Feedback.State.ANSWERED, answered_at=None).exists()
        )
