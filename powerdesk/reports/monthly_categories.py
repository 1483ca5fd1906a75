"""The monthly report's calls and work orders by category: the month, the year to its end and the
same month of last year, with the calls sorted as no request in a row of their own, so the table
adds up to the month's calls on the page, the PDF and the workbook alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Station
from powerdesk.servicedesk.models import Call, Category, WorkOrder
from powerdesk.servicedesk.models.queries import counted_once

__all__ = ["CategoryRow", "categories_of"]


@dataclass(frozen=True)
class CategoryRow:
    code: str
    label: str
    calls: int
    calls_year: int
    calls_last_year: int  # the same month of last year
    opened: int
    resolved: int
    in_time: int


def categories_of(
    station: Station,
    month: tuple[dt.datetime, dt.datetime],
    year: tuple[dt.datetime, dt.datetime],
    last: tuple[dt.datetime, dt.datetime],
) -> tuple[CategoryRow, ...]:
    def between(field: str, span: tuple[dt.datetime, dt.datetime]) -> Q:
        return Q(**{f"{field}__gte": span[0], f"{field}__lt": span[1]})

    calls: dict[str, dict[str, Any]] = {
        row["category"]: dict(row)
        for row in Call.objects.for_station(station)
        .filter(between("received_at", year) | between("received_at", last))
        .order_by()
        .values("category")
        .annotate(
            month=Count("pk", filter=between("received_at", month)),
            year=Count("pk", filter=between("received_at", year)),
            last=Count("pk", filter=between("received_at", last)),
        )
    }
    arrived = (
        Q(arrive_due_at__isnull=True)
        | Q(arrived_at__lte=F("arrive_due_at"))
        | Q(arrived_at__isnull=True, resolved_at__lte=F("arrive_due_at"))
    )
    resolved_by = Q(resolve_due_at__isnull=True) | Q(resolved_at__lte=F("resolve_due_at"))
    resolved_once = between("resolved_at", month) & counted_once()
    orders: dict[str, dict[str, Any]] = {
        row["category"]: dict(row)
        for row in WorkOrder.objects.for_station(station)
        .filter(between("created_at", month) | between("resolved_at", month))
        .order_by()
        .values("category")
        .annotate(
            opened=Count("pk", filter=between("created_at", month)),
            resolved=Count("pk", filter=resolved_once),
            in_time=Count("pk", filter=resolved_once & arrived & resolved_by),
        )
    }
    rows = []
    for code, label in Category.choices:
        c = calls.get(code, {})
        o = orders.get(code, {})
        rows.append(
            CategoryRow(
                code=code,
                label=str(label),
                calls=c.get("month", 0),
                calls_year=c.get("year", 0),
                calls_last_year=c.get("last", 0),
                opened=o.get("opened", 0),
                resolved=o.get("resolved", 0),
                in_time=o.get("in_time", 0),
            )
        )
    # Calls sorted as no request (no category): a row of their own, so the table adds up to the
    # month's calls on the page, the PDF and the workbook alike (walkthrough 31, finding 10).
    others = [c for code, c in calls.items() if code not in Category.values]
    counts = [sum(c.get(n, 0) for c in others) for n in ("month", "year", "last")]
    if any(counts):
        rows.append(
            CategoryRow(
                code="",
                label=_("not a request"),
                calls=counts[0],
                calls_year=counts[1],
                calls_last_year=counts[2],
                opened=0,
                resolved=0,
                in_time=0,
            )
        )
    return tuple(rows)
