"""A year's reliability against last year's: the periods compared and the customers each is
divided by, for every page that compares them — the monthly report (``reports.monthly_reliability``)
and the reliability page (``dashboards.reliability``) — so that the same period gives the same
customers and the same indices on both (review 33, finding 4: the report divided last year's
months by the customers of a year ago today, the page by those of last year's 31 December; and
the page took "a year ago" of the moment in UTC, the report in the station's time).

Each period is divided by the customers it served, those connected by its last day
(``Customer.connected_on``, ``weights.served_by``): this year to ``until``, by ``until``'s day;
last year to the same day and time, by that day a year before; the whole of last year (its
months, its major event days), by its 31 December.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.reliability.weights import Basis, GridWeights, grid_weights_on, last_day

__all__ = ["YearComparison", "year_before", "year_comparison"]


def year_before(moment: dt.datetime) -> dt.datetime:
    """The same day and time of the year before, in the station's time: December's end (1
    January of the next year) gives 1 January of the year — all of last year (walkthrough 31,
    finding 8); 29 February gives 28 February.

    >>> from zoneinfo import ZoneInfo
    >>> year_before(dt.datetime(2028, 2, 29, 3, tzinfo=ZoneInfo("Asia/Shanghai"))).isoformat()
    '2027-02-28T03:00:00+08:00'
    """
    local = timezone.localtime(moment, timezone.get_current_timezone())
    try:
        return local.replace(year=local.year - 1)
    except ValueError:  # 29 February
        return local.replace(year=local.year - 1, day=28)


@dataclass(frozen=True)
class YearComparison:
    """``year`` to ``until`` against last year, and the customers each period served."""

    year: int
    until: dt.datetime  # this year's figures run to it: the period's end, or now
    last_until: dt.datetime  # last year's, to the same day and time
    this: GridWeights  # the customers served by ``until``'s last day
    last_to_date: GridWeights  # by ``last_until``'s last day
    last_whole: GridWeights  # by last year's 31 December

    @property
    def last_is_whole(self) -> bool:
        """Whether last year to the same day is the whole of it (``year`` is over)."""
        return self.last_until >= _year_start(self.year)

    def served(self, weights: GridWeights, station: Station) -> int:
        """The station's households ``weights`` counts."""
        return weights.served[Basis.HOUSEHOLDS][("station", station.pk)]


def _year_start(year: int) -> dt.datetime:
    return dt.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())


def year_comparison(
    station: Station, year: int, *, until: dt.datetime, village_id: int | None = None
) -> YearComparison:
    """``year`` to ``until`` (at most its end) against last year, with the customers each
    period served (one reading of the grid and the customers for the three).
    ``village_id``: only that village's areas are weighed (``grid_weights``)."""
    start = _year_start(year)
    until = min(until, _year_start(year + 1))
    last_until = year_before(until)
    this, last_to_date, last_whole = grid_weights_on(
        station,
        [last_day(until), last_day(last_until), last_day(min(start, until))],
        village_id=village_id,
    )
    return YearComparison(
        year=year,
        until=until,
        last_until=last_until,
        this=this,
        last_to_date=last_to_date,
        last_whole=last_whole,
    )
