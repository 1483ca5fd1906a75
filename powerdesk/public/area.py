"""A villager finds their own area, with no login: the proof, the limits on trying, and the
signed tokens the pages after a lookup are shown from.

The account number and the last four digits of a phone on file together are the proof: a
lookup answers the same whether the account does not exist or the digits are wrong. Every
lookup counts against the address; a failed one also against the account number
(``lookup_allowed``, ``lookup_failed``), so that the four digits cannot be guessed from many
addresses — and the household's own lookups, which succeed, can never lock it out. Reports are
counted likewise (``report_allowed``). A lookup's answer is a page of its own, shown from a
short-lived signed token (``area_page_token``), so that back and refresh send nothing again and
the address never holds the account number or the digits.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core import signing
from django.utils.translation import gettext as _

from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.lib.forms import FieldError, column_chars
from powerdesk.lib.throttle import allow, tries

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = [
    "AREA_KEPT",
    "PublicError",
    "area_find",
    "area_from_page_token",
    "area_from_token",
    "area_page_token",
    "area_token",
    "lookup_allowed",
    "lookup_failed",
    "report_allowed",
]

ACCOUNT_CHARS = column_chars(Customer, "account_number")
AREA_KEPT = 2 * 3600  # seconds a lookup's answer may be used to report
# Seconds the lookup's answer page may be shown again from its address (back, refresh): short,
# since the address stays in the phone's history, where someone else may find it.
AREA_SHOWN = 30 * 60
_AREA_SALT = "powerdesk.public.area"
_AREA_PAGE_SALT = "powerdesk.public.area-page"
_FOUR_DIGITS = re.compile(r"\d{4}")

# Tries per window (seconds): a lookup from one address, a failed lookup of one account
# number; a report from one address, for one household.
LOOKUPS_PER_ADDRESS = (20, 600)
LOOKUPS_PER_ACCOUNT = (5, 3600)
REPORTS_PER_ADDRESS = (10, 3600)
REPORTS_PER_HOUSEHOLD = (3, 3600)


class PublicError(FieldError):
    """Input a villager can correct; the message says what. ``field``: the form field it is
    about, when one is (the page says it there, what was written kept)."""


def lookup_allowed(*, station: Station, address: str, account_number: str) -> bool:
    """Count a lookup from ``address``; False when the address tried too often, or the account
    number was looked up wrongly too often (``lookup_failed``)."""
    by_address = allow(
        "public-lookup-address",
        address,
        limit=LOOKUPS_PER_ADDRESS[0],
        seconds=LOOKUPS_PER_ADDRESS[1],
    )
    failed = tries(
        "public-lookup-account",
        _account_key(station, account_number),
        seconds=LOOKUPS_PER_ACCOUNT[1],
    )
    return by_address and failed < LOOKUPS_PER_ACCOUNT[0]


def lookup_failed(*, station: Station, account_number: str) -> None:
    """Count a lookup of ``account_number`` that matched no household."""
    allow(
        "public-lookup-account",
        _account_key(station, account_number),
        limit=LOOKUPS_PER_ACCOUNT[0],
        seconds=LOOKUPS_PER_ACCOUNT[1],
    )


def _account_key(station: Station, account_number: str) -> str:
    return f"{station.pk}:{account_number.strip()[:ACCOUNT_CHARS]}"


def report_allowed(*, address: str, customer: Customer) -> bool:
    """Count a report; False when the address or the household reported too often."""
    by_address = allow(
        "public-report-address",
        address,
        limit=REPORTS_PER_ADDRESS[0],
        seconds=REPORTS_PER_ADDRESS[1],
    )
    by_household = allow(
        "public-report-household",
        str(customer.pk),
        limit=REPORTS_PER_HOUSEHOLD[0],
        seconds=REPORTS_PER_HOUSEHOLD[1],
    )
    return by_address and by_household


def area_find(*, station: Station, account_number: str, phone_last4: str) -> Customer | None:
    """The customer whose account number is ``account_number`` and who has a phone on file
    ending in ``phone_last4``; None otherwise, whichever of the two did not match.

    Raises ``PublicError`` only for input that cannot be either (empty, or not four digits).
    """
    account_number = account_number.strip()
    phone_last4 = phone_last4.strip()
    if not account_number or len(account_number) > ACCOUNT_CHARS:
        raise PublicError(_("Enter the account number on your electricity bill."))
    if not _FOUR_DIGITS.fullmatch(phone_last4):
        raise PublicError(_("Enter the last four digits of your phone number."))
    # One query whatever matches: no timing tells an existing account from a missing one.
    match = (
        CustomerPhone.objects.for_station(station)
        .filter(customer__account_number=account_number, number__endswith=phone_last4)
        .select_related("customer__village", "customer__group", "customer__transformer")
        .first()
    )
    return match.customer if match is not None else None


def area_token(customer: Customer) -> str:
    """What the report form carries: the household found, signed, for ``AREA_KEPT``."""
    return signing.dumps([customer.station_id, customer.pk], salt=_AREA_SALT)


def area_from_token(*, station: Station, token: str) -> Customer:
    """The household a lookup found, from the report form's token."""
    return _household(station=station, token=token, salt=_AREA_SALT, max_age=AREA_KEPT)


def area_page_token(customer: Customer) -> str:
    """The address of a lookup's answer (after the POST, a redirect to a GET): the household
    found, signed, for ``AREA_SHOWN``; neither its account number nor a phone's digits."""
    return signing.dumps([customer.station_id, customer.pk], salt=_AREA_PAGE_SALT)


def area_from_page_token(*, station: Station, token: str) -> Customer:
    """The household a lookup's answer page names; ``PublicError`` when it is too old."""
    return _household(station=station, token=token, salt=_AREA_PAGE_SALT, max_age=AREA_SHOWN)


def _household(*, station: Station, token: str, salt: str, max_age: int) -> Customer:
    too_old = PublicError(_("This page is too old: look up your area again, then report."))
    try:
        station_id, pk = signing.loads(token[:200], salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        raise too_old from None
    if station_id != station.pk:
        raise too_old
    customer = Customer.objects.for_station(station).filter(pk=pk).first()
    if customer is None:
        raise too_old
    return customer
