from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from powerdesk.accounts.models import STATION_STAFF_ROLES, Membership, Role
from powerdesk.accounts.tenancy import StationRequest, station_view
from powerdesk.web.home import panels_for
from powerdesk.web.panels import HOME_SLOTS


def root(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if getattr(request, "station", None) is None:
        return render(request, "web/no_station.html", status=403)
    if not (getattr(request, "roles", frozenset()) & STATION_STAFF_ROLES):
        return redirect("web:liaison")
    return redirect("web:home")


@station_view(roles=STATION_STAFF_ROLES)
def home(request: StationRequest) -> HttpResponse:
    """The station at a glance: outages, open work, deadlines, the grid, customers to care for."""
    return render(request, "web/home.html", {"slots": panels_for(request, HOME_SLOTS)})


@station_view(roles=[Role.LIAISON])
def liaison_home(request: StationRequest) -> HttpResponse:
    """A village liaison's page: their own village committee and its groups, nothing else."""
    from powerdesk.community.models import Village

    village_ids = Membership.objects.filter(
        user=request.user,
        station=request.station,
        role=Role.LIAISON,
    ).values_list("village_id", flat=True)
    villages = Village.objects.filter(
        station=request.station,
        pk__in=village_ids,
    ).prefetch_related("groups")
    groups = {
        v.pk: v.groups.annotate(households=Count("customers")).order_by("name") for v in villages
    }
    return render(
        request,
        "web/liaison_home.html",
        {"villages": [(v, groups[v.pk]) for v in villages]},
    )
