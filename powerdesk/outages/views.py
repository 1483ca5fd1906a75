"""The outages a station knows of: list, record, restore."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from powerdesk.accounts.tenancy import (
    StationRequest,
    get_for_user,
    station_page,
    station_queryset,
)
from powerdesk.community.liaison import LiaisonError, liaison_told_of_outage, liaisons_for_outages
from powerdesk.community.models import Liaison
from powerdesk.lib.forms import InputError, form_error_text, object_id
from powerdesk.network.models import Feeder
from powerdesk.network.selectors import grid_element_named
from powerdesk.outages.board import board_counts, board_rows
from powerdesk.outages.forms import OutageDeclareForm
from powerdesk.outages.geo import station_map
from powerdesk.outages.joined import (
    outage_join_open_orders,
    outage_join_separate_orders,
    separate_orders,
)
from powerdesk.outages.map_list import map_entries, map_focus
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.services import OutageError, outage_declare, outage_restore
from powerdesk.outages.views_board import BOARD_ACTIONS, board_action, board_context, device_typed


@station_page("outages:list")
def outage_list(request: StationRequest) -> HttpResponse:
    form = OutageDeclareForm()
    asked: dict[str, object] | None = None  # a prediction's confirm, asked before recording
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "restore":
                outage = get_for_user(
                    request, Outage, pk=object_id(request.POST.get("outage"), _("outage"))
                )
                outage_restore(outage=outage, user=request.user)
            elif action in BOARD_ACTIONS:
                asked = board_action(request, action)
            elif action == "join_orders":
                outage = get_for_user(
                    request, Outage, pk=object_id(request.POST.get("outage"), _("outage"))
                )
                joined = outage_join_separate_orders(outage=outage, user=request.user)
                messages.success(
                    request,
                    ngettext(
                        "%(n)d work order joined to the outage.",
                        "%(n)d work orders joined to the outage.",
                        joined,
                    )
                    % {"n": joined},
                )
            elif action == "told":
                outage = get_for_user(
                    request, Outage, pk=object_id(request.POST.get("outage"), _("outage"))
                )
                liaison = get_for_user(
                    request, Liaison, pk=object_id(request.POST.get("liaison"), _("liaison"))
                )
                liaison_told_of_outage(outage=outage, liaison=liaison, by=request.user)
            else:
                form = OutageDeclareForm(request.POST)
                _declare(request, form)
            if asked is None:
                return redirect("outages:list")
        except (OutageError, LiaisonError, InputError) as exc:
            messages.error(request, str(exc))
            if action in ("restore", "told", "join_orders", *BOARD_ACTIONS):
                return redirect("outages:list")
        # The declaration is shown again with what was typed, to be corrected.
    outages = station_queryset(request, Outage).select_related("device__feeder", "link")
    current = list(
        outages.exclude(status__in=[Outage.Status.RESTORED, Outage.Status.CANCELLED]).order_by(
            "starts_at"
        )
    )
    separate = separate_orders(current)
    for outage, people in zip(current, liaisons_for_outages(current).values(), strict=True):
        outage.liaisons_to_tell = people  # type: ignore[attr-defined]
        # Callers' orders below it that stayed separate: joined in one step.
        outage.separate_orders = separate.get(outage.pk, [])  # type: ignore[attr-defined]
    return render(
        request,
        "outages/outage_list.html",
        {
            "current": current,
            "recent": outages.filter(status=Outage.Status.RESTORED)
            .annotate(
                closed=Exists(OutageEvent.objects.filter(outage=OuterRef("pk"), what="closed"))
            )
            .order_by("-restored_at")[:20],
            "kinds": Outage.Kind.choices,
            "form": form,
            "feeders": station_queryset(request, Feeder),
            "record_ask": asked,
            **board_context(request),
        },
    )


def _declare(request: StationRequest, form: OutageDeclareForm) -> None:
    if not form.is_valid():
        raise OutageError(form_error_text(form))
    data = form.cleaned_data
    device = device_typed(request, data["device"])
    outage = outage_declare(
        station=request.station,
        user=request.user,
        device=device,
        kind=data["kind"],
        starts_at=data["starts_at"],
        expected_restore_at=data["expected_restore_at"],
        cause=data["cause"],
        notice=data["notice"],
    )
    if outage.status == Outage.Status.ACTIVE and outage.kind == Outage.Kind.UNPLANNED:
        outage_join_open_orders(outage=outage, user=request.user)


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
