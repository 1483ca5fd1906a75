"""What the intake tests read off the page ("Then" choices), the number 普光荣 calls from, and a
prediction to call under."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

from powerdesk.outages.models import PredictedOutage

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
