"""Satisfaction figures: callback scores and counter ratings, month by month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.servicedesk.models import Callback, CounterRating

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

SATISFIED = 4  # a score of 4 or 5 counts as satisfied


class RatingError(ValueError):
    pass


def counter_rate(
    *, station: Station, score: int, service: str, served_by: User | None
) -> CounterRating:
    if not 1 <= score <= 5:
        raise RatingError(_("The score must be 1 to 5."))
    if service not in CounterRating.Service.values:
        raise RatingError(_("Choose the service that was given."))
    return CounterRating.objects.create(
        station=station, at=timezone.now(), score=score, service=service, served_by=served_by
    )


@dataclass(frozen=True)
class Figures:
    count: int
    average: float | None
    satisfied: int

    @property
    def rate(self) -> float | None:
        return self.satisfied / self.count if self.count else None


@dataclass(frozen=True)
class MonthFigures:
    month: dt.date
    callbacks: Figures
    counter: Figures

    @property
    def combined(self) -> Figures:
        count = self.callbacks.count + self.counter.count
        if not count:
            return Figures(0, None, 0)
        total = (self.callbacks.average or 0) * self.callbacks.count + (
            self.counter.average or 0
        ) * self.counter.count
        return Figures(count, total / count, self.callbacks.satisfied + self.counter.satisfied)


def _by_month(rows) -> dict[dt.date, Figures]:  # type: ignore[no-untyped-def]
    return {
        timezone.localtime(r["month"]).date()
        if isinstance(r["month"], dt.datetime)
        else r["month"]: Figures(r["n"], r["avg"], r["ok"])
        for r in rows
    }


def monthly_satisfaction(station: Station, year: int) -> list[MonthFigures]:
    """Every month of the year so far with its callback and counter figures."""
    callbacks = _by_month(
        Callback.objects.filter(
            work_order__station=station, at__year=year, satisfaction__isnull=False
        )
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(
            n=Count("pk"),
            avg=Avg("satisfaction"),
            ok=Count("pk", filter=Q(satisfaction__gte=SATISFIED)),
        )
    )
    counter = _by_month(
        CounterRating.objects.filter(station=station, at__year=year)
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(n=Count("pk"), avg=Avg("score"), ok=Count("pk", filter=Q(score__gte=SATISFIED)))
    )
    today = timezone.localdate()
    last = 12 if year < today.year else today.month
    empty = Figures(0, None, 0)
    months = [dt.date(year, m, 1) for m in range(1, last + 1)]
    return [MonthFigures(m, callbacks.get(m, empty), counter.get(m, empty)) for m in months]


def total(months: list[MonthFigures]) -> MonthFigures:
    def add(items: list[Figures]) -> Figures:
        count = sum(f.count for f in items)
        if not count:
            return Figures(0, None, 0)
        average = sum((f.average or 0) * f.count for f in items) / count
        return Figures(count, average, sum(f.satisfied for f in items))

    return MonthFigures(
        months[0].month if months else timezone.localdate(),
        add([m.callbacks for m in months]),
        add([m.counter for m in months]),
    )
