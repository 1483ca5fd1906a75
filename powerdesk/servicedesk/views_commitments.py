"""The station's service commitments: the office reads them, the chief changes them
(``servicedesk.commitments``), with every change listed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import StationRequest, station_page
from powerdesk.servicedesk.commitments import (
    COMMITMENTS,
    CommitmentsError,
    change_lines,
    commitments_shown,
    commitments_update,
)
from powerdesk.servicedesk.idempotency import form_token_new
from powerdesk.servicedesk.models import CommitmentChange

HISTORY_SHOWN = 50


@station_page("servicedesk:commitments")
def commitments(request: StationRequest) -> HttpResponse:
    station = request.station
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    token = ""
    if request.method == "POST":
        post = request.POST
        token = post.get("form_token", "")[:64]
        try:
            _policy, change = commitments_update(
                station=station, user=request.user, values=post, token=token
            )
        except CommitmentsError as exc:
            errors = exc.errors
            typed = {c.name: post.get(c.name, "")[:20] for c in COMMITMENTS}
        else:
            if change is not None:
                messages.success(
                    request, _("Saved. Work orders opened from now on have the new times.")
                )
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("servicedesk:commitments")
    policy = commitments_shown(station)
    rows = [
        {
            "name": c.name,
            "label": c.label,
            "unit": c.unit,
            "least": c.least,
            "most": c.most,
            "default": c.default,
            "value": typed.get(c.name, getattr(policy, c.name)),
            "error": errors.get(c.name, ""),
        }
        for c in COMMITMENTS
    ]
    history = [
        (h, change_lines(h))
        for h in CommitmentChange.objects.for_station(station).select_related("by")[:HISTORY_SHOWN]
    ]
    return render(
        request,
        "servicedesk/commitments.html",
        {
            "rows": rows,
            "form_error": errors.get("", ""),
            "any_error": bool(errors),
            # A refused form keeps its token: sent again once corrected, it still counts once.
            "form_token": token or form_token_new(),
            "history": history,
        },
        status=400 if errors else 200,
    )
