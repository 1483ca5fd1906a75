"""The chief's figures: reliability of the station, a feeder or a village; the service desk;
the calls; and the outage record each reliability figure drills down to."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from powerdesk.accounts.tenancy import StationRequest, station_page, station_queryset
from powerdesk.community.models import Village
from powerdesk.dashboards import calls, reliability, service
from powerdesk.dashboards.selectors import foreign_filters, outage_record_listed
from powerdesk.lib.params import year_param
from powerdesk.network.models import Feeder
from powerdesk.outages.models import Outage, OutageCause


def _years(year: int) -> list[int]:
    this = timezone.localdate().year
    return sorted({*range(this - 5, this + 1), year}, reverse=True)


@require_safe
@station_page("dashboards:index")
def figures_index(request: StationRequest) -> HttpResponse:
    """What each figures page shows, with a link to it (the menu's "Figures" lands here)."""
    return render(request, "dashboards/index.html")


@require_safe
@station_page("dashboards:reliability")
def reliability_page(request: StationRequest) -> HttpResponse:
    """An area's reliability month by month against last year; for the station, also the worst
    feeders; for any area, its worst devices and its fault outages by cause."""
    area = reliability.area_from_params(request.station, request.GET)
    if area is None:
        raise Http404("No such feeder or village at this station")
    year = year_param(request)
    figures = reliability.area_reliability(request.station, area, year)
    charts = reliability.month_charts(figures)
    if area.key[0] == "station":
        charts.append(reliability.worst_feeders(request.station, figures))
    charts += [
        reliability.worst_devices(request.station, figures),
        reliability.outages_by_cause(request.station, figures),
    ]
    return render(
        request,
        "dashboards/reliability.html",
        {
            "area": area,
            "year": year,
            "years": _years(year),
            "figures": figures,
            "year_table": reliability.year_table(figures),
            "charts": charts,
            "feeders": station_queryset(request, Feeder).order_by("name"),
            "villages": station_queryset(request, Village).order_by("name"),
            "record": reliability.record_link(area, year=year),
        },
    )


@require_safe
@station_page("dashboards:service")
def service_page(request: StationRequest) -> HttpResponse:
    """Deadlines, promises, callbacks and satisfaction, hard problems and complaints."""
    year = year_param(request)
    station = request.station
    charts = [
        service.deadlines_by_category(station, year),
        service.deadlines_by_month(station, year),
        service.promises_by_month(station, year),
        *service.callbacks_charts(station, year),
        service.satisfaction_by_month(station, year),
        calls.hard_problems_by_month(station, year),
        calls.complaints_by_month(station, year),
    ]
    return render(
        request,
        "dashboards/service.html",
        {"year": year, "years": _years(year), "charts": charts},
    )


@require_safe
@station_page("dashboards:calls")
def calls_page(request: StationRequest) -> HttpResponse:
    """What the station's calls were about, where from and at what hour."""
    year = year_param(request)
    station = request.station
    charts = [
        calls.calls_by_category(station, year),
        calls.calls_by_village(station, year),
        calls.calls_by_hour(station, year),
    ]
    return render(
        request,
        "dashboards/calls.html",
        {"year": year, "years": _years(year), "charts": charts},
    )


@require_safe
@station_page("dashboards:outages")
def outage_record(request: StationRequest) -> HttpResponse:
    """Every outage that took someone's supply, filtered to what a figure counts; 404 for a
    feeder, village or device this station does not have (``foreign_filters``)."""
    if foreign_filters(request.station, request.GET):
        raise Http404("No such feeder, village or device at this station")
    outages = outage_record_listed(station=request.station, params=request.GET)
    page = Paginator(outages, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "dashboards/outages.html",
        {
            "page": page,
            "typed": request.GET,
            "feeders": station_queryset(request, Feeder).order_by("name"),
            "villages": station_queryset(request, Village).order_by("name"),
            "kinds": Outage.Kind.choices,
            "causes": [*OutageCause.choices, ("none", "—")],
            "months": range(1, 13),
            "years": _years(year_param(request)),
        },
    )
