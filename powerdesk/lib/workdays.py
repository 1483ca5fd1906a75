"""Working days by the official Chinese holiday calendar, adjusted working days (调休) included.

The calendar comes from the ``chinese-calendar`` package, which knows each year once the State
Council has published it. For a year it does not know yet, weekends and the fixed-date
holidays (元旦, 劳动节, 国庆节) are used, and lunar holidays are missed until the package is
updated.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zoneinfo
from functools import lru_cache

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import chinese_calendar

__all__ = ["add_working_days", "is_working_day"]

_FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 2), (5, 3), (10, 1), (10, 2), (10, 3)}
STATION_TIME = zoneinfo.ZoneInfo("Asia/Shanghai")


@lru_cache(maxsize=4096)
def is_working_day(day: dt.date) -> bool:
    """Whether people work on ``day`` (a weekend 调休 day counts as working)."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5 and (day.month, day.day) not in _FIXED_HOLIDAYS


def add_working_days(start: dt.datetime, days: int, tz: dt.tzinfo = STATION_TIME) -> dt.datetime:
    """The end of the ``days``-th working day after the day of ``start`` (that day not counted).

    Days are counted and ended in the station's time ``tz``, whatever zone ``start`` is given
    in: a complaint at 07:00 Beijing time is on that Beijing day, although it is the evening
    before in UTC.

    >>> import zoneinfo
    >>> tz = zoneinfo.ZoneInfo("Asia/Shanghai")
    >>> add_working_days(dt.datetime(2026, 9, 30, 10, tzinfo=tz), 1)  # National Day week
    datetime.datetime(2026, 10, 8, 23, 59, 59, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    >>> add_working_days(dt.datetime(2026, 11, 26, 23, 0, tzinfo=dt.UTC), 1)  # Fri 07:00 Beijing
    datetime.datetime(2026, 11, 30, 23, 59, 59, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    """
    if start.tzinfo is None:
        raise ValueError("add_working_days needs a datetime with its time zone")
    day = start.astimezone(tz).date()
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=tz)
