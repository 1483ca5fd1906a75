"""A year's reliability as auditors ask for it: IEEE 1366 indices with and without planned
interruptions and major event days, T_MED from the five years before, and DL/T 836's RS-1 and
AIHC-1 (the ``powerdesk reliability`` command prints this)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from powerdesk.engine.indices import (
    Tally,
    daily_saidi,
    major_event_days,
    major_event_threshold,
    tally,
)
from powerdesk.engine.reliability import Interruption

__all__ = ["HISTORY_YEARS", "annual_report"]

HISTORY_YEARS = 5  # IEEE 1366 §4.5: T_MED from five years of daily SAIDI
DECIMALS = 4


def annual_report(
    interruptions: Sequence[Interruption], *, customers_served: int, year: int, tz: dt.tzinfo
) -> dict[str, Any]:
    """The figures of ``year`` (days and years in ``tz``) as a JSON-ready dict.

    ``all`` counts every interruption that began in the year; ``unplanned`` leaves out planned
    ones; ``excluding_med`` leaves out the unplanned ones that began on a major event day.
    SAIDI, CAIDI and T_MED in minutes, ASAI and RS-1 in percent, AIHC-1 in hours.

    >>> t0 = dt.datetime(2026, 5, 4, 10, tzinfo=dt.UTC)
    >>> report = annual_report([
    ...     Interruption(t0, t0 + dt.timedelta(hours=3), 100),
    ...     Interruption(t0 + dt.timedelta(days=9), t0 + dt.timedelta(days=9, hours=1), 100,
    ...                  planned=True),
    ... ], customers_served=1000, year=2026, tz=dt.UTC)
    >>> report["all"]["saidi"], report["unplanned"]["saidi"], report["med_days"]
    (24.0, 18.0, [])
    >>> report["t_med_minutes"] is None  # no history before 2026 to set T_MED from
    True
    """
    start = dt.datetime(year, 1, 1, tzinfo=tz)
    end = dt.datetime(year + 1, 1, 1, tzinfo=tz)
    history_start = dt.datetime(year - HISTORY_YEARS, 1, 1, tzinfo=tz)
    history = daily_saidi(
        [i for i in interruptions if history_start <= i.start < start],
        customers_served=customers_served,
        tz=tz,
    )
    threshold = major_event_threshold(history.values())
    this_year = [i for i in interruptions if start <= i.start < end]
    days = set(
        major_event_days(
            daily_saidi(this_year, customers_served=customers_served, tz=tz), threshold
        )
    )

    def figures(items: list[Interruption]) -> Tally:
        return tally(items, customers_served=customers_served, period_start=start, period_end=end)

    every = figures(this_year)
    return {
        "year": year,
        "customers_served": customers_served,
        "t_med_minutes": None if threshold is None else round(threshold, DECIMALS),
        "med_days": [d.isoformat() for d in sorted(days)],
        "all": _ieee(every),
        "unplanned": _ieee(figures([i for i in this_year if not i.planned])),
        "excluding_med": _ieee(
            figures(
                [i for i in this_year if i.planned or i.start.astimezone(tz).date() not in days]
            )
        ),
        "rs1": round(every.rs1, DECIMALS),
        "aihc1": round(every.aihc1, DECIMALS),
        "aitc1": round(every.aitc1, DECIMALS),
    }


def _ieee(t: Tally) -> dict[str, float]:
    return {
        "saifi": round(t.saifi, DECIMALS),
        "saidi": round(t.saidi, DECIMALS),
        "caidi": round(t.caidi, DECIMALS),
        "asai": round(t.asai * 100.0, DECIMALS),
        "maifi_e": round(t.maifi_e, DECIMALS),
    }
