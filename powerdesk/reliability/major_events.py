"""Major event days (IEEE 1366): the station's threshold T_MED from the daily SAIDI of its
unplanned sustained interruptions over the five years before the year asked for, and the days of
that year above it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.engine.annual import HISTORY_YEARS
from powerdesk.engine.indices import SUSTAINED_AFTER, major_event_threshold
from powerdesk.outages.models import Outage
from powerdesk.reliability.db import SecondsBetween
from powerdesk.reliability.weights import last_day, served_by

__all__ = ["MajorEvents", "major_events"]


@dataclass(frozen=True)
class MajorEvents:
    threshold: float | None  # T_MED, minutes
    days: frozenset[dt.date]

    @property
    def sorted_days(self) -> list[dt.date]:
        return sorted(self.days)


def major_events(
    station: Station, year: int, *, now: dt.datetime | None = None, served: int | None = None
) -> MajorEvents:
    """T_MED from the five years before ``year`` and the days of ``year`` above it: one
    grouped query (daily customer-seconds of unplanned sustained outages). ``served``, the
    station's households, is counted unless the caller already has it (``GridWeights``)."""
    tz = timezone.get_current_timezone()
    if served is None:
        # The households served on the year's last day counted (``weights.served_by``).
        year_end = dt.datetime(year + 1, 1, 1, tzinfo=timezone.get_current_timezone())
        on = last_day(min(year_end, now or timezone.now()))
        served = Customer.objects.for_station(station).filter(served_by(on)).count()
    if not served:
        return MajorEvents(None, frozenset())
    now = now or timezone.now()
    start = dt.datetime(year - HISTORY_YEARS, 1, 1, tzinfo=tz)
    end = dt.datetime(year + 1, 1, 1, tzinfo=tz)
    seconds = SecondsBetween(Coalesce("restored_at", now), "starts_at")
    rows = (
        Outage.objects.for_station(station)
        .filter(
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.RESTORED,
            not_interruption_at__isnull=True,  # confirmed no interruption: none of a day's
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .annotate(seconds=seconds)
        .filter(seconds__gt=SUSTAINED_AFTER.total_seconds())
        .annotate(day=TruncDate("starts_at", tzinfo=tz))
        .values("day")
        .annotate(customer_seconds=Sum(F("customers") * F("seconds")))
        .values_list("day", "customer_seconds")
    )
    history: list[float] = []
    this_year: dict[dt.date, float] = {}
    for day, customer_seconds in rows:
        saidi = (customer_seconds or 0.0) / 60.0 / served
        if day.year == year:
            this_year[day] = saidi
        else:
            history.append(saidi)
    threshold = major_event_threshold(history)
    if threshold is None:
        return MajorEvents(None, frozenset())
    return MajorEvents(threshold, frozenset(d for d, v in this_year.items() if v > threshold))
