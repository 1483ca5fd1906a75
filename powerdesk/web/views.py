"""Where a login lands: the site's root sends each role to its start, a person who works at no
station is told why, and the station's home draws each role's panels. The village liaison's own
page is ``views_liaison``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from powerdesk.accounts.models import OFFICE_ROLES, STATION_STAFF_ROLES, Role
from powerdesk.accounts.tenancy import StationRequest, station_page
from powerdesk.web.home import panels_for
from powerdesk.web.panels import HOME_SLOTS


@require_safe
def root(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if getattr(request, "station", None) is None:
        return no_station_page(request)
    roles: frozenset[str] = getattr(request, "roles", frozenset())
    if not (roles & STATION_STAFF_ROLES):
        return redirect("web:liaison")
    if Role.CREW in roles and not (roles & OFFICE_ROLES):
        # A crew member works from the phone: their jobs first, the station's picture a tap away.
        return redirect("servicedesk:crew_jobs")
    return redirect("web:home")


def no_station_page(request: HttpRequest) -> HttpResponse:
    """The page of a person logged in who works at no station: if their work at one was ended,
    where and when (their latest ``MembershipEnded``), and whom to ask (the station's
    administrators and chief, and its phone); else that nobody gave them a role yet
    (walkthrough 34, finding 4: an open session said "not found", a new login "not yet")."""
    from powerdesk.accounts.models import Membership, MembershipEnded

    ended = (
        MembershipEnded.objects.filter(person_id=request.user.pk)
        .select_related("station")
        .order_by("-at", "-pk")
        .first()
    )
    contacts: list[str] = []
    if ended is not None:
        for member in (
            Membership.objects.filter(station=ended.station, role__in=(Role.ADMIN, Role.CHIEF))
            .select_related("user")
            .order_by("role", "user__username")
        ):
            name = _("%(person)s (%(role)s)") % {
                "person": member.user,
                "role": member.get_role_display(),
            }
            if name not in contacts:
                contacts.append(name)
    # The date kept on one line: a phone broke it as "2026-" / "12-05" (walkthrough 35, 19).
    ended_on = (
        format_html(
            '<span class="nowrap" data-testid="ended-on">{}</span>',
            f"{timezone.localdate(ended.at):%Y-%m-%d}",
        )
        if ended is not None
        else ""
    )
    return render(
        request,
        "web/no_station.html",
        {"ended": ended, "ended_on": ended_on, "contacts": contacts},
        status=403,
    )


@station_page("web:home")
def home(request: StationRequest) -> HttpResponse:
    """The station at a glance: outages, open work, deadlines, the grid, customers to care for."""
    slots = panels_for(request, HOME_SLOTS)
    charts = any(slot.key == "chief_figures" and panels for slot, panels in slots)
    return render(request, "web/home.html", {"slots": slots, "charts": charts})
