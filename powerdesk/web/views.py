from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from powerdesk.accounts.models import STATION_STAFF_ROLES
from powerdesk.accounts.tenancy import station_view
from powerdesk.web.home import panels_for
from powerdesk.web.panels import HOME_SLOTS


def root(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if getattr(request, "station", None) is None:
        return render(request, "web/no_station.html", status=403)
    return redirect("web:home")


@station_view(roles=STATION_STAFF_ROLES)
def home(request: HttpRequest) -> HttpResponse:
    """The station at a glance: outages, open work, deadlines, the grid, customers to care for."""
    return render(request, "web/home.html", {"slots": panels_for(request, HOME_SLOTS)})
