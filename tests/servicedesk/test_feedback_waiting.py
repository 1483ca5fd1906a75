"""The suggestions and praise page shows first what is still to answer (walkthrough 29: with
a hundred answered, the page's first hundred held none of the 53 still to answer, under every
filter, so nobody could answer them)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.models import Feedback
from tests.base import BaseTestCase


class FeedbackWaitingTests(BaseTestCase):
    def test_those_still_to_answer_come_first_and_can_be_asked_for_alone(self) -> None:
        now = timezone.now()
        Feedback.objects.bulk_create(
            Feedback(
                station=self.station_a,
                kind=Feedback.Kind.PRAISE,
                text=f"谢谢师傅{i}",
                received_at=now - dt.timedelta(minutes=i),
                state=Feedback.State.ANSWERED,
                answer="谢谢您",
            )
            for i in range(110)
        )
        old = Feedback.objects.create(
            station=self.station_a,
            kind=Feedback.Kind.SUGGESTION,
            text="建议村口再装一盏路灯",
            received_at=now - dt.timedelta(days=30),
        )
        self.login(self.chief)
        page = self.client.get(reverse("servicedesk:feedback")).content.decode()
        self.assertIn(old.text, page)
        self.assertIn(f'name="item" value="{old.pk}"', page)  # its answer form
        self.assertLess(page.index(old.text), page.index("谢谢师傅0"))
        self.assertIn('data-testid="feedback-waiting"', page)
        waiting = self.client.get(reverse("servicedesk:feedback"), {"waiting": "1"})
        html = waiting.content.decode()
        self.assertIn(old.text, html)
        self.assertNotIn("谢谢师傅", html)
