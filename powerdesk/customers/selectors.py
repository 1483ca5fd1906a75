"""Finding customers: by any written form of a phone number, by name, account or address."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import QueryDict

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.lib.forms import id_or_none
from powerdesk.lib.phones import InvalidPhoneNumber, normalize_phone


def customers_by_phone(*, station: Station, raw: str) -> QuerySet[Customer]:
    """The station's customers who call from ``raw`` written in any form (none if not a number)."""
    try:
        number = normalize_phone(raw, area_code=station.area_code)
    except InvalidPhoneNumber:
        return Customer.objects.none()
    # From the number's index to its few customers, then those by their ids: asked as one query
    # (a join, or a subquery), SQLite's planner walks every customer of the station by the
    # station's index instead (~1 ms on the demo station, a call; more on a real one).
    callers = list(
        CustomerPhone.objects.filter(number=number).values_list("customer_id", flat=True)
    )
    return Customer.objects.for_station(station).filter(id__in=callers)


def customer_search(*, station: Station, query: str) -> QuerySet[Customer]:
    """Customers matching a phone number, account number, name or address."""
    customers = Customer.objects.for_station(station)
    query = query.strip()
    if not query:
        return customers
    by_phone = customers_by_phone(station=station, raw=query)
    if sum(ch.isdigit() for ch in query) >= 7 and by_phone.exists():
        return by_phone
    return customers.filter(
        Q(account_number__icontains=query) | Q(name__icontains=query) | Q(address__icontains=query)
    )


# The care flags a list can be filtered by (``?flag=``).
LIST_FLAGS = ("elderly_alone", "hardship", "medical_need", "important")


def customers_listed(*, station: Station, params: QueryDict) -> QuerySet[Customer]:
    """The customer list with its filters: ``q`` (as ``customer_search``), ``village`` and a
    care ``flag``; by account number, with their phones."""
    customers = customer_search(station=station, query=params.get("q", ""))
    village_id = id_or_none(params.get("village"))
    if village_id is not None:
        customers = customers.filter(village_id=village_id)
    flag = params.get("flag", "")
    if flag in LIST_FLAGS:
        customers = customers.filter(**{flag: True})
    return (
        customers.select_related("village", "group", "transformer")
        .prefetch_related(Prefetch("phones", queryset=CustomerPhone.objects.order_by("pk")))
        .order_by("account_number", "pk")
    )
