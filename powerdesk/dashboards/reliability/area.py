"""An area's reliability for the chief's pages — the station, a feeder or a village — its year
month by month against the year before, and both years to the same day (``area_reliability``).

Every figure comes from the reliability selector (``reliability.selectors``: grouped in the
database, weighed by the customers below each device); the periods compared and the customers
each is divided by are the monthly report's (``reliability.periods.year_comparison``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import QueryDict
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village
from powerdesk.engine.indices import Tally
from powerdesk.lib.forms import id_or_none
from powerdesk.network.models import Feeder
from powerdesk.reliability.major_events import MajorEvents, major_events
from powerdesk.reliability.periods import year_comparison
from powerdesk.reliability.selectors import (
    Variant,
    YearFigures,
    outages_on_record,
    reliability_by_area,
)
from powerdesk.reliability.weights import AreaKey, GridWeights


@dataclass(frozen=True)
class Area:
    """The station, one of its feeders or one of its villages."""

    key: AreaKey
    name: str

    @property
    def query(self) -> dict[str, int]:
        """The area in a page's query string (the station's pages name none)."""
        kind, pk = self.key
        return {kind: pk} if kind != "station" else {}


def area_from_params(station: Station, params: QueryDict) -> Area | None:
    """``?feeder=ID`` or ``?village=ID`` of this station, else the station; ``None`` for an id
    this station does not have (the page answers 404, as for any record of another station)."""
    feeder_id = id_or_none(params.get("feeder"))
    if params.get("feeder"):
        feeder = Feeder.objects.for_station(station).filter(pk=feeder_id or 0).first()
        return Area(("feeder", feeder.pk), feeder.name) if feeder else None
    village_id = id_or_none(params.get("village"))
    if params.get("village"):
        village = Village.objects.for_station(station).filter(pk=village_id or 0).first()
        return Area(("village", village.pk), village.name) if village else None
    return Area(("station", station.pk), station.name)


@dataclass
class AreaReliability:
    area: Area
    year: int
    this: YearFigures | None
    last: YearFigures | None  # the whole of the year before
    last_to_date: YearFigures | None  # the year before, to the same day
    this_so_far: dict[Variant, Tally]
    last_so_far: dict[Variant, Tally]  # the year before, to the same day
    med: MajorEvents
    weights: GridWeights
    # Any outage of the station on record: with none, no figure is known ("—", never a
    # perfect year; ``outages_on_record``).
    known: bool = True


def area_reliability(
    station: Station,
    area: Area,
    year: int,
    *,
    now: dt.datetime | None = None,
    known: bool | None = None,
) -> AreaReliability:
    """The area's months of ``year`` and of the year before, and both years to the same day.
    ``known``: whether the station has outages on record, when it was asked already for several
    stations at once (``stations_on_record``); asked here otherwise."""
    now = now or timezone.now()
    kind, pk = area.key
    # Each period divided by the customers it served, connected by its last day, as the
    # monthly report counts them (``year_comparison``: walkthrough 31, finding 9; review 33,
    # finding 4).
    compared = year_comparison(
        station, year, until=now, village_id=pk if kind == "village" else None
    )
    weights = compared.this
    med = major_events(station, year, now=now, served=compared.served(weights, station))
    med_last = major_events(
        station, year - 1, now=now, served=compared.served(compared.last_whole, station)
    )

    def figures(
        y: int, events: MajorEvents, until: dt.datetime, counted: GridWeights
    ) -> YearFigures | None:
        return reliability_by_area(
            station, y, weights=counted, med=events, areas=[area.key], now=until
        ).get(area.key)

    this = figures(year, med, now, weights)
    last = figures(year - 1, med_last, now, compared.last_whole)
    last_so_far = (
        last
        if compared.last_is_whole
        else figures(year - 1, med_last, compared.last_until, compared.last_to_date)
    )
    return AreaReliability(
        area=area,
        year=year,
        this=this,
        last=last,
        last_to_date=last_so_far,
        this_so_far=_years(this),
        last_so_far=_years(last_so_far),
        med=med,
        weights=weights,
        known=outages_on_record(station) if known is None else known,
    )


def _years(figures: YearFigures | None) -> dict[Variant, Tally]:
    if figures is None:
        empty = Tally(customers_served=0, period_minutes=0.0)
        return dict.fromkeys(Variant, empty)
    return {variant: figures.year(variant) for variant in Variant}
