"""Reading a station's people."""

from __future__ import annotations

from django.db.models import QuerySet

from powerdesk.accounts.models import STATION_STAFF_ROLES, Station, User


def station_staff(station: Station) -> QuerySet[User]:
    """Everyone with a staff role at the station (village liaisons are not staff), by name."""
    return (
        User.objects.filter(memberships__station=station, memberships__role__in=STATION_STAFF_ROLES)
        .distinct()
        .order_by("full_name", "username")
    )
