"""What the outage API's routers share: the outage's id in a path, and the outage it names,
looked up among the request's station's own (another station's: 404, as an id no outage has)."""

from __future__ import annotations

from typing import Annotated, Any

from django.shortcuts import get_object_or_404
from ninja.params.functions import Path

from powerdesk.outages.models import Outage
from powerdesk.servicedesk.api_schemas import MAX_ID

__all__ = ["OutageId", "station_outage"]

OutageId = Annotated[int, Path(ge=1, le=MAX_ID, description="the outage's id")]


def station_outage(station: Any, outage_id: int, *related: str) -> Outage:
    """The outage ``outage_id`` of ``station``, with ``related`` joined (``select_related``);
    404 when the station has none of that id."""
    outages = Outage.objects.filter(station=station)
    if related:
        outages = outages.select_related(*related)
    return get_object_or_404(outages, pk=outage_id)
