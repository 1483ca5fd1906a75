"""The live outage board (an htmx partial the list page polls) and the device
box that finds a device by code, name, line or pole as one types."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from powerdesk.accounts.models import Crew
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.lib.forms import TYPED_KEPT, InputError, object_id
from powerdesk.lib.kept import drop_kept, kept_redirect
from powerdesk.outages.board import BoardRow, board_counts, board_rows
from powerdesk.outages.board_version import board_etag
from powerdesk.outages.callback_told import (
    FORM_FIELDS,
    given_up_told,
    put_back_told,
    recorded_told,
    score_sent,
)
from powerdesk.outages.devices import devices_matching
from powerdesk.outages.life import PROGRESS_STEPS
from powerdesk.outages.models import (
    Outage,
    OutageCallback,
    OutageCause,
)
from powerdesk.outages.outage_callback_record import (
    callback_waiting,
    outage_callback_give_up,
    outage_callback_put_back,
    outage_callback_record,
)
from powerdesk.outages.restoration import (
    dark_device_ids,
)
from powerdesk.outages.services import OutageError
from powerdesk.outages.steps import step_label
from powerdesk.servicedesk.views_callbacks import OUTAGE_CALLBACK_TYPED

# Where the board's forms go back to when they name no page (``lib.came_from``): the board.
BOARD_PAGE = "outages:board"

# The home page shows the first rows of the board (in the order of restoration), not a storm's
# hundreds: the outages page has them all.
HOME_ROWS = 8


def board_context(request: StationRequest, *, top: int | None = None) -> dict[str, object]:
    rows = board_rows(request.station)
    # The storm in figures above its rows, counted as the map and the home page count them.
    summary = {"counts": board_counts(rows)}
    if top is None and request.GET.get("top") == str(HOME_ROWS):
        top = HOME_ROWS
    if top is not None and len(rows) > top:
        return {
            **board_context_rows(request, rows[:top]),
            **summary,
            "more": len(rows) - top,
            "top": top,
        }
    return {**board_context_rows(request, rows), **summary}


def board_context_rows(request: StationRequest, rows: list[BoardRow]) -> dict[str, object]:
    # In a storm, dozens of households alone on the engine's list (a fault of their own line or
    # meter, or a wrong account) are folded below the devices, by village and group.
    singles = [r for r in rows if r.device is None and r.outage is None]
    by_place: dict[str, list[BoardRow]] = {}
    for r in singles:
        by_place.setdefault(r.places[0] if r.places else "", []).append(r)
    return {
        "rows": [r for r in rows if not (r.device is None and r.outage is None)] or singles,
        "singles": singles if len(rows) > len(singles) else [],
        "single_places": sorted(by_place.items(), key=lambda item: -len(item[1])),
        "crews": station_queryset(request, Crew).order_by("name"),
        "causes": OutageCause.choices,
        "steps": [(what, step_label(what)) for what in PROGRESS_STEPS],
    }


@station_page("outages:board")
@require_GET
def outage_board(request: StationRequest) -> HttpResponse:
    """The board's rows; an unchanged board is a 304, so a slow line carries a few bytes a
    second instead of the whole table. Whether it changed is known from its version stamp
    (one query), before it is drawn: the board is polled every second by every open page.

    Opened at its own address (not htmx polling: a bookmark, a link, a reload), it is a page
    of its own around the same board, polled the same way, not a bare fragment."""
    if not request.htmx:
        context = board_context(request)
        page = render(request, "outages/board_page.html", {**context, "top": context.get("top")})
        page["Cache-Control"] = "no-cache, private"
        patch_vary_headers(page, ["HX-Request"])
        return page
    tag = board_etag(request, request.station)
    asked = {t.strip() for t in request.headers.get("If-None-Match", "").split(",")}
    if tag in asked:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = render(request, "outages/_board.html", board_context(request))
    response["ETag"] = tag
    # Asked again each time (never served from the cache without asking), and only to this user.
    response["Cache-Control"] = "no-cache, private"
    patch_vary_headers(response, ["HX-Request"])  # the same address is a page without htmx
    return response


@station_page("outages:devices")
@require_GET
def device_options(request: StationRequest) -> HttpResponse:
    """<option>s for the device box's datalist: the value is the code, the label says where."""
    text = request.GET.get("device") or request.GET.get("q") or request.GET.get("still_open") or ""
    within = None
    if request.GET.get("under"):
        # Only what is still dark under an outage (the partial-restore form's boxes).
        try:
            pk = object_id(request.GET["under"], _("outage"))
        except InputError:
            pk = 0
        within = dark_device_ids(get_for_user(request, Outage, pk=pk)) if pk else set()
    return render(
        request,
        "outages/_device_options.html",
        {"devices": devices_matching(request.station, text, within=within)},
    )


@station_page("outages:callback_done")
@require_POST
def callback_done(request: StationRequest, pk: int) -> HttpResponse:
    """A try at calling a household back after an outage, with its outcome and score, or the
    chief giving it up (``action=give_up``), from the callbacks page. Refused: said on its row,
    what was chosen and typed kept."""
    callback = get_for_user(request, OutageCallback, pk=pk)
    post = request.POST
    if post.get("action") == "put_back":
        return _put_back(request, callback)
    try:
        if post.get("action") == "give_up":
            done = outage_callback_give_up(
                callback=callback, user=request.user, reason=post.get("note", "")
            )
            told = given_up_told(done)
        else:
            recorded = outage_callback_record(
                callback=callback,
                user=request.user,
                outcome=post.get("outcome", ""),
                satisfaction=score_sent(post),
                still_off=bool(post.get("still_off")),
                note=post.get("note", ""),
            )
            told = recorded_told(recorded)
    except (OutageError, InputError) as exc:
        listed = OutageCallback.objects.filter(pk=callback.pk, done_at=None).first()
        if listed is not None and not callback_waiting(listed):
            # At its row on the list, what was typed kept (``callbacks_page``).
            return kept_redirect(
                request,
                OUTAGE_CALLBACK_TYPED,
                {
                    "callback": callback.pk,
                    **{name: post.get(name, "")[:TYPED_KEPT] for name in FORM_FIELDS},
                    "error": str(exc),
                },
                reverse("servicedesk:callbacks") + f"#outage-callback-{callback.pk}",
            )
        # Settled meanwhile (a double click, another clerk), or its power not back yet (not
        # listed: review68 L6): no row to say it on.
        messages.error(request, str(exc))
    else:
        drop_kept(request, OUTAGE_CALLBACK_TYPED)
        messages.success(request, told)
    return redirect("servicedesk:callbacks")


def _put_back(request: StationRequest, callback: OutageCallback) -> HttpResponse:
    """The chief puts a household given up back on the list (恢复回访), saying why; refused,
    said at the top of the callbacks page (the given-up row stays as it was)."""
    try:
        back = outage_callback_put_back(
            callback=callback, user=request.user, reason=request.POST.get("note", "")
        )
    except OutageError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("servicedesk:callbacks") + f"#given-up-{callback.pk}")
    messages.success(request, put_back_told(back))
    return redirect(reverse("servicedesk:callbacks") + f"#outage-callback-{callback.pk}")
