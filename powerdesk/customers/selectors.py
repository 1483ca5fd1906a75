"""Finding customers: by any written form of a phone number, by name, account or address."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.lib.phones import InvalidPhoneNumber, normalize_phone


def customers_by_phone(*, station: Station, raw: str) -> QuerySet[Customer]:
    """The station's customers who call from ``raw`` written in any form (none if not a number)."""
    try:
        number = normalize_phone(raw, area_code=station.area_code)
    except InvalidPhoneNumber:
        return Customer.objects.none()
    return Customer.objects.for_station(station).filter(phones__number=number).distinct()


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
