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
            # The user's roles and stations in one query: every page lists the stations (to
            # switch), every service asks the roles (``permissions.roles_of``).
            # In the stations' order by name, as the database sorts names.
            memberships = list(
                Membership.objects.filter(user=user)
                .select_related("station")
                .order_by("station__name", "station_id")
            )
            by_id: dict[int, Station] = {m.station_id: m.station for m in memberships}
            roles: dict[int, frozenset[str]] = {
                sid: frozenset(m.role for m in memberships if m.station_id == sid) for sid in by_id
            }
            station_ids = sorted(by_id)
            # What User.station_ids() and permissions.roles_of would ask again on this request.
            user._station_ids = set(station_ids)  # type: ignore[union-attr]
            user.__dict__.setdefault("_roles_at", {}).update(roles)
            request.member_stations = list(by_id.values())  # type: ignore[attr-defined]
            chosen = request.session.get(SESSION_KEY)
            if chosen not in station_ids:
                chosen = station_ids[0] if station_ids else None
            if chosen is not None:
                request.station = by_id[chosen]  # type: ignore[attr-defined]
                request.roles = roles[chosen]  # type: ignore[attr-defined]
        return self.get_response(request)
