"""The reliability page's charts and table: SAIDI, SAIFI, RS-1 and MAIFI_E month by month
against last year, the year so far, and the worst feeders."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from powerdesk.accounts.models import Station
from powerdesk.dashboards.charts import Chart, Series
from powerdesk.dashboards.reliability.area import Area, AreaReliability
from powerdesk.dashboards.reliability.outages import WORST, record_link
from powerdesk.lib.shares import NONE, RS1_DECIMALS, minutes_text
from powerdesk.network.models import Feeder
from powerdesk.reliability.selectors import (
    Variant,
    YearFigures,
    reliability_by_area,
)

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
            if not known:
                cells.append(NONE)
            elif name in ("saidi", "caidi"):
                cells.append(minutes_text(value, digits))
            else:
                cells.append(f"{value:.{digits}f}")
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
