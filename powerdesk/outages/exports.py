"""The outage lists as files (``lib/exports.py``): each reads its page's selector."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from powerdesk.customers.exports import phones_of
from powerdesk.lib.exports import Column, ExportQuery, ListExport, field, fields, register
from powerdesk.outages.callback_tries import tries_said
from powerdesk.outages.callbacks_exported import (
    callbacks_choice,
    callbacks_exported,
    callbacks_shown,
)
from powerdesk.outages.models import Outage, OutageCallback, cause_words
from powerdesk.outages.selectors import (
    outages_listed,
    planned_outages_listed,
)

_OUTAGE_COLUMNS = [
    field("device__code", _("Code"), width=18),
    field("device__name", _("Device"), width=28),
    field("device__feeder", _("Feeder")),
    *fields(Outage, "kind", "status"),
    field("starts_at", _("From"), width=18),
    *fields(Outage, "expected_restore_at", "restored_at", width=18),
    *fields(Outage, "customers"),
    # The kind a crew found (its label in the reader's language), then the words typed.
    Column(_("Cause found"), lambda outage: cause_words(outage.cause_kind, "")),
    *fields(Outage, "cause", width=30),
    *fields(Outage, "notice", width=40),
    *fields(Outage, "created_by"),
]


def _outages(query: ExportQuery) -> QuerySet[Outage]:
    return outages_listed(query.station)


def _planned(query: ExportQuery) -> QuerySet[Outage]:
    return planned_outages_listed(query.station)


register(
    ListExport(
        name="outages",
        page="outages:list",
        title=_("Outages"),
        rows=_outages,
        columns=_OUTAGE_COLUMNS,
    )
)
register(
    ListExport(
        name="planned_outages",
        page="outages:planned",
        title=_("Planned outages"),
        rows=_planned,
        columns=_OUTAGE_COLUMNS,
    )
)


def _outage_callbacks(query: ExportQuery) -> QuerySet[OutageCallback]:
    return callbacks_exported(query.station, query.params)


def _callbacks_shown(query: ExportQuery) -> tuple[str, str]:
    return callbacks_shown(query.params)


def _settled(callback: OutageCallback) -> str:
    """How the callback ended, when it did: reached, or given up with why ("已放弃：…")."""
    if callback.done_at is None:
        return ""
    at = timezone.localtime(callback.done_at).strftime("%m-%d %H:%M")
    by = str(callback.done_by) if callback.done_by is not None else ""
    if callback.given_up:
        what = gettext("given up: %(why)s") % {"why": callback.given_up_why}
    else:
        what = gettext("reached")
    return " ".join(part for part in (at, by, what) if part)


register(
    ListExport(
        name="outage_callbacks",
        page="servicedesk:callbacks",
        title=_("After an outage"),
        rows=_outage_callbacks,
        said=_callbacks_shown,
        choice=callbacks_choice,
        columns=[
            field("customer__account_number", _("Account number")),
            field("customer__name", _("Customer")),
            Column(_("Phone"), lambda callback: phones_of(callback.customer), 24),
            *fields(OutageCallback, "reason"),
            field("outage__device", _("Device"), width=28),
            field("outage__starts_at", _("From"), width=18),
            field("outage__restored_at", _("Restored"), width=18),
            *fields(OutageCallback, "due_at", width=18),
            # Each household's tries so far and the last one's outcome (walk64 M2).
            *fields(OutageCallback, "attempts", "outcome"),
            *fields(OutageCallback, "tried_at", width=18),
            # The person, or the API key a system tried with (walk73b 3).
            Column(capfirst(_("last tried by")), lambda callback: callback.tried_by_said),
            *fields(OutageCallback, "note", width=30),
            # Every try in one cell, oldest first: the file stays one line a household (sorted
            # as on the page), each try still named.
            Column(_("Every try"), tries_said, 60),
            # A month's file holds households reached and given up too: which, when, by whom
            # ("12-07 18:40 杨所长 已放弃：…"); empty while still to call.
            Column(_("State"), _settled, 24),
        ],
    )
)
