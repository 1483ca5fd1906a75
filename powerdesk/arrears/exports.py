"""The arrears cases as a file (``lib/exports.py``)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.selectors import cases_listed
from powerdesk.customers.exports import phones_of
from powerdesk.lib.exports import Column, ExportQuery, ListExport, field, fields, register


def _cases(query: ExportQuery) -> QuerySet[ArrearsCase]:
    return cases_listed(query.station)


register(
    ListExport(
        name="arrears",
        page="arrears:cases",
        title=_("Arrears"),
        rows=_cases,
        columns=[
            field("customer__account_number", _("Account number")),
            field("customer__name", _("Customer")),
            Column(_("Phone"), lambda case: phones_of(case.customer), 24),
            field("customer__village", _("Village")),
            *fields(ArrearsCase, "amount", "owed_since", "stage", "opened_at"),
            *fields(ArrearsCase, "notice_delivered_at", "notice_method", "liaison_contacted_at"),
            *fields(ArrearsCase, "check_result", "check_read", "approved_by", "approved_at"),
            *fields(ArrearsCase, "approval_reason"),
            *fields(ArrearsCase, "lift_visited_by", "lift_visited_at", "lift_found"),
            *fields(ArrearsCase, "lift_no_life_support", "lifted_by", "lifted_at"),
            *fields(ArrearsCase, "disconnected_at", "paid_at"),
            field("reconnection__number", _("Work order")),
        ],
    )
)
