"""The history lines of a crew that found nothing wrong (``crew_nothing_found``): an order's own
job closed with no fault found, an outage's crew finding the power already on at arrival (and
the office confirming it was no interruption), a place of a patrol walked with nothing found;
by code, part of the messages ``history_notes`` draws (beside ``history_messages.NOTES``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

__all__ = ["NOTHING_FOUND_NOTES"]

NOTHING_FOUND_NOTES: dict[str, Any] = {
    "nothing_found": _("No fault found: the power was on at arrival, no device found. %(words)s"),
    "power_found_on": _(
        "The crew found the power already on at arrival (%(time)s): power back counted from "
        "then; no fault found. Counted as an interruption until the dispatcher or the chief "
        "confirms it was none. %(words)s"
    ),
    "not_interruption": _(
        "Confirmed no interruption: the crew found the power on at arrival; the reliability "
        "figures leave this outage out."
    ),
    "interruption_again": _(
        "Confirmation of no interruption undone: the reliability figures count this outage again."
    ),
    "nothing_here": _("Patrolled %(place)s: nothing found there. %(words)s"),
}
