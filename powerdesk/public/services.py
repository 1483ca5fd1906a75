"""A villager reports a problem from the public page, with no login (the household found
first: ``area``).

A report is taken like any call (``call_take``, with no user: the system), once per form however
often it is sent; its answer is a receipt the report's page is shown from (``report_receipt``),
with the safety advice a clerk would read (``report_advice``). Whether the live engine has taken
the report yet is ``taking``'s.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.customers.models import Customer
from powerdesk.lib.forms import too_long
from powerdesk.lib.user_text import cleaned
from powerdesk.outages.models import SignalSource
from powerdesk.public.area import AREA_KEPT, PublicError
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.idempotency import form_submit_once
from powerdesk.servicedesk.models import Call, Category, FormSubmission, WorkOrder
from powerdesk.servicedesk.safety import GENERAL, SAFETY_SCRIPTS, Advice, safety_advice
from powerdesk.servicedesk.understanding.suggest import suggestion_for

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = [
    "Problem",
    "Reported",
    "public_report",
    "report_advice",
    "report_from_receipt",
    "report_receipt",
]

REPORT_CHARS = 500
_RECEIPT_SALT = "powerdesk.public.report"


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
    # When the report was first received (said to one who sends it again: "received at 14:05").
    received_at: dt.datetime | None = None


# The same report of the same household within this time is one report sent again (Back to the
# area page after reporting, then Report: the page fetched again holds a fresh token, the
# browser restoring what was typed but never a hidden input; the page has no script to keep it).
SAME_REPORT_WITHIN = dt.timedelta(minutes=30)


def plain_words(note: str) -> str:
    """A report's words as read for "the same report": compatibility forms folded, letters in
    one case, spaces, punctuation and unseen characters left out ("关不上。" retyped as "关不上"
    after Back is the same report)."""
    folded = unicodedata.normalize("NFKC", note).casefold()
    return "".join(c for c in folded if unicodedata.category(c)[0] not in "PZC")


def _same_report_lately(
    *, station: Station, customer: Customer, note: str
) -> FormSubmission | None:
    """The household's report from this page of the same problem in the same words (read
    plainly: ``plain_words``), made lately; the last of them."""
    wanted = plain_words(note)
    lately = (
        FormSubmission.objects.filter(
            station=station,
            kind=FormSubmission.Kind.PUBLIC_PAGE,
            at__gte=timezone.now() - SAME_REPORT_WITHIN,
            call__customer=customer,
        )
        .select_related("call", "work_order")
        .order_by("-at", "-pk")
    )
    for submission in lately[:20]:
        if submission.call is not None and plain_words(submission.call.text) == wanted:
            return submission
    return None


def public_report(
    *, station: Station, customer: Customer, problem: str, text: str, form_token: str
) -> Reported:
    """Log the villager's report as a call of the household (once per ``form_token``).

    "No power" is a fault call, so a signal for the outage engine, and joins the outage above
    the household if one is recorded; a danger is urgent; another problem is understood from
    what was written, as at intake.
    """
    if problem not in Problem.values:
        raise PublicError(_("Choose what the problem is."), field="problem")
    text = cleaned(text)  # invisible characters alone are nothing; no bidi controls (review56)
    # Too long, refused with the limit and the length written, never cut (the page keeps it).
    said_long = too_long(_("What you wrote"), text, REPORT_CHARS)
    if said_long:
        raise PublicError(said_long, field="text")
    if problem == Problem.OTHER and not text:
        raise PublicError(_("Say what the problem is."), field="text")
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
            received_at=earlier.at,
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
        received_at=submission.at,
    )


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
    household and its report, and whether this send was one received already (its page says
    so), signed, for ``AREA_KEPT``."""
    return signing.dumps(
        [customer.station_id, customer.pk, reported.submission_id, int(not reported.first)],
        salt=_RECEIPT_SALT,
    )


def report_from_receipt(*, station: Station, receipt: str) -> tuple[Customer, Reported]:
    """The household and the report a receipt names (``first``: False when that send was one
    received already); ``PublicError`` when it is too old or not one."""
    too_old = PublicError(_("This page is too old: look up your area again, then report."))
    try:
        # (A receipt given before the last element was kept names a first send.)
        station_id, pk, submission_id, *again = signing.loads(
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
        first=not (again and again[0]),
        submission_id=submission.pk,
        received_at=submission.at,
    )
