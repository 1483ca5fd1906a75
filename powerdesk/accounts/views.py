"""Login, station switching, staff and crews, exporting lists and the trail of exports."""

from __future__ import annotations

from urllib.parse import unquote_plus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from powerdesk.accounts.crews import (
    OFFICE_ROLES,
    CrewFieldError,
    CrewLeaderError,
    crew_base_set,
    crew_leader_set,
    crew_leader_wanted,
    crew_position_report,
    is_member,
    last_positions,
    place_problems,
)
from powerdesk.accounts.exporting import export_titles, list_export_start
from powerdesk.accounts.forms import CrewPositionForm
from powerdesk.accounts.models import Crew, CrewPosition, ExportLog, Membership, User
from powerdesk.accounts.pages import PAGES
from powerdesk.accounts.permissions import Do, may, roles_of
from powerdesk.accounts.staff import (
    StaffError,
    ended_lately,
    handed_back_words,
    liaisons_retired_words,
    membership_end,
    membership_end_ask,
    staff_rows,
)
from powerdesk.accounts.tenancy import (
    SESSION_KEY,
    StationRequest,
    get_for_user,
    station_page,
    station_queryset,
)
from powerdesk.lib.exports import ExportRefused, csv_response, exports, xlsx_response
from powerdesk.lib.forms import TYPED_KEPT, InputError, form_error_text, id_or_none
from powerdesk.lib.kept import drop_kept, keep, kept_address, kept_dict, kept_redirect
from powerdesk.lib.search import search_of_page


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def switch_station(request: HttpRequest) -> HttpResponse:
    """Make another of the user's stations the current one. Opened (GET), the page lists the
    user's stations, the current one marked, each with its button: the top bar's list as a page
    of its own (without a script, or from a link)."""
    if request.method != "POST":
        return render(request, "accounts/station_switch.html")
    station_id = id_or_none(request.POST.get("station"))
    user: User = request.user  # type: ignore[assignment]
    if station_id is None or station_id not in user.station_ids():
        messages.error(request, _("You do not belong to that station."))
    else:
        request.session[SESSION_KEY] = station_id
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "web:root"  # each role's own first page (a liaison has no home page)
    return redirect(target)


@station_page("accounts:staff")
def staff_list(request: StationRequest) -> HttpResponse:
    crews = (
        station_queryset(request, Crew)
        .select_related("leader", "station")
        .prefetch_related(Prefetch("members", queryset=User.objects.order_by("full_name")))
    )
    return render(
        request,
        "accounts/staff_list.html",
        {
            # With the other stations each person works at, and what the reader may do.
            "people": staff_rows(request.station, request.user),
            # Each marked when it wants a leader, with why when known.
            "crews": crew_leader_wanted(list(crews)),
            "perms_end": may(request.user, request.station, Do.STAFF_END),
            # The latest endings of people's work here, for those who read the audit trail.
            "ended": (
                ended_lately(request.station) if PAGES["ops:audit"].view & request.roles else []
            ),
        },
    )


_TYPED_END = "typed-staff-end-%s"  # an ending refused: the reason and why, drawn again


@require_http_methods(["GET", "HEAD", "POST"])
@station_page("accounts:staff_end")
def staff_end(request: StationRequest, pk: int) -> HttpResponse:
    """End a person's work at the station: opened from their row of the staff page, the page
    says what they hold (roles, crews, open work, each linked) and what becomes of it before
    the ending is confirmed with its reason (POST)."""
    # Only someone working at the station (another station's person answers 404).
    member = station_queryset(request, Membership).filter(user_id=pk).select_related("user")
    person = member.first()
    if person is None:
        raise Http404("Not of this station")
    if request.method != "POST":
        asked = membership_end_ask(station=request.station, person=person.user, user=request.user)
        from powerdesk.notifications.crew_reach import crews_phoned_at

        return render(
            request,
            "accounts/staff_end.html",
            {
                "asked": asked,
                # Kept for the address it is drawn for (``lib.kept``), not taken once.
                "typed": kept_dict(request, _TYPED_END % pk),
                # Crews whose duty phone is their own number (walkthrough 34, 2).
                "phoned_crews": crews_phoned_at(request.station, person.user),
            },
        )
    reason = request.POST.get("reason", "")
    try:
        ended = membership_end(
            station=request.station, person=person.user, user=request.user, reason=reason
        )
    except StaffError as exc:
        return kept_redirect(
            request,
            _TYPED_END % pk,
            {"reason": reason[:TYPED_KEPT], "error": str(exc)},
            reverse("accounts:staff_end", kwargs={"pk": pk}),
        )
    drop_kept(request, _TYPED_END % pk)
    messages.success(
        request,
        _("%(person)s no longer works at %(station)s.")
        % {"person": person.user, "station": request.station.name}
        + (
            " "
            + _("Their open work is the station's again, without an owner: %(what)s.")
            % {"what": handed_back_words(ended.handed_back)}
            if ended.handed_back
            else ""
        )
        + (
            " " + liaisons_retired_words(ended.liaisons_retired).capitalize() + "."
            if ended.liaisons_retired
            else ""
        ),
    )
    return redirect("accounts:staff")


@station_page("accounts:crew")
def crew_detail(request: StationRequest, pk: int) -> HttpResponse:
    crew = get_for_user(request, Crew.objects.select_related("leader", "station"), pk=pk)
    from powerdesk.accounts.crew_phone import PHONE_TYPED
    from powerdesk.notifications.crew_reach import ended_owner_of

    members = list(crew.members.order_by("full_name"))
    return render(
        request,
        "accounts/crew_detail.html",
        {
            # Without a leader: marked, with why when known; the dispatcher and the chief
            # choose one among its members (``crew_leader``).
            "crew": crew_leader_wanted([crew])[0],
            "members": members,
            "leaders": crew.leader_changes.select_related("by")[:10],
            "position": last_positions([crew]).get(crew.pk),
            "member": is_member(request.user, crew),
            "office": bool(roles_of(request.user, request.station) & OFFICE_ROLES),
            # A refusal kept for the address it is drawn for (``lib.kept``).
            "base_typed": kept_dict(request, _TYPED_BASE % crew.pk),
            # Its duty phone is the number of someone no longer at the station (walkthrough 34,
            # 2), and the office's form to set it (``crew_phone``).
            "phone_owner_gone": ended_owner_of(crew),
            "phone_typed": kept_dict(request, PHONE_TYPED % crew.pk),
        },
    )


@station_page("accounts:crew_leader")
@require_POST
def crew_leader(request: StationRequest, pk: int) -> HttpResponse:
    """The crew's leader chosen among its members, on the crew's page; ``was``, the leader the
    page showed, keeps a choice made meanwhile from being written over."""
    crew = get_for_user(request, Crew, pk=pk)
    leader = crew.members.filter(pk=id_or_none(request.POST.get("leader")) or 0).first()
    try:
        if leader is None:
            raise CrewLeaderError(_("Choose the new leader among the crew's members."))
        changed = crew_leader_set(
            crew=crew, user=request.user, leader=leader, was=id_or_none(request.POST.get("was"))
        )
    except CrewLeaderError as exc:
        messages.error(request, str(exc))
    else:
        if changed is not None:
            messages.success(
                request,
                _("%(person)s leads %(crew)s now.") % {"person": leader, "crew": crew.name},
            )
    return redirect("accounts:crew", pk=crew.pk)


_TYPED_BASE = "typed-crew-base-%s"  # a base refused, kept to be drawn again at its fields


@station_page("accounts:crew_position")
@require_POST
def crew_position(request: StationRequest, pk: int) -> HttpResponse:
    """A crew's position from a member's phone or the office, or its base (the office)."""
    crew = get_for_user(request, Crew, pk=pk)
    form = CrewPositionForm(request.POST)
    token = ""
    if not form.is_valid() and request.POST.get("what") == "base":
        wrong = {n: " ".join(str(e) for e in errs) for n, errs in form.errors.items()}
        if "x" in form.cleaned_data and "y" in form.cleaned_data:
            # The coordinates' own problems said in the same answer as the form's.
            x, y = form.cleaned_data["x"], form.cleaned_data["y"]
            wrong.update({n: said for n, said in place_problems(x, y).items() if said})
        token = _keep_base(request, crew, wrong)
    elif not form.is_valid():
        messages.error(request, form_error_text(form))
    else:
        data = form.cleaned_data
        try:
            if data["what"] == "base":
                crew_base_set(
                    crew=crew, user=request.user, name=data["base"], x=data["x"], y=data["y"]
                )
                drop_kept(request, _TYPED_BASE % crew.pk)
                messages.success(request, _("The crew's base is saved."))
            else:
                crew_position_report(
                    crew=crew,
                    user=request.user,
                    x=data["x"],
                    y=data["y"],
                    accuracy_m=data["accuracy"],
                    source=data["source"] or CrewPosition.Source.PHONE,
                )
                messages.success(
                    request, _("%(crew)s's position is on the outage map.") % {"crew": crew.name}
                )
        except CrewFieldError as exc:
            if data["what"] == "base":
                token = _keep_base(request, crew, exc.wrong)
            else:
                messages.error(request, str(exc))
        except InputError as exc:
            messages.error(request, str(exc))
    target = request.POST.get("next", "")
    if not (target and url_has_allowed_host_and_scheme(target, {request.get_host()})):
        target = reverse("accounts:crew", kwargs={"pk": crew.pk})
    return redirect(kept_address(target, token) if token else target)


def _keep_base(request: StationRequest, crew: Crew, wrong: dict[str, str]) -> str:
    """The crew's page again with the base as typed, each refusal at its field (the form's, or
    the service's: review 32, finding 14); the token of the address it is drawn for."""
    return keep(
        request,
        _TYPED_BASE % crew.pk,
        {
            "base": request.POST.get("base", "")[:TYPED_KEPT],
            "x": request.POST.get("x", "")[:40],
            "y": request.POST.get("y", "")[:40],
            "wrong": wrong,
        },
    )


@station_page("accounts:export")
def export_list(request: StationRequest, name: str, fmt: str) -> HttpResponseBase:
    """A list page's rows, with the page's filters (its query string) and its search (kept in
    the session), as CSV or Excel."""
    export = exports().get(name)
    if export is None or fmt not in ExportLog.Format.values:
        raise Http404(name)
    # The page's search (a phone number, perhaps) is kept in the session, never in an address.
    search = search_of_page(request, export.page)
    moved = search.redirect_from_address()
    if moved is not None:
        return moved
    try:
        rows = list_export_start(
            export=export,
            fmt=fmt,
            station=request.station,
            user=request.user,
            params=search.params(),
            searched=search.fields,
        )
    except ExportRefused as exc:
        # Said, as the monthly report says a month it has not: never another month's file.
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    if fmt == ExportLog.Format.CSV:
        return csv_response(export, request.station, rows)
    return xlsx_response(export, request.station, rows)


@station_page("accounts:export_log")
def export_log(request: StationRequest) -> HttpResponse:
    """Who exported which list, when, with which filters: for the chief and the administrator."""
    entries = station_queryset(request, ExportLog).select_related("by")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    titles = export_titles()
    for entry in page.object_list:
        entry.title = titles.get(entry.list_name, entry.list_name)  # type: ignore[attr-defined]
        # Stored exactly as asked; shown as typed (a search in Chinese reads as Chinese).
        entry.filters_shown = unquote_plus(entry.filters).replace("&", " · ")  # type: ignore[attr-defined]
    return render(request, "accounts/export_log.html", {"page": page})
