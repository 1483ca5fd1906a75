"""The outage map: the station's grid with what is off, who called and where the crews are; its
list of outages, polled; and its data as GeoJSON."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from powerdesk.accounts.tenancy import (
    StationRequest,
    get_for_user,
    station_page,
    station_queryset,
)
from powerdesk.lib.forms import InputError, object_id
from powerdesk.network.models import Feeder
from powerdesk.network.selectors import grid_element_named
from powerdesk.outages.board import board_counts, board_rows
from powerdesk.outages.geo import station_map
from powerdesk.outages.map_list import map_entries, map_focus
from powerdesk.outages.models import Outage


@station_page("outages:map")
@require_GET
def outage_map(request: StationRequest) -> HttpResponse:
    """The station's grid on a map, with what is off and who called; drawn by outages/map.js.

    Beside it the board's outages in its order, each zooming to its dark area; ``?outage=<id>``
    or ``?device=<code>`` opens on one, and without either it opens on the whole grid."""
    outage = device = None
    try:
        if request.GET.get("outage"):
            outage = get_for_user(request, Outage, pk=object_id(request.GET["outage"], _("outage")))
        elif request.GET.get("device"):
            device = grid_element_named(request.station.pk, request.GET["device"][:60])
            if device is None:
                raise Http404(_("No device of this station has that code."))
    except InputError as exc:
        return HttpResponseBadRequest(str(exc))
    context = map_list_context(request)
    focus = map_focus(request.station, context["entries"], outage=outage, device=device)
    return render(
        request,
        "outages/map.html",
        {
            **context,
            "focus": focus,
            "tiles": settings.POWERDESK_MAP_TILES,
            "attribution": settings.POWERDESK_MAP_ATTRIBUTION,
            "feeders": station_queryset(request, Feeder),
            "labels": {
                "customers": _("customers supplied"),
                "open": _("Open the device's page"),
                "empty": _("No element of this station has coordinates yet."),
                "failed": _("The map's data could not be loaded; it is tried again in a minute."),
                "summary": _(
                    "Whole station: %(recorded)s devices open in recorded outages, "
                    "%(predicted)s open as the engine predicts (not recorded); %(dark)s "
                    "transformer areas without power or probably so."
                ),
                "lines": _("Lines"),
                "devices": _("Devices and transformer areas"),
                "calls": _("Fault calls"),
                "crews": _("Crews"),
                "crew_outages": _("Sent to:"),
                "crew_orders": _("Open work orders:"),
                "crew_open": _("Open the crew's page"),
                # Leaflet's controls (``map.js``): its defaults are English.
                "zoom_in": _("Zoom in"),
                "zoom_out": _("Zoom out"),
                "layers": _("Layers shown"),
                "leaflet": _("Leaflet, the library that draws the map"),
                # Punctuation in the page's language (："、" in Chinese, ": " ", " in English).
                "separator": pgettext("label separator", ": "),
                "list_separator": pgettext("list separator", ", "),
            },
        },
    )


@station_page("outages:map_list")
@require_GET
def outage_map_list(request: StationRequest) -> HttpResponse:
    """The map's list of outages, polled by the map page."""
    return render(request, "outages/_map_list.html", map_list_context(request))


def map_list_context(request: StationRequest) -> dict[str, Any]:
    # As the board: households alone on the engine's list are counted, not listed, unless
    # nothing else is off.
    rows = board_rows(request.station)
    main = [r for r in rows if not (r.device is None and r.outage is None)]
    return {
        "entries": map_entries(request.station, main or rows),
        "singles": len(rows) - len(main) if main else 0,
        "counts": board_counts(rows),  # as the board and the home page count them
    }


@station_page("outages:map_data")
@require_GET
@never_cache
def outage_map_data(request: StationRequest) -> HttpResponse:
    """The map's data as GeoJSON, for the user's current station only."""
    return JsonResponse(
        station_map(request.station),
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
