"""What the intake tests read off the page ("Then" choices), the number 普光荣 calls from, a
prediction to call under, and a recorded outage to call under (``UnderAnOutage``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import PredictedOutage
from tests.base import BaseTestCase
from tests.outage_cast import declared

NUMBER = "0878-1234567"  # 普光荣's, as the telephone gives it

_RADIO = r'<input type="radio" name="action" value="([^"]*)"'


def checked_actions(html: str) -> list[str]:
    """The values of the page's checked "action" radios, in page order (the last one wins)."""
    return [m.group(1) for m in re.finditer(_RADIO + r"[^>]*checked", html)]


def action_choices(html: str) -> list[str]:
    """Every "action" radio's value, in page order."""
    return re.findall(_RADIO, html)


def predict_outage(station: Any, device: Any) -> PredictedOutage:
    """The engine's prediction of ``device`` open, first seen 20 minutes ago, nobody recording it."""
    return PredictedOutage.objects.create(
        station=station,
        code=device.code,
        device=device,
        status=PredictedOutage.Status.PREDICTED,
        customers=12,
        confidence=0.8,
        first_sign_at=timezone.now() - dt.timedelta(minutes=20),
        explain={"calls": 2, "meter_off": 3},
    )


class UnderAnOutage(BaseTestCase):
    """The clerk takes a call from ``NUMBER``, below the fuse, whose fault outage was recorded
    with the power off since half an hour ago: the suggestion and the caller's panel as the
    intake page asks for them as the note is typed."""

    def setUp(self) -> None:
        super().setUp()
        self.login(self.clerk)
        self.outage = declared(self, self.fuse, began=30, now=timezone.now())
        # The "Then" choice of joining the call to the outage, chosen.
        self.joined = f'value="outage:{self.outage.pk}" data-testid="join-outage" checked'

    def suggested(self, text: str) -> str:
        """The category the page suggests for ``text``."""
        return self.client.post(
            reverse("servicedesk:suggest"), {"text": text, "caller_number": NUMBER}
        ).content.decode()

    def caller(self, text: str, **data: str) -> str:
        """The caller's panel with its "Then" choices, for ``text`` (and ``data``)."""
        return self.client.post(
            reverse("servicedesk:caller"), {"caller_number": NUMBER, "text": text, **data}
        ).content.decode()
