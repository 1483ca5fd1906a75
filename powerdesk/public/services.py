"""A villager finds their own area and reports a problem, with no login.

The account number and the last four digits of a phone on file together are the proof: a
lookup answers the same whether the account does not exist or the digits are wrong. Every
lookup counts against the address; a failed one also against the account number
(``lookup_allowed``, ``lookup_failed``), so that the four digits cannot be guessed from many
addresses — and the household's own lookups, which succeed, can never lock it out. A report is
taken like any call (``call_take``, with no user: the system), once per form however often it
is sent; its answer is a receipt the report's page is shown from (``report_receipt``). A lookup's
answer is likewise a page of its own, shown from a short-lived signed token
(``area_page_token``), so that back and refresh send nothing again and the address never holds
the account number or the digits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.lib.throttle import allow, tries
from powerdesk.ops.heartbeat import STALE_AFTER, heartbeats_latest
from powerdesk.ops.models import Heartbeat
from powerdesk.outages.models import EngineState, Signal, SignalSource
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.idempotency import form_submit_once
from powerdesk.servicedesk.models import Call, Category, FormSubmission, WorkOrder
from powerdesk.servicedesk.safety import GENERAL, SAFETY_SCRIPTS, Advice, safety_advice
from powerdesk.servicedesk.understanding.suggest import suggestion_for

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = [
    "AREA_KEPT",
    "LOOK_FOR",
    "REFRESH_EVERY",
    "Problem",
    "PublicError",
    "Reported",
    "Taking",
    "area_find",
    "area_from_page_token",
    "area_from_token",
    "area_page_token",
    "area_token",
    "lookup_allowed",
    "lookup_failed",
    "public_report",
    "report_advice",
    "report_allowed",
    "report_from_receipt",
    "report_receipt",
    "report_taking",
    "status_cache_key",
    "status_page_forget",
]

ACCOUNT_CHARS = 30  # Customer.account_number
REPORT_CHARS = 500
AREA_KEPT = 2 * 3600  # seconds a lookup's answer may be used to report
# Seconds the lookup's answer page may be shown again from its address (back, refresh): short,
# since the address stays in the phone's history, where someone else may find it.
AREA_SHOWN = 30 * 60
_AREA_SALT = "powerdesk.public.area"
_AREA_PAGE_SALT = "powerdesk.public.area-page"
_RECEIPT_SALT = "powerdesk.public.report"
_FOUR_DIGITS = re.compile(r"\d{4}")

# Tries per window (seconds): a lookup from one address, a failed lookup of one account
# number; a report from one address, for one household.
LOOKUPS_PER_ADDRESS = (20, 600)
LOOKUPS_PER_ACCOUNT = (5, 3600)
REPORTS_PER_ADDRESS = (10, 3600)
REPORTS_PER_HOUSEHOLD = (3, 3600)


class PublicError(ValueError):
    """Input a villager can correct; the message says what."""


class Problem(models.TextChoices):
    NO_POWER = "no_power", gettext_lazy("No power")
    DANGER = "danger", gettext_lazy("Danger: a line down, sparks, a pole leaning")
    OTHER = "other", gettext_lazy("Another problem with the supply")


CATEGORY = {Problem.NO_POWER: Category.FAULT_REPAIR, Problem.DANGER: Category.HAZARD}


@dataclass(frozen=True)
class Reported:
    call: Call | None
    work_order: WorkOrder | None
    first: bool  # False: the form was sent before, nothing more was stored
    submission_id: int | None = None


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


# The same report of the same household within this time is one report sent again (Back to the
# area page after reporting, then Report: the page fetched again holds a fresh token).
SAME_REPORT_WITHIN = dt.timedelta(minutes=30)


def _same_report_lately(
    *, station: Station, customer: Customer, note: str
) -> FormSubmission | None:
    """The household's report from this page in the same words, made lately."""
    return (
        FormSubmission.objects.filter(
            station=station,
            kind=FormSubmission.Kind.PUBLIC_PAGE,
            at__gte=timezone.now() - SAME_REPORT_WITHIN,
            call__customer=customer,
            call__text=note,
        )
        .select_related("call", "work_order")
        .order_by("-at")
        .first()
    )


def public_report(
    *, station: Station, customer: Customer, problem: str, text: str, form_token: str
) -> Reported:
    """Log the villager's report as a call of the household (once per ``form_token``).

    "No power" is a fault call, so a signal for the outage engine, and joins the outage above
    the household if one is recorded; a danger is urgent; another problem is understood from
    what was written, as at intake.
    """
    if problem not in Problem.values:
        raise PublicError(_("Choose what the problem is."))
    text = text.strip()
    if len(text) > REPORT_CHARS:
        raise PublicError(
            _("What you wrote is too long: at most %(n)d characters.") % {"n": REPORT_CHARS}
        )
    if problem == Problem.OTHER and not text:
        raise PublicError(_("Say what the problem is."))
    if not form_token or len(form_token) > 64:
        raise PublicError(_("This page is too old: look up your area again, then report."))
    # The note is the station's record: in the station's language, whatever the page's.
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Public outage page: %(problem)s") % {"problem": Problem(problem).label}
    note = f"{note}\n{text}" if text else note

    category = CATEGORY.get(Problem(problem), "")
    if not category:
        # Understood from the villager's words alone, not from the page's heading.
        category = suggestion_for(text).category
        # Words that say nothing the station can act on are logged for staff to read.
        category = category if category in Category.values else Category.CONSULTATION

    earlier = _same_report_lately(station=station, customer=customer, note=note)
    if earlier is not None:
        return Reported(
            call=earlier.call,
            work_order=earlier.work_order,
            first=False,
            submission_id=earlier.pk,
        )

    def work() -> tuple[Call | None, WorkOrder | None]:
        taken = call_take(
            station=station,
            user=None,
            text=note,
            category=category,
            urgent=True if problem == Problem.DANGER else None,
            customer=customer,
            signal_source=SignalSource.PUBLIC,
        )
        return taken.call, taken.work_order

    submission, first = form_submit_once(
        station=station,
        user=None,
        token=form_token,
        kind=FormSubmission.Kind.PUBLIC_PAGE,
        work=work,
    )
    return Reported(
        call=submission.call,
        work_order=submission.work_order,
        first=first,
        submission_id=submission.pk,
    )


# The page after a report answers at once; while the live engine has not taken the report it
# refreshes itself every ``REFRESH_EVERY`` seconds (the outage service steps about twice a
# second), for at most ``LOOK_FOR`` after the report was stored: past that, the engine is far
# behind and the page says the picture will catch up later instead of refreshing for ever.
REFRESH_EVERY = 3
LOOK_FOR = dt.timedelta(seconds=30)


class Taking(StrEnum):
    """Where the live engine is with a report, for the page after it (``report_taking``)."""

    TAKEN = "taken"  # taken (or nothing to take): the page shows what the engine makes of it
    PENDING = "pending"  # not yet, the outage service runs: the page refreshes itself
    LATE = "late"  # not taken in ``LOOK_FOR``, or the outage service is not running


def report_taking(
    *, station: Station, reported: Reported, looked: bool = False, now: dt.datetime | None = None
) -> Taking:
    """Whether the live engine has taken the report's signal (a report of no power is one; any
    other report has none to take), without waiting for it: the page after the report shows the
    outage the report made the engine suspect once it has, and refreshes itself until then
    (``PENDING``) while the outage service runs (its heartbeat is fresh), for at most
    ``LOOK_FOR``; ``LATE`` after that, or when the service is not running: the page then shows
    what is known. ``looked``: the page is a refresh of one that was pending; the report taken
    since, the station's public page, kept half a minute, is drawn anew too."""
    call = reported.call
    if call is None:
        return Taking.TAKEN
    signal = (
        Signal.objects.filter(
            station=station, source=SignalSource.PUBLIC, source_id=f"call-{call.pk}"
        )
        .values_list("pk", "received_at")
        .first()
    )
    if signal is None:
        return Taking.TAKEN
    pk, received_at = signal
    if EngineState.objects.filter(station=station, cursor__gte=pk).exists():
        if looked:
            status_page_forget(station)
        return Taking.TAKEN
    now = now or timezone.now()
    seen = heartbeats_latest().get(Heartbeat.Kind.OUTAGE_SERVICE)
    if seen is None or seen < now - STALE_AFTER or now - received_at > LOOK_FOR:
        return Taking.LATE
    return Taking.PENDING


def status_cache_key(station_id: int, lang: str) -> str:
    """Where the station's public page, drawn in ``lang``, is kept (``views.status``)."""
    return f"public-status:{station_id}:{lang}"


def status_page_forget(station: Station) -> None:
    """Draw the station's public page anew at its next visit, in every language."""
    cache.delete_many([status_cache_key(station.pk, lang) for lang, _name in settings.LANGUAGES])


def report_advice(reported: Reported) -> list[Advice]:
    """The safety advice a clerk would read to this caller (``servicedesk.safety``), for the
    report's answer page: for each danger the villager's own words name, else for a danger
    reported with the page's choice alone, the general advice; nothing for another report."""
    call = reported.call
    if call is None:
        return []
    # The call's note is the page's heading line, then what the villager wrote: the heading
    # names every danger of the choice ("a line down, sparks, a pole leaning"), so only the
    # villager's words say which one it is.
    _heading, _newline, written = call.text.partition("\n")
    written = written.strip()
    advice = safety_advice(suggestion_for(written)) if written else []
    if not advice and call.category == Category.HAZARD:
        advice = [Advice(GENERAL, gettext_lazy("a hazard"), SAFETY_SCRIPTS[GENERAL])]
    return advice


def report_receipt(*, customer: Customer, reported: Reported) -> str:
    """What the report's answer page is shown from (after the POST, a redirect to a GET): the
    household and its report, signed, for ``AREA_KEPT``."""
    return signing.dumps(
        [customer.station_id, customer.pk, reported.submission_id], salt=_RECEIPT_SALT
    )


def report_from_receipt(*, station: Station, receipt: str) -> tuple[Customer, Reported]:
    """The household and the report a receipt names; ``PublicError`` when it is too old or
    not one."""
    too_old = PublicError(_("This page is too old: look up your area again, then report."))
    try:
        station_id, pk, submission_id = signing.loads(
            receipt[:300], salt=_RECEIPT_SALT, max_age=AREA_KEPT
        )
    except (signing.BadSignature, ValueError, TypeError):
        raise too_old from None
    if station_id != station.pk:
        raise too_old
    customer = Customer.objects.for_station(station).filter(pk=pk).first()
    submission = (
        FormSubmission.objects.filter(
            station=station, pk=submission_id, kind=FormSubmission.Kind.PUBLIC_PAGE
        )
        .select_related("call", "work_order")
        .first()
    )
    if customer is None or submission is None:
        raise too_old
    return customer, Reported(
        call=submission.call,
        work_order=submission.work_order,
        first=False,
        submission_id=submission.pk,
    )
