"""The counter's rating tablet and the satisfaction figures."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from powerdesk.accounts.models import Role, User
from powerdesk.accounts.tenancy import StationRequest, station_view
from powerdesk.lib.params import year_param
from powerdesk.servicedesk.models import CounterRating
from powerdesk.servicedesk.satisfaction import (
    RatingError,
    counter_rate,
    monthly_satisfaction,
    total,
)

# Score, mouth curve (how far the mouth's middle dips below its corners), colour. Drawn as
# SVG rather than emoji: tablets and the build machine's fonts do not all have every face.
FACES = [
    (5, 14, "#1a7f37"),
    (4, 7, "#4d9a2a"),
    (3, 0, "#b08800"),
    (2, -7, "#d4651c"),
    (1, -14, "#c62828"),
]


@station_view(roles=[Role.COUNTER, Role.CHIEF, Role.ADMIN])
def counter_rating(request: StationRequest) -> HttpResponse:
    """A tablet at the counter: staff pick the service, the customer taps a face."""
    counter_staff = list(
        User.objects.filter(
            memberships__station=request.station,
            memberships__role__in=[Role.COUNTER, Role.CHIEF],
        )
        .distinct()
        .order_by("full_name")
    )
    service = request.POST.get("service") or request.GET.get("service") or "pay_bill"
    served_by_id = request.POST.get("served_by") or request.GET.get("served_by") or request.user.pk
    served_by = next((u for u in counter_staff if str(u.pk) == str(served_by_id)), None)
    context = {
        "faces": FACES,
        "services": CounterRating.Service.choices,
        "service": service,
        "counter_staff": counter_staff,
        "served_by": served_by,
        "thanks": False,
        "error": "",
    }
    if request.method == "POST":
        try:
            score = int(request.POST.get("score", "0"))
        except ValueError:
            score = 0
        try:
            counter_rate(station=request.station, score=score, service=service, served_by=served_by)
            context["thanks"] = True
        except RatingError as exc:
            context["error"] = str(exc)
    return render(request, "servicedesk/counter_rating.html", context)


@station_view()
def satisfaction(request: StationRequest) -> HttpResponse:
    year = year_param(request)
    months = monthly_satisfaction(request.station, year)
    return render(
        request,
        "servicedesk/satisfaction.html",
        {"year": year, "months": months, "total": total(months)},
    )
