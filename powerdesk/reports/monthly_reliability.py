"""The reliability part of the monthly report: the station and each feeder, the month, the year to
its end and the same months of last year, from ``reliability.selectors`` (summed in the database).

A month is counted to its end, or to now while it runs; last year's figures stop at the same day
and time of last year, so the two years compare like with like.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from powerdesk.accounts.models import Station
from powerdesk.engine.indices import Tally
from powerdesk.network.models import Feeder
from powerdesk.reliability.major_events import MajorEvents, major_events
from powerdesk.reliability.periods import year_before, year_comparison
from powerdesk.reliability.selectors import (
    Variant,
    YearFigures,
    outages_on_record,
    reliability_by_area,
)
from powerdesk.reliability.weights import AreaKey

__all__ = ["AreaRow", "ReliabilityPart", "reliability_part"]


@dataclass(frozen=True)
class AreaRow:
    name: str
    kind: str  # "station" or "feeder"
    month: Tally
    year: Tally  # 1 January to the month's end
    last_year: Tally  # the same months of last year
    year_excluding_med: Tally
    # Any outage of the station on record: with none, its reliability is not known.
    known: bool = True

    @property
    def shown(self) -> dict[str, dict[str, float | None]]:
        """SAIDI, SAIFI and RS-1 of each period as the report writes them: None ("—", an
        empty cell in the workbook) for a period with no customers or a station with no outage
        on record, never SAIDI 0.0 and RS-1 100.0000 (walkthrough 28, finding 11)."""
        periods = {
            "month": self.month,
            "year": self.year,
            "last_year": self.last_year,
            "year_excluding_med": self.year_excluding_med,
        }
        return {
            name: {
                index: (
                    float(getattr(tally, index)) if self.known and tally.customers_served else None
                )
                for index in ("saidi", "saifi", "rs1")
            }
            for name, tally in periods.items()
        }


@dataclass(frozen=True)
class ReliabilityPart:
    rows: tuple[AreaRow, ...]  # the station first, then its feeders by code
    med: MajorEvents  # this year's, days up to the month's end
    med_days: tuple[dt.date, ...]
    # The station's SAIDI (minutes) of each month of the year so far, and of last year's months.
    # None: not known (no outage of the station on record).
    saidi_by_month: tuple[tuple[int, float | None, float | None], ...]


def reliability_part(
    station: Station, year: int, month: int, *, until: dt.datetime
) -> ReliabilityPart:
    """``until``: the month's end, or now while the month runs."""
    station_key: AreaKey = ("station", station.pk)
    names: list[tuple[AreaKey, str, str]] = [(station_key, station.name, "station")]
    names += [
        (("feeder", pk), name, "feeder")
        for pk, name in Feeder.objects.for_station(station)
        .order_by("code", "pk")
        .values_list("pk", "name")
    ]
    # The station and its feeders only (not every village: the report does not show them), and
    # last year's major event days once for both of last year's figures.
    areas = [key for key, _name, _kind in names]
    # Each period divided by the customers it served (connected by its last day): a month
    # already reported keeps its figures when customers are imported later (walkthrough 31,
    # finding 9); the periods and their customers are the reliability page's
    # (``year_comparison``: review 33, finding 4).
    compared = year_comparison(station, year, until=until)
    last_until = compared.last_until
    weights, last_weights = compared.this, compared.last_to_date
    med = major_events(station, year, now=until, served=compared.served(weights, station))
    med_last = major_events(station, year - 1, served=compared.served(compared.last_whole, station))
    this = reliability_by_area(station, year, weights=weights, med=med, areas=areas, now=until)
    before = reliability_by_area(
        station, year - 1, weights=last_weights, med=med_last, areas=areas, now=last_until
    )
    last_full = reliability_by_area(
        station, year - 1, weights=compared.last_whole, med=med_last, areas=areas
    )
    known = outages_on_record(station)
    rows = []
    for key, name, kind in names:
        if key not in this:
            continue
        figures = this[key]
        rows.append(
            AreaRow(
                name=name,
                kind=kind,
                month=_month_tally(figures, month),
                year=_to_month(figures, month, Variant.ALL),
                last_year=_to_month(before.get(key), month, Variant.ALL),
                year_excluding_med=_to_month(figures, month, Variant.EXCLUDING_MED),
                known=known,
            )
        )
    station_this = this.get(station_key)
    station_last = last_full.get(station_key)
    by_month = tuple(
        (
            m,
            _month_tally(station_this, m).saidi if known else None,
            _month_tally(station_last, m).saidi if station_last and known else None,
        )
        for m in range(1, month + 1)
    )
    days = tuple(sorted(d for d in med.days if (d.year, d.month) <= (year, month)))
    return ReliabilityPart(rows=tuple(rows), med=med, med_days=days, saidi_by_month=by_month)


def a_year_before(until: dt.datetime) -> dt.datetime:
    """The same day and time of the year before ``until``'s own (``periods.year_before``)."""
    return year_before(until)


_EMPTY = Tally(customers_served=0, period_minutes=0.0)


def _month_tally(figures: YearFigures | None, month: int) -> Tally:
    if figures is None or month not in figures.months:
        return _EMPTY
    return figures.months[month][Variant.ALL]


def _to_month(figures: YearFigures | None, month: int, variant: Variant) -> Tally:
    if figures is None:
        return _EMPTY
    tallies = [m[variant] for n, m in sorted(figures.months.items()) if n <= month]
    if not tallies:
        return _EMPTY
    total = tallies[0]
    for t in tallies[1:]:
        total = total + t
    return total
