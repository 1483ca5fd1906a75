"""A time as people are told it: its time alone when it is today, with its month and day when
it is not ("about 02:25" read at 23:00 means the night to come; the next day's is "about 12-02
02:25"). One rule for the crew's card and the texts households get.

>>> import datetime as dt
>>> from django.utils import timezone
>>> now = timezone.make_aware(dt.datetime(2026, 6, 20, 23, 10))
>>> day_and_time(now + dt.timedelta(minutes=30), now=now)
'23:40'
>>> day_and_time(now + dt.timedelta(hours=3), now=now)
'06-21 02:10'
>>> beside(now + dt.timedelta(hours=3), now + dt.timedelta(minutes=30))
'06-21 02:10'
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

__all__ = ["beside", "day_and_time"]


def day_and_time(at: dt.datetime, *, now: dt.datetime | None = None) -> str:
    """``at`` as its time when it is today (local time), else with its month and day too."""
    local = timezone.localtime(at)
    today = timezone.localdate(now) if now is not None else timezone.localdate()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%m-%d %H:%M}"


def beside(when: dt.datetime, at: dt.datetime) -> str:
    """``when`` (a bound of an interval) as shown after ``at``: its time, and its day too when
    that is not ``at``'s (an interval over midnight would read backwards)."""
    local, day = timezone.localtime(when), timezone.localtime(at).date()
    return f"{local:%H:%M}" if local.date() == day else f"{local:%m-%d %H:%M}"
