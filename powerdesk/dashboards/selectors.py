"""The outage record: every interruption, filtered to what a reliability figure counts."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import QueryDict

from powerdesk.accounts.models import Station
from powerdesk.dashboards.reliability import cause_filter, devices_above
from powerdesk.lib.forms import id_or_none
from powerdesk.lib.params import period_value, year_value
from powerdesk.outages.models import Outage
from powerdesk.reliability.selectors import interruptions
from powerdesk.reliability.weights import grid_weights


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
