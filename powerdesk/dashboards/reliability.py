"""Reliability for the chief's pages: one area's year month by month against the year before,
the worst feeders and devices, and outages by cause.

Every figure comes from the reliability selector (``reliability.selectors``: grouped in the
database, weighed by the customers below each device) or from one grouped query here; nothing
loops over outage rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village
from powerdesk.dashboards.charts import Chart, Series
from powerdesk.engine.indices import Tally
from powerdesk.lib.forms import id_or_none
from powerdesk.lib.shares import NONE, RS1_DECIMALS
from powerdesk.network.models import Feeder
from powerdesk.outages.models import Outage, OutageCause
from powerdesk.reliability.db import SecondsBetween
from powerdesk.reliability.major_events import MajorEvents, major_events
from powerdesk.reliability.periods import year_comparison
from powerdesk.reliability.selectors import (
    Variant,
    YearFigures,
    interruptions,
    outages_on_record,
    reliability_by_area,
)
from powerdesk.reliability.weights import AreaKey, Basis, GridWeights

WORST = 10  # feeders and devices shown as the worst


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


# -- the charts ------------------------------------------------------------------------------

INDICES = {
    "saidi": (gettext_lazy("SAIDI (minutes per customer)"), 1),
    "saifi": (gettext_lazy("SAIFI (interruptions per customer)"), 3),
    "rs1": (gettext_lazy("RS-1 supply reliability (%)"), RS1_DECIMALS),
    "maifi_e": (gettext_lazy("MAIFI_E (momentary events per customer)"), 3),
}


def month_label(number: int) -> str:
    """A month on a chart's axis, short as the page's language writes it: "Mar" in English,
    "3月" in Chinese (the catalogue gives each language its date format)."""
    # Translators: a Django date format (https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date)
    # for a month on a chart's axis: "M" is "Jan"…"Dec"; Chinese "n月" is "1月"…"12月".
    axis = pgettext("short month on a chart axis", "M")
    return date_format(dt.date(2000, number, 1), axis)


def record_link(station_area: Area, **filters: object) -> str:
    """The outage record filtered to the rows behind a figure."""
    query = {**station_area.query, **{k: v for k, v in filters.items() if v not in ("", None)}}
    return reverse("dashboards:outages") + "?" + urlencode(query)


def month_charts(figures: AreaReliability) -> list[Chart]:
    """SAIDI, SAIFI, RS-1 and MAIFI_E month by month: this year (all, without planned outages,
    without major event days) against the whole of last year."""
    year = figures.year
    numbers = list(range(1, 13))
    categories = [month_label(n) for n in numbers]

    def values(source: YearFigures | None, variant: Variant, index: str) -> list[float | None]:
        if source is None or not figures.known:
            return [None] * 12
        return [
            getattr(source.months[n][variant], index) if n in source.months else None
            for n in numbers
        ]

    this_links = [record_link(figures.area, year=year, month=n) for n in numbers]
    last_links = [record_link(figures.area, year=year - 1, month=n) for n in numbers]
    charts = []
    for index, (title, digits) in INDICES.items():
        series = [
            Series(str(year), values(figures.this, Variant.ALL, index), this_links, "bar"),
            Series(str(year - 1), values(figures.last, Variant.ALL, index), last_links, "bar"),
        ]
        if index != "maifi_e":  # momentary events are not split by kind or major event day
            series += [
                Series(
                    _("%(year)s without planned outages") % {"year": year},
                    values(figures.this, Variant.UNPLANNED, index),
                    [
                        record_link(figures.area, year=year, month=n, kind="unplanned")
                        for n in numbers
                    ],
                    "line",
                ),
                Series(
                    _("%(year)s without major event days") % {"year": year},
                    values(figures.this, Variant.EXCLUDING_MED, index),
                    this_links,
                    "line",
                ),
            ]
        charts.append(
            Chart(
                key=f"month-{index}",
                title=title,
                category_label=_("Month"),
                categories=categories,
                series=series,
                kind="line" if index == "rs1" else "bar",
                digits=digits,
            )
        )
    return charts


def year_table(figures: AreaReliability) -> list[tuple[str, list[str]]]:
    """The indices of the year so far, with and without planned outages and major event days,
    against last year to the same day."""
    this, last = figures.this_so_far, figures.last_so_far
    columns = [
        this[Variant.ALL],
        last[Variant.ALL],
        this[Variant.UNPLANNED],
        this[Variant.EXCLUDING_MED],
    ]
    rows = [
        (_("SAIDI (minutes)"), "saidi", 1),
        (_("SAIFI"), "saifi", 3),
        (_("CAIDI (minutes)"), "caidi", 1),
        (_("RS-1 (%)"), "rs1", RS1_DECIMALS),
        (_("AIHC-1 (hours)"), "aihc1", 2),
        (_("ASAI (%)"), "asai", 4),
        (_("MAIFI_E"), "maifi_e", 3),
    ]
    table = []
    for label, name, digits in rows:
        cells = []
        for tally in columns:
            value = getattr(tally, name)
            if name == "asai":
                value *= 100
            known = figures.known and tally.customers_served
            cells.append(f"{value:.{digits}f}" if known else NONE)
        table.append((str(label), cells))
    return table


def worst_feeders(station: Station, figures: AreaReliability) -> Chart:
    """The station's feeders with the most minutes off per customer this year."""
    feeders = dict(Feeder.objects.for_station(station).values_list("pk", "name"))
    year = figures.year
    by_feeder = reliability_by_area(
        station,
        year,
        weights=figures.weights,
        med=figures.med,
        areas=[("feeder", pk) for pk in feeders],
        now=min(
            timezone.now(), dt.datetime(year + 1, 1, 1, tzinfo=timezone.get_current_timezone())
        ),
    )
    ranked = sorted(
        ((key[1], f.year(Variant.ALL)) for key, f in by_feeder.items()),
        key=lambda item: (-item[1].saidi, feeders[item[0]]),
    )[:WORST]
    page = reverse("dashboards:reliability")
    return Chart(
        key="worst-feeders",
        title=_("Worst feeders: SAIDI this year (minutes)"),
        category_label=_("Feeder"),
        categories=[feeders[pk] for pk, _t in ranked],
        series=[
            Series(
                _("SAIDI"),
                [t.saidi for _pk, t in ranked],
                [f"{page}?{urlencode({'feeder': pk, 'year': year})}" for pk, _t in ranked],
            ),
            Series(
                _("SAIFI"),
                [t.saifi for _pk, t in ranked],
                [record_link(Area(("feeder", pk), ""), year=year) for pk, _t in ranked],
            ),
        ],
        horizontal=True,
    )


def area_outages(station: Station, figures: AreaReliability) -> QuerySet[Outage]:
    """The interruptions of the area's year: those of the station, of devices on the feeder,
    or of devices above the village's transformer areas."""
    return in_area(
        interruptions(station).filter(starts_at__year=figures.year), figures.area, figures.weights
    )


def in_area(outages: QuerySet[Outage], area: Area, weights: GridWeights) -> QuerySet[Outage]:
    kind, pk = area.key
    if kind == "feeder":
        return outages.filter(device__feeder_id=pk)
    if kind == "village":
        return outages.filter(device_id__in=devices_above(weights, pk))
    return outages


def devices_above(weights: GridWeights, village_id: int) -> list[int]:
    """The devices whose opening takes supply from some of the village's customers."""
    key: AreaKey = ("village", village_id)
    return sorted(
        {
            device
            for basis in Basis
            for device, areas in weights.below[basis].items()
            if key in areas
        }
    )


def _customer_minutes(now: dt.datetime) -> Sum:
    return Sum(F("customers") * SecondsBetween(Coalesce("restored_at", now), "starts_at") / 60.0)


def worst_devices(station: Station, figures: AreaReliability) -> Chart:
    """The devices whose outages cost the most customer-minutes this year (with how many)."""
    now = timezone.now()
    rows = list(
        area_outages(station, figures)
        .values("device_id", "device__name", "device__code")
        .annotate(n=Count("pk"), minutes=_customer_minutes(now))
        .order_by("-minutes", "device__code")[:WORST]
    )
    links = [record_link(figures.area, year=figures.year, device=r["device_id"]) for r in rows]
    return Chart(
        key="worst-devices",
        title=_("Worst devices this year"),
        category_label=_("Device"),
        categories=[r["device__name"] or r["device__code"] for r in rows],
        series=[
            Series(_("Customer-hours off"), [(r["minutes"] or 0.0) / 60.0 for r in rows], links),
            Series(_("Outages"), [r["n"] for r in rows], links),
        ],
        horizontal=True,
        digits=1,
    )


def outages_by_cause(station: Station, figures: AreaReliability) -> Chart:
    """Fault outages this year by the cause the crew found (``OutageLink.cause_kind``)."""
    rows: dict[str | None, int] = dict(
        area_outages(station, figures)
        .filter(kind=Outage.Kind.UNPLANNED)
        .values("link__cause_kind")
        .annotate(n=Count("pk"))
        .values_list("link__cause_kind", "n")
    )
    # An outage without a link, or with no cause entered, is "not recorded".
    unknown = rows.pop(None, 0) + rows.pop("", 0)
    causes: list[tuple[str, str, int]] = [
        (c, str(label), rows.get(c, 0)) for c, label in OutageCause.choices
    ]
    causes.append(("none", _("not recorded"), unknown))
    causes = [c for c in causes if c[2]]
    return Chart(
        key="causes",
        title=_("Fault outages by cause this year"),
        category_label=_("Cause"),
        categories=[str(label) for _c, label, _n in causes],
        series=[
            Series(
                _("Outages"),
                [n for _c, _l, n in causes],
                [
                    record_link(figures.area, year=figures.year, kind="unplanned", cause=c)
                    for c, _l, _n in causes
                ],
            )
        ],
        digits=0,
    )


def cause_filter(cause: str) -> Q | None:
    """The outage record's ``cause`` filter: a cause found, or ``none`` for not recorded."""
    if cause == "none":
        return Q(link__isnull=True) | Q(link__cause_kind="")
    if cause in OutageCause.values:
        return Q(link__cause_kind=cause)
    return None
