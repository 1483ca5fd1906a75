"""The outages a station knows of: list, record, restore."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_queryset, station_view
from powerdesk.community.liaison import LiaisonError, liaison_told_of_outage, liaisons_for_outages
from powerdesk.community.models import Liaison
from powerdesk.network.models import Feeder, GridNode
from powerdesk.outages.geo import station_map
from powerdesk.outages.models import Outage
from powerdesk.outages.services import OutageError, outage_declare, outage_restore


def _when(text: str):  # type: ignore[no-untyped-def]
    value = parse_datetime(text) if text else None
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


@station_view()
def outage_list(request: StationRequest) -> HttpResponse:
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "restore":
                outage = get_for_user(request, Outage, pk=int(request.POST.get("outage") or 0))
                outage_restore(outage=outage, user=request.user)
            elif action == "told":
                outage = get_for_user(request, Outage, pk=int(request.POST.get("outage") or 0))
                liaison = get_for_user(request, Liaison, pk=int(request.POST.get("liaison") or 0))
                liaison_told_of_outage(outage=outage, liaison=liaison, by=request.user)
            else:
                code = request.POST.get("device", "").strip()
                device = station_queryset(request, GridNode).filter(code=code).first()
                if device is None:
                    raise OutageError(
                        _("No element of this station has the code “%(code)s”.") % {"code": code}
                    )
                outage_declare(
                    station=request.station,
                    user=request.user,
                    device=device,
                    kind=request.POST.get("kind", Outage.Kind.UNPLANNED),
                    starts_at=_when(request.POST.get("starts_at", "")),
                    expected_restore_at=_when(request.POST.get("expected_restore_at", "")),
                    cause=request.POST.get("cause", ""),
                    notice=request.POST.get("notice", ""),
                )
        except (OutageError, LiaisonError) as exc:
            messages.error(request, str(exc))
        return redirect("outages:list")
    outages = station_queryset(request, Outage).select_related("device__feeder")
    current = list(outages.exclude(status=Outage.Status.RESTORED).order_by("starts_at"))
    for outage, people in zip(current, liaisons_for_outages(current).values(), strict=True):
        outage.liaisons_to_tell = people  # type: ignore[attr-defined]
    return render(
        request,
        "outages/outage_list.html",
        {
            "current": current,
            "recent": outages.filter(status=Outage.Status.RESTORED).order_by("-restored_at")[:20],
            "kinds": Outage.Kind.choices,
            "feeders": station_queryset(request, Feeder),
        },
    )


@station_view()
@require_GET
def outage_map(request: StationRequest) -> HttpResponse:
    """The station's grid on a map, with what is off and who called; drawn by outages/map.js."""
    return render(
        request,
        "outages/map.html",
        {
            "tiles": settings.POWERDESK_MAP_TILES,
            "attribution": settings.POWERDESK_MAP_ATTRIBUTION,
            "feeders": station_queryset(request, Feeder),
            "labels": {
                "customers": _("customers supplied"),
                "open": _("Open the device's page"),
                "empty": _("No element of this station has coordinates yet."),
                "failed": _("The map's data could not be loaded; it is tried again in a minute."),
                "summary": _(
                    "%(open)s open devices, %(dark)s transformer areas without power, "
                    "%(calling)s customers reported a fault in the last 24 hours."
                ),
                "lines": _("Lines"),
                "devices": _("Devices and transformer areas"),
                "calls": _("Fault calls"),
            },
        },
    )


@station_view()
@require_GET
@never_cache
def outage_map_data(request: StationRequest) -> HttpResponse:
    """The map's data as GeoJSON, for the user's current station only."""
    return JsonResponse(
        station_map(request.station),
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
