"""When an outage's times may be: a fault's start (never ahead of now), and when power may be
said to be expected back, one rule for every form that takes it (split from ``services``;
review46, 15)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from powerdesk.lib.forms import Bounds

__all__ = [
    "CLOCK_SKEW",
    "LONGEST_ESTIMATE",
    "PLANNED_LATEST",
    "fault_start_problem",
    "restore_bounds",
]

# How far a time typed as "now" may be off the server's clock (a phone or a PC a few minutes
# fast or slow, the minute the form was filled in).
CLOCK_SKEW = dt.timedelta(minutes=5)


def fault_start_problem(starts_at: dt.datetime, now: dt.datetime) -> str:
    """Why a fault outage cannot start at ``starts_at`` ("" if it can). A fault has already
    happened: one "starting tomorrow" would be announced with nobody texted, a way round the
    planned outage's notice (``outage_declare``); work to come is a planned outage."""
    if starts_at <= now + CLOCK_SKEW:
        return ""
    return _(
        "A fault outage has already begun: its start cannot be later than now. For work "
        "still to come, record a planned outage (announced to the villages in advance)."
    )


# An estimate further ahead than this is a typing slip (a wrong day), not an estimate.
LONGEST_ESTIMATE = dt.timedelta(days=7)
# A planned outage is announced within the coming year (its end too).
PLANNED_LATEST = dt.timedelta(days=366)


def restore_bounds(
    *, starts_at: dt.datetime | None, now: dt.datetime, planned: bool = False
) -> Bounds:
    """When power may be said to be expected back, one rule for every form that takes it (the
    outage recorded, the board's estimate, the crew's): after the outage starts, and for a fault
    not before now (the households are texted it: a time already past promises what is
    already broken) and at most ``LONGEST_ESTIMATE`` ahead; planned work ends within the coming
    year. The refusal says the range; the page's input has it as its min and max."""
    start = starts_at or now
    if planned:
        return Bounds(
            label=_("Power expected back"),
            earliest=start,
            latest=now + PLANNED_LATEST,
            rule=_("after the outage starts, within the coming year"),
            after=start,
        )
    return Bounds(
        label=_("Power expected back"),
        earliest=max(start, now),
        latest=now + LONGEST_ESTIMATE,
        rule=_("after the outage starts, not before now, at most %(days)d days ahead")
        % {"days": LONGEST_ESTIMATE.days},
        slack=CLOCK_SKEW,
        after=start,
    )
