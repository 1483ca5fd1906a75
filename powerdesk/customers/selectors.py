"""Finding customers: by any written form of a phone number, by name, account or address."""

from __future__ import annotations

import re
import unicodedata

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


# What groups an account number's digits as it is written ("5325 0000 012", "5325-0000-012", a
# bill's or a caller's way; walk71, L5): taken out to find it, as intake does a phone's.
_ACCOUNT_GROUPING = re.compile(r"[\s\-\u2010-\u2015\u2212\uff0d_]+")


def account_written(raw: str) -> str:
    """``raw`` as an account number is stored: full-width digits made plain (NFKC), the spaces
    and hyphens that group its digits taken out, and the invisible characters a paste carries
    (``without_format``: probe72, H1).

    >>> account_written(" 5325 0000-012 "), account_written("５３２５００００１２")
    ('53250000012', '53250000012')
    >>> account_written("5325\u200b0000\u00ad012\u2060")
    '53250000012'
    """
    return _ACCOUNT_GROUPING.sub("", unicodedata.normalize("NFKC", without_format(raw)))


def without_format(text: str) -> str:
    """``text`` without Unicode's format characters (zero-width spaces and joiners, the word
    joiner, the BOM, the soft hyphen, bidirectional controls): nothing a person sees, so nothing
    an account number is told apart by."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def customer_by_account(customers: QuerySet[Customer], raw: str) -> Customer | None:
    """The customer among ``customers`` whose account number is ``raw`` as written, or once its
    grouping is taken out (``account_written``); None when none is."""
    typed = raw.strip()
    found = customers.filter(account_number=typed).first() if typed else None
    compact = account_written(typed)
    if found is None and compact and compact != typed:
        found = customers.filter(account_number=compact).first()
    return found


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
