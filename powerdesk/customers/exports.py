"""The customer list as a file (``lib/exports.py``)."""

from __future__ import annotations

from django.db.models import Model, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.customers.selectors import customers_listed
from powerdesk.lib.exports import Column, ExportQuery, ListExport, fields, register


def phones_of(customer: Customer | None) -> str:
    """A customer's phones as staff write them, "、" between (they dial them from the file)."""
    if customer is None:
        return ""
    return pgettext("list separator", ", ").join(p.display for p in customer.phones.all())


def with_phones[M: Model](rows: QuerySet[M], path: str = "customer") -> QuerySet[M]:
    """``rows`` with their customer's phones fetched in one query per chunk."""
    prefix = f"{path}__" if path else ""
    return rows.prefetch_related(
        Prefetch(f"{prefix}phones", queryset=CustomerPhone.objects.order_by("pk"))
    )


def _customers(query: ExportQuery) -> QuerySet[Customer]:
    return customers_listed(station=query.station, params=query.params)


register(
    ListExport(
        name="customers",
        page="customers:list",
        title=_("Customers"),
        rows=_customers,
        columns=[
            *fields(Customer, "account_number", "name"),
            Column(_("Phone"), phones_of, 28),
            *fields(Customer, "address", width=30),
            *fields(Customer, "village", "group", "transformer"),
            *fields(Customer, "elderly_alone", "hardship", "medical_need", "important"),
            *fields(Customer, "has_smart_meter"),
        ],
    )
)
