"""When households are told power should be back: the staff's time when they set one, else the
model's estimate (``outages.etr``), said as "about HH:MM" and with its 80 % interval when that
is narrow enough to help. One rule for the texts, the answers to texts and the public page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

if TYPE_CHECKING:
    from powerdesk.outages.etr import Etr
    from powerdesk.outages.models import Outage

__all__ = ["NARROW", "Restoration", "restoration_facts", "restoration_of"]

# An interval wider than this tells a villager nothing they can plan by: only "about" is said.
NARROW = dt.timedelta(hours=2)


@dataclass(frozen=True)
class Restoration:
    at: dt.datetime
    about: bool  # the model's estimate, not a time staff set
    low: dt.datetime | None = None  # the model's interval, when narrow enough
    high: dt.datetime | None = None


def restoration_of(
    outage: Outage, *, etr: Etr | None = None, now: dt.datetime | None = None
) -> Restoration | None:
    """What to tell of ``outage``'s restoration, or None when nothing can be said.

    ``etr``: the model's estimate when the caller has it already (the board's rows)."""
    if outage.expected_restore_at is not None:
        return Restoration(outage.expected_restore_at, about=False)
    if outage.kind != outage.Kind.UNPLANNED or outage.status != outage.Status.ACTIVE:
        return None
    if etr is None:
        from powerdesk.outages.etr import etr_for

        etr = etr_for(outage, now=now)
    if etr.at <= (now or timezone.now()):
        return None  # past the model's time: better nothing than a time already gone
    if etr.high - etr.low <= NARROW:
        return Restoration(etr.at, about=True, low=etr.low, high=etr.high)
    return Restoration(etr.at, about=True)


def restoration_facts(outage: Outage, *, etr: Etr | None = None) -> dict[str, Any]:
    """A notice's facts of the restoration (times in ISO): ``etr``, ``etr_about``,
    ``etr_low`` and ``etr_high`` (``etr``: the model's estimate, when the caller has it)."""
    told = restoration_of(outage, etr=etr)
    if told is None:
        return {"etr": "", "etr_about": False, "etr_low": "", "etr_high": ""}
    return {
        "etr": told.at.isoformat(),
        "etr_about": told.about,
        "etr_low": told.low.isoformat() if told.low else "",
        "etr_high": told.high.isoformat() if told.high else "",
    }
