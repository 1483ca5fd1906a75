"""Reads of the service desk: queues, what is due, what a caller has going on."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from powerdesk.accounts.models import Station, User
from powerdesk.customers.models import Customer
from powerdesk.lib.forms import id_or_none
from powerdesk.lib.params import month_bounds, month_or_none
from powerdesk.servicedesk.models import (
    OPEN_STATUSES,
    Call,
    Category,
    Feedback,
    HardProblem,
    Promise,
    WorkOrder,
    WorkOrderStatus,
)


def open_work_orders(station: Station) -> QuerySet[WorkOrder]:
    return WorkOrder.objects.for_station(station).filter(status__in=OPEN_STATUSES)


def overdue(station: Station, now: dt.datetime | None = None) -> QuerySet[WorkOrder]:
    """Running orders past a deadline, the longest late first."""
    now = now or timezone.now()
    return WorkOrder.objects.for_station(station).overdue(now).order_by("resolve_due_at")


def due_soon(
    station: Station, hours: int = 24, now: dt.datetime | None = None
) -> QuerySet[WorkOrder]:
    """Running orders not yet late whose next deadline is within ``hours``, soonest first."""
    now = now or timezone.now()
    return (
        WorkOrder.objects.for_station(station)
        .due_by(now + dt.timedelta(hours=hours), now)
        .order_by("resolve_due_at")
    )


def callbacks_due(station: Station) -> QuerySet[WorkOrder]:
    return (
        WorkOrder.objects.for_station(station)
        .filter(status=WorkOrderStatus.RESOLVED, callback_due_at__isnull=False)
        .select_related("customer")
        .order_by("callback_due_at")
    )


def missed_calls(station: Station) -> QuerySet[Call]:
    """Calls nobody answered and nobody has returned yet: the queue works until empty."""
    return (
        Call.objects.for_station(station)
        .filter(called_back_at=None)
        .exclude(status=Call.Status.ANSWERED)
        .select_related("customer")
        .order_by("received_at")
    )


def caller_context(customer: Customer) -> dict[str, object]:
    from powerdesk.outages.services import outages_affecting

    return {
        "outages": outages_affecting(customer),
        "open_orders": list(
            WorkOrder.objects.filter(customer=customer, status__in=OPEN_STATUSES).order_by(
                "-created_at"
            )[:5]
        ),
        "recent_calls": list(Call.objects.filter(customer=customer).order_by("-received_at")[:5]),
        "area_orders": list(
            open_work_orders(customer.station)
            .filter(customer__transformer_id=customer.transformer_id)
            .exclude(customer=customer)[:5]
        )
        if customer.transformer_id
        else [],
    }


def is_overdue(order: WorkOrder, now: dt.datetime | None = None) -> bool:
    return order.is_overdue(now or timezone.now())


# -- the list pages' rows: each page and its export read the same selector ------------------


def work_orders_listed(*, station: Station, user: User, params: QueryDict) -> QuerySet[WorkOrder]:
    """The work order list with its filters: ``show`` (open, overdue, mine, all; open if not
    given), ``category`` and ``q`` (number, summary or customer); most urgent and due first."""
    orders = WorkOrder.objects.for_station(station).select_related(
        "customer", "village", "group", "crew", "owner"
    )
    show = params.get("show", "open")
    if show == "open":
        orders = orders.filter(status__in=OPEN_STATUSES)
    elif show == "overdue":
        orders = orders.overdue(timezone.now())
    elif show == "mine":
        orders = (
            orders.filter(Q(owner=user) | Q(crew__members=user))
            .filter(status__in=OPEN_STATUSES)
            .distinct()
        )
    category = params.get("category", "")
    if category in Category.values:
        orders = orders.filter(category=category)
    query = params.get("q", "").strip()
    if query:
        orders = orders.filter(
            Q(number__icontains=query)
            | Q(summary__icontains=query)
            | Q(customer__name__icontains=query)
        )
    return orders.order_by("-urgent", "resolve_due_at", "-created_at", "pk")


def calls_listed(*, station: Station, params: QueryDict) -> QuerySet[Call]:
    """The call log with its filters: ``show`` (all, or unknown callers), ``q`` (number, name,
    note or customer), ``month`` (YYYY-MM, received in it), ``village`` and ``category``
    (what the voice of the customer's figures drill down to); the latest first."""
    calls = Call.objects.for_station(station).select_related(
        "customer", "village", "group", "work_order", "taken_by"
    )
    if params.get("show", "all") == "unknown":
        calls = calls.filter(customer=None).exclude(caller_number="")
    month = month_or_none(params)
    if month is not None:
        start, end = month_bounds(*month)
        calls = calls.filter(received_at__gte=start, received_at__lt=end)
    village = id_or_none(params.get("village"))
    if village is not None:  # the village the call was about, else the caller's
        calls = calls.filter(
            Q(village_id=village) | Q(village__isnull=True, customer__village_id=village)
        )
    category = params.get("category", "")
    if category in Category.values:
        calls = calls.filter(category=category)
    query = params.get("q", "").strip()[:60]
    if query:
        calls = calls.filter(
            Q(caller_number__icontains=query)
            | Q(caller_name__icontains=query)
            | Q(text__icontains=query)
            | Q(customer__name__icontains=query)
        )
    return calls.order_by("-received_at", "-pk")


def promises_listed(station: Station) -> QuerySet[Promise]:
    """Promises still open (soonest due first) and broken ones (latest first), as listed."""
    return (
        Promise.objects.for_station(station)
        .filter(state__in=[Promise.State.OPEN, Promise.State.BROKEN])
        .select_related("work_order", "customer", "made_by")
        .order_by("state", "due_at", "pk")
    )


def hard_problems_listed(station: Station) -> QuerySet[HardProblem]:
    """Every hard problem with how many of its steps are done."""
    return (
        HardProblem.objects.for_station(station)
        .select_related("village", "owner")
        .annotate(
            steps_total=Count("steps", filter=Q(steps__is_revisit=False)),
            steps_done=Count(
                "steps", filter=Q(steps__is_revisit=False, steps__done_on__isnull=False)
            ),
        )
    )


def feedback_listed(*, station: Station, params: QueryDict) -> QuerySet[Feedback]:
    """Suggestions and praise, of one ``kind`` if asked, the latest first."""
    items = Feedback.objects.for_station(station).select_related("customer", "answered_by")
    kind = params.get("kind", "")
    if kind in Feedback.Kind.values:
        items = items.filter(kind=kind)
    return items
