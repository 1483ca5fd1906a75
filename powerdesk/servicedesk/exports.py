"""The service desk's lists as files (``lib/exports.py``): each reads its page's selector."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from powerdesk.customers.exports import phones_of, with_phones
from powerdesk.lib.exports import Column, ExportQuery, ListExport, field, fields, register
from powerdesk.servicedesk.models import Call, Feedback, HardProblem, Promise, WorkOrder
from powerdesk.servicedesk.selectors import (
    callbacks_due,
    calls_listed,
    feedback_listed,
    hard_problems_listed,
    missed_calls,
    promises_listed,
    work_orders_listed,
)


def _work_orders(query: ExportQuery) -> QuerySet[WorkOrder]:
    return with_phones(
        work_orders_listed(station=query.station, user=query.user, params=query.params)
    ).select_related("device_found")


def _overdue(order: WorkOrder) -> bool:
    return order.is_overdue(timezone.now())


def _customer_columns(path: str = "customer") -> list[Column]:
    return [
        field(f"{path}__account_number", _("Account number")),
        field(f"{path}__name", _("Customer")),
        Column(_("Phone"), lambda row: phones_of(getattr(row, path)), 24),
    ]


register(
    ListExport(
        name="work_orders",
        page="servicedesk:work_orders",
        title=_("Work orders"),
        rows=_work_orders,
        columns=[
            *fields(WorkOrder, "number", "category", "urgent", "status"),
            *fields(WorkOrder, "summary", width=30),
            *_customer_columns(),
            *fields(WorkOrder, "village", "group", "crew", "owner"),
            *fields(WorkOrder, "created_at", "arrive_due_at", "resolve_due_at", width=18),
            *fields(WorkOrder, "arrived_at", "resolved_at", "closed_at", width=18),
            Column(_("overdue"), _overdue),
            *fields(WorkOrder, "paused_at", width=18),
            *fields(WorkOrder, "pause_reason"),
            # The kind of cause (an outage's) in the reader's language with the crew's words.
            Column(capfirst(_("cause found")), lambda order: order.cause_shown),
            *fields(WorkOrder, "reopened_count"),
        ],
    )
)


def _calls(query: ExportQuery) -> QuerySet[Call]:
    return calls_listed(station=query.station, params=query.params)


_CALL_COLUMNS = [
    *fields(Call, "received_at", width=18),
    *fields(Call, "caller_number", "caller_name", "status"),
    *fields(Call, "customer__account_number"),
    field("customer__name", _("Customer")),
    *fields(Call, "village", "group", "category", "urgent"),
    *fields(Call, "text", width=40),
    field("work_order__number", _("Work order")),
    *fields(Call, "taken_by", "called_back_at"),
]

register(
    ListExport(
        name="calls", page="servicedesk:calls", title=_("Calls"), rows=_calls, columns=_CALL_COLUMNS
    )
)


def _missed(query: ExportQuery) -> QuerySet[Call]:
    return missed_calls(query.station)


register(
    ListExport(
        name="missed_calls",
        page="servicedesk:missed_calls",
        title=_("Missed calls"),
        rows=_missed,
        columns=_CALL_COLUMNS,
    )
)


def _callbacks(query: ExportQuery) -> QuerySet[WorkOrder]:
    return with_phones(callbacks_due(query.station))


register(
    ListExport(
        name="callbacks",
        page="servicedesk:callbacks",
        title=_("Callbacks due"),
        rows=_callbacks,
        columns=[
            *fields(WorkOrder, "number", "category"),
            *fields(WorkOrder, "summary", width=30),
            *_customer_columns(),
            *fields(WorkOrder, "resolved_at", "callback_due_at", width=18),
        ],
    )
)


def _promises(query: ExportQuery) -> QuerySet[Promise]:
    return with_phones(promises_listed(query.station, query.params))


register(
    ListExport(
        name="promises",
        page="servicedesk:promises",
        title=_("Promises"),
        rows=_promises,
        columns=[
            *fields(Promise, "state"),
            *fields(Promise, "text", width=30),
            *fields(Promise, "due_at", "made_at", width=18),
            *fields(Promise, "made_by", "settled_at"),
            field("work_order__number", _("Work order")),
            *_customer_columns(),
        ],
    )
)


def _problems(query: ExportQuery) -> QuerySet[HardProblem]:
    return hard_problems_listed(query.station, query.params)


def _steps(problem: Any) -> str:
    return f"{problem.steps_done}/{problem.steps_total}"


register(
    ListExport(
        name="hard_problems",
        page="servicedesk:hard_problems",
        title=_("Hard problems"),
        rows=_problems,
        columns=[
            *fields(HardProblem, "title", width=30),
            *fields(HardProblem, "state", "village", "group", "owner"),
            *fields(HardProblem, "opened_at", width=18),
            *fields(HardProblem, "next_revisit_on", "revisit_every_days", "solved_at"),
            Column(_("Steps done"), _steps),
            *fields(HardProblem, "description", width=40),
        ],
    )
)


def _feedback(query: ExportQuery) -> QuerySet[Feedback]:
    return with_phones(feedback_listed(station=query.station, params=query.params))


register(
    ListExport(
        name="feedback",
        page="servicedesk:feedback",
        title=_("Suggestions and praise"),
        rows=_feedback,
        columns=[
            *fields(Feedback, "kind", "state"),
            *fields(Feedback, "received_at", width=18),
            *fields(Feedback, "text", width=40),
            *_customer_columns(),
            *fields(Feedback, "answer", width=40),
            *fields(Feedback, "answered_by"),
        ],
    )
)
