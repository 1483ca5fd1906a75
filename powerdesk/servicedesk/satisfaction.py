"""Satisfaction figures: callback scores and counter ratings, month by month (the ratings are
taken at the counter's kiosk: ``counter_kiosk``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from powerdesk.lib.params import month_of
from powerdesk.lib.shares import percent_text
from powerdesk.servicedesk.models import Callback, CounterRating

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from powerdesk.accounts.models import Station

SATISFIED = 4  # a score of 4 or 5 counts as satisfied


@dataclass(frozen=True)
class Figures:
    """Scores of one kind (callbacks or counter ratings): how many, their sum, how many 4 or 5."""

    count: int
    total: int  # sum of the scores, so that a spreadsheet can average them
    satisfied: int

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.count + other.count, self.total + other.total, self.satisfied + other.satisfied
        )

    @property
    def average(self) -> float | None:
        return self.total / self.count if self.count else None

    @property
    def rate(self) -> float | None:
        return self.satisfied / self.count if self.count else None

    @property
    def rate_text(self) -> str:
        """The share satisfied as every page writes it (``percent_text``: one decimal)."""
        return percent_text(self.rate)


NONE = Figures(0, 0, 0)


@dataclass(frozen=True)
class MonthFigures:
    """Callback scores and counter ratings of a stretch (a month, or any span).

    **Satisfaction**, wherever the station's figures show it (the chief's home, the home's
    panel, the county's side-by-side view, the monthly report), is ``rate``: the share of
    scores of 4 or 5 among callback scores and counter ratings together. It is defined here
    only; the pages ask ``satisfaction_between``.
    """

    month: dt.date
    callbacks: Figures
    counter: Figures

    @property
    def combined(self) -> Figures:
        return Figures(
            self.callbacks.count + self.counter.count,
            self.callbacks.total + self.counter.total,
            self.callbacks.satisfied + self.counter.satisfied,
        )

    @property
    def rate(self) -> float | None:
        return self.combined.rate


def satisfaction_between(station: Station, start: dt.datetime, end: dt.datetime) -> MonthFigures:
    """The callback scores and counter ratings made from ``start`` to ``end`` (two queries)."""
    return satisfaction_over(station, [(start, end)])[0]


def satisfaction_over(
    station: Station, spans: list[tuple[dt.datetime, dt.datetime]]
) -> list[MonthFigures]:
    """``satisfaction_between`` for each span, in the same two queries."""
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)

    def per_span(field: str) -> dict[str, Any]:
        return {
            f"{key}{i}": aggregate
            for i, (start, end) in enumerate(spans)
            for key, aggregate in _scores(field, Q(at__gte=start, at__lt=end)).items()
        }

    callbacks = (
        _order_scored(station)
        .filter(at__gte=first, at__lt=last)
        .aggregate(**per_span("satisfaction"))
    )
    after_outages = (
        _outage_scored(station)
        .filter(done_at__gte=first, done_at__lt=last)
        .aggregate(
            **{
                f"{key}{i}": aggregate
                for i, (start, end) in enumerate(spans)
                for key, aggregate in _scores(
                    "satisfaction", Q(done_at__gte=start, done_at__lt=end)
                ).items()
            }
        )
    )
    counter = (
        CounterRating.objects.for_station(station)
        .filter(at__gte=first, at__lt=last)
        .aggregate(**per_span("score"))
    )
    return [
        MonthFigures(
            timezone.localtime(start).date(),
            _figures(callbacks, str(i)) + _figures(after_outages, str(i)),
            _figures(counter, str(i)),
        )
        for i, (start, _end) in enumerate(spans)
    ]


def _order_scored(station: Station) -> QuerySet[Any]:
    """Work orders' callbacks with a score, but those recorded by a call made on an outage's
    list (``OutageCallback.order_settled``): that one call's score is counted there, once
    (review68 M3)."""
    return Callback.objects.filter(
        work_order__station=station, satisfaction__isnull=False, settled_on_list__isnull=True
    )


def _outage_scored(station: Station) -> QuerySet[Any]:
    """The households called back after an outage who gave a score (``OutageCallback``: the
    same 1-5 as a work order's callback, counted with them from when it was made), but those
    settled by a call on their own order (``settled_by_order``: counted there, once)."""
    from powerdesk.outages.models import OutageCallback  # outages reads servicedesk

    return OutageCallback.objects.filter(
        outage__station=station,
        done_at__isnull=False,
        satisfaction__isnull=False,
        settled_by_order__isnull=True,
    )


def _scores(field: str, within: Q | None = None) -> dict[str, Any]:
    satisfied = Q(**{f"{field}__gte": SATISFIED})
    return {
        "n": Count("pk", filter=within),
        "total": Sum(field, filter=within),
        "ok": Count("pk", filter=satisfied if within is None else within & satisfied),
    }


def _figures(row: dict[str, Any], suffix: str = "") -> Figures:
    return Figures(row[f"n{suffix}"], row[f"total{suffix}"] or 0, row[f"ok{suffix}"])


def _by_month(rows, year: int) -> dict[dt.date, Figures]:  # type: ignore[no-untyped-def]
    """Figures by the first day of each month of ``year``: ``rows`` grouped by ``month_of``."""
    return {dt.date(year, r["month"], 1): _figures(r) for r in rows}


def monthly_satisfaction(station: Station, year: int) -> list[MonthFigures]:
    """Every month of the year so far with its callback and counter figures."""
    callbacks = _by_month(
        _order_scored(station)
        .filter(at__year=year)
        .annotate(month=month_of("at", year))
        .values("month")
        .annotate(**_scores("satisfaction")),
        year,
    )
    after_outages = _by_month(
        _outage_scored(station)
        .filter(done_at__year=year)
        .annotate(month=month_of("done_at", year))
        .values("month")
        .annotate(**_scores("satisfaction")),
        year,
    )
    counter = _by_month(
        CounterRating.objects.for_station(station)
        .filter(at__year=year)
        .annotate(month=month_of("at", year))
        .values("month")
        .annotate(**_scores("score")),
        year,
    )
    today = timezone.localdate()
    last = 12 if year < today.year else today.month
    months = [dt.date(year, m, 1) for m in range(1, last + 1)]
    return [
        MonthFigures(m, callbacks.get(m, NONE) + after_outages.get(m, NONE), counter.get(m, NONE))
        for m in months
    ]


def total(months: list[MonthFigures]) -> MonthFigures:
    def add(items: list[Figures]) -> Figures:
        return Figures(
            sum(f.count for f in items),
            sum(f.total for f in items),
            sum(f.satisfied for f in items),
        )

    return MonthFigures(
        months[0].month if months else timezone.localdate(),
        add([m.callbacks for m in months]),
        add([m.counter for m in months]),
    )
