"""The outages behind an area's reliability figures: the outage record each figure links to
(``record_link``), the worst devices and the fault outages by cause, each from one grouped query
(nothing loops over outage rows)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Station
from powerdesk.dashboards.charts import Chart, Series
from powerdesk.dashboards.reliability.area import Area, AreaReliability
from powerdesk.outages.models import Outage, OutageCause
from powerdesk.reliability.db import SecondsBetween
from powerdesk.reliability.selectors import (
    interruptions,
)
from powerdesk.reliability.weights import AreaKey, Basis, GridWeights

WORST = 10  # feeders and devices shown as the worst


def record_link(station_area: Area, **filters: object) -> str:
    """The outage record filtered to the rows behind a figure."""
    query = {**station_area.query, **{k: v for k, v in filters.items() if v not in ("", None)}}
    return reverse("dashboards:outages") + "?" + urlencode(query)


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
