"""Patrol guidance for one outage or prediction (folded out on the board, loaded when opened),
and its "found here" (the office on any outage; a crew on its own, which its phone page sends
as a step of the job: ``servicedesk.crew_steps``). On a prediction it records the outage, which
texts the households below: asked first (``record_ask``), the ask drawn by a GET after a
redirect (a refresh asks again, it does not post the press again). Either way the answer goes
back to the page the form was on (``lib.came_from``: the board by default); a note refused at
its field is drawn again on top of that page, as typed (``views_mend``)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.lib.came_from import came_from
from powerdesk.lib.forms import InputError
from powerdesk.outages.hazards import hazards_of
from powerdesk.outages.models import Outage, OutageCause, PredictedOutage
from powerdesk.outages.patrol import (
    PATROL_SHOWN,
    outage_found_here,
    patrol_for,
    prediction_found_check,
    prediction_found_here,
)
from powerdesk.outages.patrol_cache import patrol_cached
from powerdesk.outages.patrol_recorded import with_recorded
from powerdesk.outages.record_ask import Asking, record_after_asking, record_ask
from powerdesk.outages.services import OutageError
from powerdesk.outages.views_ask import AskForm, ask_form, ask_page
from powerdesk.outages.views_board import BOARD_PAGE
from powerdesk.outages.views_mend import mend_for, mend_page
from powerdesk.servicedesk.models import FormSubmission


@station_page("outages:patrol")
@require_http_methods(["GET", "POST"])
@never_cache
def outage_patrol(request: StationRequest, pk: int) -> HttpResponse:
    outage = get_for_user(request, Outage, pk=pk)
    if request.method == "POST":
        try:
            told = _told(request)
            found = outage_found_here(
                outage=outage,
                user=request.user,
                place=told["place"],
                cause=told["cause"],
                note=told["note"],
            )
        except (OutageError, InputError) as exc:
            # What was typed at its field (a note too long) is drawn again to be mended, on
            # top of the page it came from (``views_mend``); the rest is said above the page.
            mended = _mended(request, exc, outage=outage)
            if mended is not None:
                return mended
            messages.error(request, str(exc))
        else:
            _say_found(request, found.outage)
        return redirect(came_from(request, BOARD_PAGE))
    return _render(request, outage, reverse("outages:patrol", args=[outage.pk]))


@station_page("outages:prediction_patrol")
@require_http_methods(["GET", "POST"])
@never_cache
def prediction_patrol(request: StationRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        token = request.POST.get("form_token", "")[:64]
        repeat = bool(token) and (
            FormSubmission.objects.filter(station=request.station, token=token).exists()
        )
        if not repeat:  # (a repeat finds what the first one recorded, the prediction gone)
            get_for_user(request, PredictedOutage, pk=pk)  # another station's: 404
        return _found_on_prediction(request, pk)
    token = request.GET.get("ask", "")[:64]
    if token:
        return _ask_again(request, pk, token)
    prediction = get_for_user(request, PredictedOutage, pk=pk)
    return _render(request, prediction, reverse("outages:prediction_patrol", args=[prediction.pk]))


# The asks of "found here" on a prediction, kept in the session by their one-time token so that
# the first press is answered by a redirect (post/redirect/get) and the ask drawn by a GET: a
# refresh of its page asks again, it does not post the press again. The last few are kept.
ASKS_KEPT = "found_here_asks"
ASKS_MAX = 10
FOUND_NOTE = gettext_lazy(
    "Nothing is recorded yet: the prediction becomes the outage record, with "
    "where the fault was found. Record it if the power is off there."
)


def _prediction(request: StationRequest, pk: int) -> PredictedOutage:
    found = station_queryset(request, PredictedOutage).filter(pk=pk).first()
    if found is None:
        raise OutageError(
            _("The engine no longer sees this outage (new signals came in): look again.")
        )
    return found


def _ask_again(request: StationRequest, pk: int, token: str) -> HttpResponse:
    """The ask of a first press of "found here" (kept by ``_found_on_prediction``), drawn
    again from what the press sent and the prediction as it is now; an ask not kept (another
    browser's address, an old one) goes back to the board."""
    kept = request.session.get(ASKS_KEPT, {}).get(token)
    if not isinstance(kept, dict) or kept.get("pk") != pk:
        return redirect(BOARD_PAGE)
    fields = tuple((str(name), str(value)) for name, value in kept["fields"])
    told = dict(fields)
    try:
        predicted = _prediction(request, pk)
        device = prediction_found_check(
            prediction=predicted,
            user=request.user,
            place=told.get("place", ""),
            cause=told.get("cause", ""),
            note=told.get("note", ""),
        )
    except (OutageError, InputError) as exc:
        messages.error(request, str(exc))
        return redirect(kept["next"])
    return ask_page(
        request,
        AskForm(
            ask=record_ask(
                request.station,
                device,
                starts_at=predicted.first_sign_at,
                cause_kind=told.get("cause", ""),
            ),
            url=reverse("outages:prediction_patrol", args=[pk]),
            fields=fields,
            form_token=token,
            next=kept["next"],
            note=str(FOUND_NOTE),
            testid="found-here-record",
        ),
    )


def _found_on_prediction(request: StationRequest, pk: int) -> HttpResponse:
    """Found on a prediction's stretch records the outage, which texts every household below
    at once: asked first, as the board's confirm asks (``record_after_asking``). The first
    press records nothing and says how many it texts; the ask's button records the outage and
    where it was found, once however often it is sent (a retry after the engine dropped the
    prediction finds the first one's outage)."""
    told = _told(request)

    def prediction() -> PredictedOutage:
        return _prediction(request, pk)

    try:
        answer = record_after_asking(
            station=request.station,
            user=request.user,
            data=request.POST,
            kind=FormSubmission.Kind.OUTAGE_FOUND,
            device=lambda: prediction_found_check(
                prediction=prediction(), user=request.user, **told
            ),
            record=lambda: prediction_found_here(
                prediction=prediction(), user=request.user, **told
            ),
            when=lambda: {"starts_at": prediction().first_sign_at},
        )
    except (OutageError, InputError) as exc:
        # A note too long is drawn again to be mended, as on an outage's list (``_mended``).
        mended = _mended(request, exc, prediction=pk)
        if mended is not None:
            return mended
        messages.error(request, str(exc))
        return redirect(came_from(request, BOARD_PAGE))
    if isinstance(answer, Asking):
        form = ask_form(
            request,
            answer,
            url=reverse("outages:prediction_patrol", args=[pk]),
            fields=("place", "cause", "note"),
            note=str(FOUND_NOTE),
            testid="found-here-record",
            default=BOARD_PAGE,
        )
        # Kept, and drawn by a GET (``_ask_again``): the address is no longer the POST's.
        asks = dict(list(request.session.get(ASKS_KEPT, {}).items())[-(ASKS_MAX - 1) :])
        asks[answer.form_token] = {"pk": pk, "fields": form.fields, "next": form.next}
        request.session[ASKS_KEPT] = asks
        return redirect(f"{form.url}?{urlencode({'ask': answer.form_token})}")
    if answer.outage is not None:
        _say_found(request, answer.outage)
    return redirect(came_from(request, BOARD_PAGE))


def _mended(
    request: StationRequest,
    exc: Exception,
    *,
    outage: Outage | None = None,
    prediction: int | None = None,
) -> HttpResponse | None:
    """The "found here" form sent, drawn again on top of the page it came from as typed, with
    ``exc`` at its field (``views_mend``); None for a refusal of no field of the form (said in
    a message) or a row no longer there."""
    if not getattr(exc, "field", ""):
        return None
    mend = mend_for(
        request, "found_here", exc, outage=outage.pk if outage else None, prediction=prediction
    )
    if mend is None:
        return None
    if outage is not None:
        stops = patrol_cached(outage)
    else:
        found = station_queryset(request, PredictedOutage).filter(pk=prediction or 0).first()
        stops = patrol_for(found) if found is not None else []
    place = request.POST.get("place", "")
    mend.row["place_label"] = next((s.label for s in stops if s.key == place), "")
    return mend_page(request, mend)


def _render(request: StationRequest, subject: Outage | PredictedOutage, url: str) -> HttpResponse:
    found = None
    if isinstance(subject, Outage):
        # A place that is itself an outage recorded, said so with its crew (walk44, 6).
        stops = with_recorded(subject, patrol_cached(subject))
        # Once a crew has said where the fault was, that is the answer; the guess is folded.
        found = (
            subject.found_places.select_related("device__parent", "found_by").order_by("pk").last()
        )
    else:
        stops = with_recorded(subject, patrol_for(subject))
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
            # A danger reported in its area (a line down): where the crew goes first.
            "hazards": hazards_of(subject),
        },
    )


def _told(request: StationRequest) -> dict[str, str]:
    """Where the fault was found, what caused it, and the note, as the form sent them."""
    data = request.POST
    return {
        "place": data.get("place", "")[:80],
        "cause": data.get("cause", "")[:40],
        "note": data.get("note", ""),  # whole: too long, the service refuses it (never cut)
    }


def _say_found(request: StationRequest, outage: Outage) -> None:
    messages.success(
        request,
        _("Recorded: the fault of %(device)s was found; the cause is %(cause)s.")
        % {"device": outage.device, "cause": outage.cause_shown},
    )
