"""Sets ``request.station``, ``request.roles`` and ``request.member_stations`` for the
logged-in user."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from powerdesk.accounts.models import Membership, Station
from powerdesk.accounts.tenancy import SESSION_KEY


class CurrentStationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.station = None  # type: ignore[attr-defined]
        request.roles = frozenset()  # type: ignore[attr-defined]
        request.member_stations = []  # type: ignore[attr-defined]
        user = request.user
        if user.is_authenticated:
            memberships = list(
                Membership.objects.filter(user=user).values_list("station_id", "role")
            )
            station_ids = sorted({sid for sid, _ in memberships})
            # What User.station_ids() would ask the database for again on this request.
            user._station_ids = set(station_ids)  # type: ignore[union-attr]
            # Every page lists the user's stations (to switch): all of them in one query.
            stations = list(Station.objects.filter(pk__in=station_ids).order_by("name"))
            request.member_stations = stations  # type: ignore[attr-defined]
            chosen = request.session.get(SESSION_KEY)
            if chosen not in station_ids:
                chosen = station_ids[0] if station_ids else None
            if chosen is not None:
                request.station = next((s for s in stations if s.pk == chosen), None)  # type: ignore[attr-defined]
                request.roles = frozenset(  # type: ignore[attr-defined]
                    role for sid, role in memberships if sid == chosen
                )
        return self.get_response(request)
