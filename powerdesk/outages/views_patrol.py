"""Patrol guidance for one outage or prediction (folded out on the board, loaded when opened),
and its "found here" (the office on any outage; a crew on its own, which its phone page sends
as a step of the job: ``servicedesk.crew_steps``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.lib.forms import InputError
from powerdesk.outages.models import Outage, OutageCause, PredictedOutage
from powerdesk.outages.patrol import outage_found_here, patrol_for, prediction_found_here
from powerdesk.outages.services import OutageError


@station_page("outages:patrol")
@require_http_methods(["GET", "POST"])
@never_cache
def outage_patrol(request: StationRequest, pk: int) -> HttpResponse:
    outage = get_for_user(request, Outage, pk=pk)
    if request.method == "POST":
        return _found(request, lambda **kw: outage_found_here(outage=outage, **kw).outage)
    return _render(request, outage, reverse("outages:patrol", args=[outage.pk]))


@station_page("outages:prediction_patrol")
@require_http_methods(["GET", "POST"])
@never_cache
def prediction_patrol(request: StationRequest, pk: int) -> HttpResponse:
    prediction = get_for_user(request, PredictedOutage, pk=pk)
    if request.method == "POST":
        return _found(request, lambda **kw: prediction_found_here(prediction=prediction, **kw))
    return _render(request, prediction, reverse("outages:prediction_patrol", args=[prediction.pk]))


def _render(request: StationRequest, subject: Outage | PredictedOutage, url: str) -> HttpResponse:
    return render(
        request,
        "outages/_patrol.html",
        {"stops": patrol_for(subject), "found_url": url, "causes": OutageCause.choices},
    )


def _found(request: StationRequest, record: object) -> HttpResponse:
    data = request.POST
    try:
        outage = record(  # type: ignore[operator]
            user=request.user,
            place=data.get("place", ""),
            cause=data.get("cause", ""),
            note=data.get("note", "")[:150],
        )
    except (OutageError, InputError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Recorded: the fault of %(device)s was found; the cause is %(cause)s.")
            % {"device": outage.device, "cause": outage.cause},
        )
    # Back to the page the form was on (the board, or the crew's job), never to another site.
    target = data.get("next", "")
    safe = target.startswith("/") and not target.startswith("//")
    return redirect(target if safe else "outages:list")
