"""An outage's history: one ``OutageEvent`` line per step, with who took it and when."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.outages.models import Outage, OutageEvent

if TYPE_CHECKING:
    from powerdesk.accounts.models import User


def outage_history_add(
    outage: Outage, user: User | None, what: str, note: str = "", *, at: dt.datetime | None = None
) -> OutageEvent:
    """A line of ``outage``'s history (``at``: when it happened, if told later)."""
    return OutageEvent.objects.create(
        outage=outage, at=at or timezone.now(), by=user, what=what, note=note[:300]
    )
