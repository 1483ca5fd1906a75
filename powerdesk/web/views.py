from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from powerdesk.accounts.models import OFFICE_ROLES, STATION_STAFF_ROLES, Role
from powerdesk.accounts.tenancy import StationRequest, station_page
from powerdesk.community.models import Village, VillageGroup
from powerdesk.lib.forms import id_or_none
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.idempotency import form_submit_once, form_token_new
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.web.home import panels_for
from powerdesk.web.panels import HOME_SLOTS

# What a liaison types on a phone about one problem.
REPORT_CHARS = 2000


@require_safe
def root(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if getattr(request, "station", None) is None:
        return render(request, "web/no_station.html", status=403)
    roles: frozenset[str] = getattr(request, "roles", frozenset())
    if not (roles & STATION_STAFF_ROLES):
        return redirect("web:liaison")
    if Role.CREW in roles and not (roles & OFFICE_ROLES):
        # A crew member works from the phone: their jobs first, the station's picture a tap away.
        return redirect("servicedesk:crew_jobs")
    return redirect("web:home")


@station_page("web:home")
def home(request: StationRequest) -> HttpResponse:
    """The station at a glance: outages, open work, deadlines, the grid, customers to care for."""
    slots = panels_for(request, HOME_SLOTS)
    charts = any(slot.key == "chief_figures" and panels for slot, panels in slots)
    return render(request, "web/home.html", {"slots": slots, "charts": charts})


@station_page("web:liaison")
def liaison_home(request: StationRequest) -> HttpResponse:
    """A village liaison's page: the outages that reach their villages, and what they reported
    themselves; nothing of other households' business."""
    from powerdesk.community.liaison import (
        LiaisonError,
        liaison_power_back,
        liaison_reports,
        liaison_villages,
        outage_groups,
        village_outages,
        village_suspected,
    )
    from powerdesk.community.liaison_back import power_back_offer, village_back

    villages = list(liaison_villages(request.user, request.station).prefetch_related("groups"))
    if request.method == "POST" and villages:
        chosen = request.POST.get("village", "")
        # A page from before the village field was sent names no village: with one, it is that.
        village = next((v for v in villages if str(v.pk) == chosen), None)
        if village is None and not chosen and len(villages) == 1:
            village = villages[0]
        try:
            if village is None:
                raise LiaisonError(_("Choose one of your villages."))
            group_id = id_or_none(request.POST.get("group"))
            group = village.groups.filter(pk=group_id).first() if group_id else None
            if request.POST.get("action") == "power_back":
                outage_id = id_or_none(request.POST.get("outage"))
                outage = (
                    Outage.objects.for_station(request.station).filter(pk=outage_id).first()
                    if outage_id
                    else None
                )
                if outage is None:
                    raise LiaisonError(_("That outage does not reach your village."))
                liaison_power_back(user=request.user, village=village, outage=outage, group=group)
                messages.success(request, _("Thank you: the station knows power is back."))
            else:
                _report_once(request, village, group)
                messages.success(request, _("Reported: the station has it."))
        except LiaisonError as exc:
            messages.error(request, str(exc))
        return redirect("web:liaison")
    groups = {
        v.pk: v.groups.annotate(households=Count("customers")).order_by("name") for v in villages
    }
    contacts = {
        v.pk: list(v.liaisons.filter(active=True).select_related("group").order_by("group__name"))
        for v in villages
    }
    from powerdesk.notifications.estimate_texts import back_as_told

    found = {v.pk: list(village_outages(v)) for v in villages}
    # When power is back, as the villagers were texted (the board's and the texts' time).
    back = back_as_told({o.pk: o for os in found.values() for o in os}.values())
    outages = {}
    for v in villages:
        # How much of the village has power back after the dispatcher's steps, and what the
        # liaison said themselves (their button gives way once they said it).
        parts = village_back(v, found[v.pk], user=request.user)
        rows = []
        for o in found[v.pk]:
            under = outage_groups(o, v)
            part = parts.get(o.pk)
            rows.append((o, under, back.get(o.pk), part, power_back_offer(under, part)))
        outages[v.pk] = rows
    suspected = village_suspected(request.station, villages) if villages else {}
    return render(
        request,
        "web/liaison_home.html",
        {
            "villages": [
                (v, groups[v.pk], outages[v.pk], suspected[v.pk], contacts[v.pk]) for v in villages
            ],
            "reports": liaison_reports(request.user, request.station),
            "form_token": form_token_new(),
        },
    )


def _report_once(request: StationRequest, village: Village, group: VillageGroup | None) -> None:
    """The report is stored once however often the page sends it (a double tap, a retry on a
    weak signal): the page carries a one-time token."""
    from powerdesk.community.liaison import LiaisonError, liaison_report
    from powerdesk.servicedesk.models import Call, FormSubmission

    token = request.POST.get("form_token", "")
    if not token or len(token) > 64:
        raise LiaisonError(_("This page was out of date: please report again."))
    if len(request.POST.get("text", "")) > REPORT_CHARS:
        raise LiaisonError(
            _("%(field)s is too long: at most %(n)s characters.")
            % {"field": _("What the problem is"), "n": REPORT_CHARS}
        )

    def report() -> tuple[Call | None, WorkOrder | None]:
        made = liaison_report(
            user=request.user, village=village, group=group, text=request.POST.get("text", "")
        )
        return (made, None) if isinstance(made, Call) else (None, made)

    form_submit_once(
        station=request.station,
        user=request.user,
        token=token,
        kind=FormSubmission.Kind.LIAISON_REPORT,
        work=report,
    )
