"""The outage record: every interruption, filtered to what a reliability figure counts."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.http import QueryDict

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village
from powerdesk.dashboards.reliability import cause_filter, devices_above
from powerdesk.lib.forms import id_or_none
from powerdesk.lib.params import period_value, year_value
from powerdesk.network.models import Feeder, GridNode
from powerdesk.outages.models import Outage
from powerdesk.reliability.selectors import interruptions
from powerdesk.reliability.weights import grid_weights

# The record's filters naming a record of the station, with what each names.
_ID_FILTERS: dict[str, type[Model]] = {"feeder": Feeder, "village": Village, "device": GridNode}


def foreign_filters(station: Station, params: QueryDict) -> list[str]:
    """The filters of ``params`` that name no record of ``station`` (another station's id, or no
    id at all): the figures pages answer 404 for any, as the reliability page does for its
    feeder and village (walk58 L8: the record listed nothing for another station's village,
    with 200). An empty one filters nothing."""
    return [
        name
        for name, model in _ID_FILTERS.items()
        if params.get(name)
        and not model.objects.for_station(station)  # type: ignore[attr-defined]
        .filter(pk=id_or_none(params.get(name)) or 0)
        .exists()
    ]


def outage_record_listed(*, station: Station, params: QueryDict) -> QuerySet[Outage]:
    """Outages that took someone's supply, the latest first, with the filters a figure's
    drill-down sets: ``year`` and ``month`` (a number, with the year) they began in,
    ``feeder``, ``village`` (outages above its transformer areas), ``device``, ``kind`` and
    ``cause`` (found by the crew, ``none`` for not recorded)."""
    outages = interruptions(station).select_related("device__feeder", "link")
    month = id_or_none(params.get("month"))
    if params.get("year") and month is not None and month <= 12:
        params = params.copy()
        params["month"] = f"{year_value(params):04d}-{month:02d}"
    period = period_value(params)
    if period is not None:
        outages = outages.filter(starts_at__gte=period[0], starts_at__lt=period[1])
    feeder = id_or_none(params.get("feeder"))
    if feeder is not None:
        outages = outages.filter(device__feeder_id=feeder)
    village = id_or_none(params.get("village"))
    if village is not None:
        outages = outages.filter(
            device_id__in=devices_above(grid_weights(station, village_id=village), village)
        )
    device = id_or_none(params.get("device"))
    if device is not None:
        outages = outages.filter(device_id=device)
    if params.get("kind") in Outage.Kind.values:
        outages = outages.filter(kind=params["kind"])
    cause = cause_filter(params.get("cause", ""))
    if cause is not None:
        outages = outages.filter(cause)
    return outages.order_by("-starts_at", "-pk")
