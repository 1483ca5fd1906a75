"""A village liaison as a caller, and as the person a household's group goes through (walk74, M1).

A committee member or group leader rings from their own number: not a customer account, but
known to the station. Intake names them (``liaison_by_phone``), the call keeps them
(``Call.liaison``), the customer search finds them (``liaisons_found``), and a household's page
names the liaison of its group (``household_liaisons``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from powerdesk.community.models import Liaison
from powerdesk.lib.phones import InvalidPhoneNumber, format_phone, normalize_phone

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.customers.models import Customer

__all__ = ["household_liaisons", "liaison_by_phone", "liaisons_found"]

# At most this many liaisons are listed above a customer search's results.
FOUND_ROWS = 10


def _written(raw: str, station: Station) -> str:
    """``raw`` as a liaison's number is stored (``liaison_add``: "151 6702 6605"), or ""."""
    raw = raw.strip()
    if not raw:
        return ""
    try:
        return format_phone(normalize_phone(raw, area_code=station.area_code))
    except InvalidPhoneNumber:
        return ""


def liaison_by_phone(station: Station, raw: str) -> Liaison | None:
    """The station's serving liaison whose own number ``raw`` is (written in any form); the
    committee's first when one person serves twice. None for any other number."""
    number = _written(raw, station)
    if not number:
        return None
    return (
        Liaison.objects.for_station(station)
        .filter(active=True, phone=number)
        .select_related("village", "group", "user")
        .order_by("group__name", "role", "pk")
        .first()
    )


def liaisons_found(station: Station, query: str) -> list[Liaison]:
    """The serving liaisons a customer search names: by their number, or a part of their name."""
    query = query.strip()
    if not query:
        return []
    match = Q(name__icontains=query)
    number = _written(query, station)
    if number:
        match |= Q(phone=number)
    return list(
        Liaison.objects.for_station(station)
        .filter(match, active=True)
        .select_related("village", "group", "user")
        .order_by("village__name", "group__name", "role", "pk")[:FOUND_ROWS]
    )


def household_liaisons(customer: Customer) -> list[Liaison]:
    """Who the household's village group goes through: its group's serving liaisons, else (no
    group, or a group with none) the village committee's."""
    if customer.village_id is None:
        return []
    serving = Liaison.objects.filter(active=True, village_id=customer.village_id).select_related(
        "village", "group"
    )
    if customer.group_id is not None:
        of_group = list(serving.filter(group_id=customer.group_id).order_by("role", "pk"))
        if of_group:
            return of_group
    return list(serving.filter(group__isnull=True).order_by("role", "pk"))
