from __future__ import annotations

from django.http import HttpRequest

from powerdesk.accounts.models import OFFICE_ROLES, Role, Station
from powerdesk.accounts.pages import PAGES
from powerdesk.accounts.permissions import Do, allowed


def station(request: HttpRequest) -> dict[str, object]:
    """The current station, the user's other stations and roles, for every template."""
    current = getattr(request, "station", None)
    roles: frozenset[str] = getattr(request, "roles", frozenset())
    stations: list[Station] = []
    if request.user.is_authenticated and current is not None:
        listed: list[Station] | None = getattr(request, "member_stations", None)
        # The middleware fetched them; a request that did not pass it asks here.
        stations = (
            listed if listed is not None else list(request.user.member_stations())  # type: ignore[union-attr]
        )
    return {
        "current_station": current,
        "member_stations": stations,
        "current_roles": roles,
        "role_labels": [Role(r).label for r in sorted(roles)],
        "is_staff_role": bool(roles - {Role.LIAISON}),
        "is_office": bool(roles & OFFICE_ROLES),
        # What the pages may offer: ``may.OUTAGE_DECLARE`` (the role matrix's ``Do`` names).
        "may": {action.name: allowed(roles, action) for action in Do},
        # Which pages the menu may link to: ``opens.arrears_cases`` for "arrears:cases".
        "opens": {name.replace(":", "_"): bool(page.view & roles) for name, page in PAGES.items()},
    }
