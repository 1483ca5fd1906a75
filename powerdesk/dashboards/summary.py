"""The figures of the chief's home and of a county's stations side by side: the month and the
year so far, each against the same days of last year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Station
from powerdesk.dashboards import service
from powerdesk.dashboards.reliability import Area, AreaReliability, area_reliability
from powerdesk.lib.shares import RS1_DECIMALS, minutes_text, percent_text
from powerdesk.reliability.periods import year_before
from powerdesk.reliability.selectors import Variant, YearFigures
from powerdesk.servicedesk.models import HardProblem, WorkOrder
from powerdesk.servicedesk.satisfaction import satisfaction_between, satisfaction_over


@dataclass(frozen=True)
class Periods:
    """This month and this year to now, and the same stretches of last year."""

    now: dt.datetime
    month: tuple[dt.datetime, dt.datetime]
    month_last_year: tuple[dt.datetime, dt.datetime]
    year: tuple[dt.datetime, dt.datetime]
    year_last_year: tuple[dt.datetime, dt.datetime]


def periods(now: dt.datetime | None = None) -> Periods:
    now = timezone.localtime(now or timezone.now())
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    year_start = month_start.replace(month=1)
    before = year_before(now)
    return Periods(
        now=now,
        month=(month_start, now),
        month_last_year=(year_before(month_start), before),
        year=(year_start, now),
        year_last_year=(year_before(year_start), before),
    )


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[str, str, str, str]  # month, month last year, year so far, year last year
    link: str
    better: tuple[str, str]  # "better" / "worse" / "" for the month and the year


def _pct(share: float | None) -> str:
    return percent_text(share)


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _compare(this: float | None, last: float | None, *, lower_is_better: bool) -> str:
    if this is None or last is None or this == last:
        return ""
    return "better" if (this < last) == lower_is_better else "worse"


def satisfaction(station: Station, start: dt.datetime, end: dt.datetime) -> float | None:
    """The station's satisfaction (its one definition: ``satisfaction_between``)."""
    return satisfaction_between(station, start, end).rate


def _month_tally(figures: YearFigures | None, month: int, index: str) -> float | None:
    if figures is None or month not in figures.months:
        return None
    return float(getattr(figures.months[month][Variant.ALL], index))


def _month_end(start: dt.datetime) -> dt.datetime:
    """The first moment of the month after the one ``start`` opens."""
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )


def _promise_spans(when: Periods) -> list[tuple[dt.datetime, dt.datetime]]:
    """The promises' stretches, as the monthly report counts them (walkthrough 31, finding 6):
    those due in the month, and in the year to the month's end, kept or broken so far, a
    promise kept before its time included; not only those due by now."""
    this_end = _month_end(when.month[0])
    last_end = _month_end(when.month_last_year[0])
    return [
        (when.month[0], this_end),
        (when.month_last_year[0], last_end),
        (when.year[0], this_end),
        (when.year_last_year[0], last_end),
    ]


def chief_rows(station: Station, when: Periods, figures: AreaReliability) -> list[Row]:
    """The chief's figures: reliability, deadlines met, promises kept, satisfaction,
    complaints and hard problems, this month and this year against last year."""
    month = when.now.month
    stretches = (when.month, when.month_last_year, when.year, when.year_last_year)
    rows: list[Row] = []

    def add(label: str, values: list[float | None], text, link: str, lower: bool) -> None:  # type: ignore[no-untyped-def]
        rows.append(
            Row(
                label,
                (text(values[0]), text(values[1]), text(values[2]), text(values[3])),
                link,
                (
                    _compare(values[0], values[1], lower_is_better=lower),
                    _compare(values[2], values[3], lower_is_better=lower),
                ),
            )
        )

    reliability = reverse("dashboards:reliability")
    this_year = figures.this_so_far[Variant.ALL]
    last_year = figures.last_so_far[Variant.ALL]
    known = figures.known
    for label, index, digits in (
        (_("SAIDI (minutes)"), "saidi", 1),
        (_("RS-1 (%)"), "rs1", RS1_DECIMALS),
    ):
        values = [
            _month_tally(figures.this, month, index),
            _month_tally(figures.last_to_date, month, index),
            float(getattr(this_year, index)) if this_year.customers_served else None,
            float(getattr(last_year, index)) if last_year.customers_served else None,
        ]
        add(
            label,
            values if known else [None] * len(values),
            minutes_text if index == "saidi" else (lambda v, d=digits: _num(v, d)),
            reliability,
            index == "saidi",
        )
    figures_page = reverse("dashboards:service")
    spans = list(stretches)
    add(
        _("Orders received: deadlines met"),
        [d.rate for d in service.deadlines_over(station, spans)],
        _pct,
        figures_page,
        False,
    )
    add(
        _("Promises kept"),
        [p.rate for p in service.promises_kept_over(station, _promise_spans(when))],
        _pct,
        figures_page,
        False,
    )
    add(
        _("Satisfied (a score of 4 or 5)"),
        [s.rate for s in satisfaction_over(station, spans)],
        _pct,
        reverse("servicedesk:satisfaction"),
        False,
    )
    add(
        _("Complaints"),
        [float(n) for n in service.complaints_over(station, spans)],
        lambda v: _num(v, 0),
        reverse("dashboards:calls"),
        True,
    )
    opened = (
        HardProblem.objects.for_station(station)
        .filter(opened_at__gte=min(s[0] for s in spans), opened_at__lt=max(s[1] for s in spans))
        .aggregate(
            **{
                f"n{i}": Count("pk", filter=Q(opened_at__gte=s[0], opened_at__lt=s[1]))
                for i, s in enumerate(spans)
            }
        )
    )
    add(
        _("Hard problems opened"),
        [float(opened[f"n{i}"]) for i in range(len(spans))],
        lambda v: _num(v, 0),
        reverse("servicedesk:hard_problems"),
        True,
    )
    return rows


@dataclass(frozen=True)
class StationFigures:
    station: Station
    saidi: float | None
    rs1: float | None
    deadlines_met: float | None
    satisfaction: float | None
    complaints: int
    open_orders: int
    overdue: int
    open_problems: int

    @property
    def deadlines_met_text(self) -> str:
        return percent_text(self.deadlines_met)

    @property
    def satisfaction_text(self) -> str:
        return percent_text(self.satisfaction)


def station_figures(
    station: Station, when: Periods, on_record: set[int] | None = None
) -> StationFigures:
    """One station's key figures for a county's side-by-side view (the year so far).
    ``on_record``: the stations shown that have outages recorded (``stations_on_record``),
    reckoned once for all of them."""
    figures = area_reliability(
        station,
        Area(("station", station.pk), station.name),
        when.now.year,
        now=when.now,
        known=None if on_record is None else station.pk in on_record,
    )
    year = figures.this_so_far[Variant.ALL]
    orders = WorkOrder.objects.for_station(station)
    known = bool(year.customers_served) and figures.known
    return StationFigures(
        station=station,
        saidi=year.saidi if known else None,
        rs1=year.rs1 if known else None,
        deadlines_met=service.deadlines(station, *when.year).rate,
        satisfaction=satisfaction(station, *when.year),
        complaints=service.complaints(station, *when.year),
        open_orders=orders.open().count(),
        overdue=orders.overdue(when.now).count(),
        open_problems=HardProblem.objects.for_station(station)
        .filter(state=HardProblem.State.OPEN)
        .count(),
    )
