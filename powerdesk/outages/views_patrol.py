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
from powerdesk.outages.patrol import (
    PATROL_SHOWN,
    outage_found_here,
    patrol_for,
    prediction_found_here,
)
from powerdesk.outages.patrol_cache import patrol_cached
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
    found = None
    if isinstance(subject, Outage):
        stops = patrol_cached(subject)
        # Once a crew has said where the fault was, that is the answer; the guess is folded.
        found = subject.found_places.select_related("device", "found_by").order_by("pk").last()
    else:
        stops = patrol_for(subject)
    return render(
        request,
        "outages/_patrol.html",
        {
            "stops": stops,
            "first": stops[:PATROL_SHOWN],
            "rest": stops[PATROL_SHOWN:],
            "found": found,
            # Said as the list says it (a span by the poles at its ends).
            "found_label": next(
                (s.label for s in stops if found is not None and s.key == found.place),
                found.label if found is not None else "",
            ),
            "found_url": url,
            "causes": OutageCause.choices,
        },
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
            % {"device": outage.device, "cause": outage.cause_shown},
        )
    # Back to the page the form was on (the board, or the crew's job), never to another site.
    target = data.get("next", "")
    safe = target.startswith("/") and not target.startswith("//")
    return redirect(target if safe else "outages:list")
