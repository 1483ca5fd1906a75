"""Reads of the service desk: queues, what is due, what a caller has going on."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Case, Count, DateTimeField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import ExtractHour
from django.db.models.lookups import Exact
from django.http import QueryDict
from django.utils import timezone

from powerdesk.accounts.models import Station, User
from powerdesk.customers.models import Customer
from powerdesk.lib.forms import id_or_none
from powerdesk.lib.params import period_value
from powerdesk.lib.search import SEARCH_CHARS
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
from powerdesk.servicedesk.models.hard_problems import (
    PLAN_STEPS,
    PLAN_STEPS_DONE,
    PLAN_STEPS_DROPPED,
    steps_overdue_filter,
)
from powerdesk.servicedesk.models.queries import (
    DUE_SOON,
    deadline_met,
    deadline_missed,
    deadlines_missed_of,
    with_deadline,
)
from powerdesk.servicedesk.models.status import UNFINISHED
from powerdesk.servicedesk.own_orders_known import own_orders_known

# What a number is written with ("188 7049 5863", "+86 878-123 4567", "(0878)1234567").
_PHONE_TEXT = re.compile(r"[0-9+()\- ]+")


def open_work_orders(station: Station) -> QuerySet[WorkOrder]:
    return WorkOrder.objects.for_station(station).filter(status__in=OPEN_STATUSES)


def overdue(station: Station, now: dt.datetime | None = None) -> QuerySet[WorkOrder]:
    """Running orders that missed a deadline (``WorkOrderQuerySet.overdue``), the longest late
    first (by the first deadline each missed: ``overdue_longest_first``)."""
    now = now or timezone.now()
    return WorkOrder.objects.for_station(station).overdue_longest_first(now)


@dataclass(frozen=True)
class Overdue:
    """The station's overdue orders as every page counts them: how many, and the first few,
    each with the deadlines it missed (``missed``: the deadline's name and time)."""

    count: int
    orders: list[WorkOrder]


def overdue_shown(station: Station, now: dt.datetime | None = None, *, first: int = 5) -> Overdue:
    """The overdue orders of the home page's boxes (the chief's decisions, the deadlines):
    one count, one list, each order with which commitment it missed, so that no box says
    "none overdue" beside a notice that one is (``escalation``, the same rule)."""
    now = now or timezone.now()
    late = overdue(station, now)
    orders = list(late.select_related("village")[:first])
    for order in orders:
        names = order.deadline_names
        order.missed = [  # type: ignore[attr-defined]
            (str(names.arrive if m.which == "arrive" else names.resolve), m.due)
            for m in deadlines_missed_of(order, now)
        ]
    return Overdue(count=late.count() if len(orders) == first else len(orders), orders=orders)


def due_soon(
    station: Station, hours: int = 24, now: dt.datetime | None = None
) -> QuerySet[WorkOrder]:
    """Running orders that missed no deadline whose next deadline is within ``hours``, by that
    next deadline, soonest first (the arrival until the crew is there, a complaint's first
    contact, then the resolution: ``WorkOrder.deadline_next`` says which); never one of
    ``overdue``."""
    now = now or timezone.now()
    return (
        WorkOrder.objects.for_station(station)
        .due_by(now + dt.timedelta(hours=hours), now)
        .annotate(next_due=_next_due())
        .order_by(F("next_due").asc(nulls_last=True), "pk")
    )


def _next_due() -> Case:
    """The deadline an open order faces next (``WorkOrder.deadline_next``, in the database): the
    arrival (a complaint's first contact) until the crew is there, then the resolution; none
    for a finished order."""
    return Case(
        When(
            status__in=OPEN_STATUSES,
            arrive_due_at__isnull=False,
            arrived_at__isnull=True,
            then=F("arrive_due_at"),
        ),
        When(status__in=OPEN_STATUSES, then=F("resolve_due_at")),
        default=None,
        output_field=DateTimeField(),
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
    unanswered = [status for status in Call.Status.values if status != Call.Status.ANSWERED]
    return (
        Call.objects.for_station(station)
        # The statuses named, not "not answered": the index (station, status, called_back_at)
        # then finds them, where a NOT walked every call of the station (counted on every
        # intake page).
        .filter(status__in=unanswered, called_back_at=None)
        .select_related("customer")
        .order_by("received_at")
    )


def caller_context(customer: Customer) -> dict[str, object]:
    from powerdesk.outages.models import Outage
    from powerdesk.outages.predicted import predictions_above
    from powerdesk.outages.selectors import outages_affecting
    from powerdesk.servicedesk.area_orders import area_orders_said

    outages = outages_affecting(customer)
    own, more = own_orders_known(customer)
    return {
        "outages": outages,
        # Under no recorded outage, what the engine sees off above the caller (not confirmed).
        "predicted": []
        if any(o.status == Outage.Status.ACTIVE for o in outages)
        else predictions_above(customer),
        # Every open order of the caller's, with its crew, named as a neighbour's order names it
        # (walk37, 16); those joined to an outage first (walk68, L1).
        "open_orders": own,
        "open_orders_more": more,
        "recent_calls": list(Call.objects.filter(customer=customer).order_by("-received_at")[:5]),
        # Each with what it is to the caller: an outage's job by the outage (walk44, 4).
        "area_orders": area_orders_said(customer),
    }


def outage_to_join(customer: Customer) -> dict[str, object]:
    """The fault outage the caller is under, offered first at intake, and its one work order if
    a caller opened it already (later callers join it: one order per outage)."""
    from powerdesk.outages.joined import OPEN, caller_order_joined, nearest_outage_above
    from powerdesk.outages.models import OutageLink

    outage = nearest_outage_above(customer)
    if outage is None:
        return {"join_outage": None, "outage_order": None}
    link = OutageLink.objects.filter(outage=outage).select_related("order").first()
    order = link.order if link is not None and link.order is not None else None
    # The caller's own order joined to the outage is the one their call joins (as
    # ``outage_order_for_call``): offered as it, not as the outage's order in their name.
    own = caller_order_joined(link, customer) if link is not None else None
    order = own or order
    if (order is None or order.status not in OPEN) and link is not None and link.crew_id:
        # As ``outage_order_for_call``: the crew's job is the outage's order (walk37, 15).
        from powerdesk.servicedesk.crew_job_orders import outage_crew_job

        order = outage_crew_job(outage, link.crew_id) or order
    # As ``outage_order_for_call``: a finished order is not joined, the next call opens another.
    return {
        "join_outage": outage,
        "outage_order": order if order is not None and order.status in OPEN else None,
    }


def is_overdue(order: WorkOrder, now: dt.datetime | None = None) -> bool:
    return order.is_overdue(now or timezone.now())


# -- the list pages' rows: each page and its export read the same selector ------------------


def work_orders_listed(*, station: Station, user: User, params: QueryDict) -> QuerySet[WorkOrder]:
    """The work order list with its filters: ``show`` (open, overdue, due_soon, unowned, mine, all;
    open if not given), ``category`` and ``q`` (number, summary or customer); and those a figure's
    drill-down adds: ``month`` or ``year`` (received then) and ``deadline`` (met or missed).
    Most urgent and due first."""
    orders = WorkOrder.objects.for_station(station).select_related(
        "customer", "village", "group", "crew", "owner"
    )
    show = params.get("show", "open")
    if show == "open":
        orders = orders.filter(status__in=OPEN_STATUSES)
    elif show == "overdue":
        orders = orders.overdue(timezone.now())
    elif show == "due_soon":  # as the escalation scan tells them: due within the hour
        now = timezone.now()
        orders = orders.due_by(now + DUE_SOON, now)
    elif show == "unowned":
        # Work with nobody to answer for it: a liaison's report not yet taken, or work handed
        # back as its owner's work at the station ended (``handback``), callbacks still due too.
        orders = orders.filter(owner=None, status__in=UNFINISHED)
    elif show == "mine":
        orders = (
            orders.filter(Q(owner=user) | Q(crew__members=user))
            .filter(status__in=OPEN_STATUSES)
            .distinct()
        )
    category = params.get("category", "")
    if category in Category.values:
        orders = orders.filter(category=category)
    period = period_value(params)
    if period is not None:
        orders = orders.filter(created_at__gte=period[0], created_at__lt=period[1])
    deadline = params.get("deadline", "")
    # As the deadline figures count them (an outage's joined orders as one), so that a figure
    # and the list it links to agree.
    if deadline == "met":
        orders = orders.filter(with_deadline(), deadline_met())
    elif deadline == "missed":
        orders = orders.filter(with_deadline(), deadline_missed(timezone.now()))
    query = params.get("q", "").strip()
    if query:
        orders = orders.filter(
            Q(number__icontains=query)
            | Q(summary__icontains=query)
            | Q(customer__name__icontains=query)
        )
    # By the deadline each row shows: the next one due (arrival until the crew is there); a
    # finished order has none and comes after the open ones.
    finished = Case(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1))
    return orders.annotate(next_due=_next_due(), finished=finished).order_by(
        "finished", "-urgent", F("next_due").asc(nulls_last=True), "-created_at", "pk"
    )


def repeat_call_counts(order_ids: list[int]) -> dict[int, int]:
    """How many repeat calls (``repeats``) each of these orders has; one query."""
    if not order_ids:
        return {}
    return dict(
        Call.objects.filter(work_order_id__in=order_ids, is_repeat=True)
        .order_by()
        .values("work_order_id")
        .annotate(n=Count("pk"))
        .values_list("work_order_id", "n")
    )


def calls_listed(*, station: Station, params: QueryDict) -> QuerySet[Call]:
    """The call log with its filters: ``show`` (all, unknown callers, village liaisons' calls,
    or waiting for a work order: the urgent first, then the oldest) and ``q`` (number,
    name, note or customer); and those a figure's drill-down adds: ``month`` or ``year``,
    ``category``, ``village``, ``hour`` (of the day, station time) and ``topic`` (of the voice
    of the customer: its words in any form). The latest first, but for those waiting."""
    calls = Call.objects.for_station(station).select_related(
        "customer",
        "village",
        "group",
        "work_order",
        "taken_by",
        "liaison__village",
        "liaison__group",
    )
    show = params.get("show", "all")
    if show == "unknown":
        # A village liaison's own number is known to the station: not a caller to link.
        calls = calls.filter(customer=None, liaison=None).exclude(caller_number="")
    elif show == "liaison":  # a village liaison's calls, from their own number (walk74, M1)
        calls = calls.filter(liaison__isnull=False)
    elif show == "waiting":  # kept without the work order they want (``call_order``)
        calls = calls.filter(needs_order=True, work_order=None)
    period = period_value(params)
    if period is not None:
        calls = calls.filter(received_at__gte=period[0], received_at__lt=period[1])
    category = params.get("category", "")
    if category in Category.values:
        calls = calls.filter(category=category)
    village = id_or_none(params.get("village"))
    if village is not None:  # the village the call was about, else the caller's
        calls = calls.filter(
            Q(village_id=village) | Q(village__isnull=True, customer__village_id=village)
        )
    hour = params.get("hour", "").strip()
    if hour.isascii() and hour.isdigit() and int(hour) < 24:
        local_hour = ExtractHour("received_at", tzinfo=timezone.get_current_timezone())
        calls = calls.filter(Exact(local_hour, int(hour)))
    topic = params.get("topic", "").strip()[:60]
    if topic:  # a topic of the voice of the customer, in any of its forms
        from powerdesk.reports.voice import mentions

        calls = calls.filter(mentions(topic))
    query = params.get("q", "").strip()[:SEARCH_CHARS]
    if query:
        calls = calls.filter(
            Q(caller_number__icontains=query)
            | _number_matches(query)
            | Q(caller_name__icontains=query)
            | Q(text__icontains=query)
            | Q(customer__name__icontains=query)
        )
    if show == "waiting":  # as on the home page: the urgent first (a danger, a medical need)
        return calls.order_by("-urgent", "received_at", "pk")
    return calls.order_by("-received_at", "-pk")


def _number_matches(query: str) -> Q:
    """Calls from the number typed, however either was written ("18870495863" finds a call
    kept as "188 7049 5863", and an older one kept as typed): compared by their digits in
    the normalised form. Nothing for a query that is not (part of) a number."""
    digits = "".join(c for c in query if c.isdigit())
    if len(digits) < 4 or not _PHONE_TEXT.fullmatch(query):
        return Q(pk__in=[])
    # A trunk prefix ("0878…") is not in the E.164 form ("+86878…").
    return Q(caller_e164__contains=digits.lstrip("0"))


def promises_listed(station: Station, params: QueryDict | None = None) -> QuerySet[Promise]:
    """Promises still open (soonest due first) and broken ones (latest first), as listed; a
    figure's drill-down names a ``state`` (kept ones too) and a ``month`` or ``year`` due."""
    params = params if params is not None else QueryDict()
    promises = Promise.objects.for_station(station)
    state = params.get("state", "")
    if state in Promise.State.values:
        promises = promises.filter(state=state)
    else:
        promises = promises.filter(state__in=[Promise.State.OPEN, Promise.State.BROKEN])
    period = period_value(params)
    if period is not None:
        promises = promises.filter(due_at__gte=period[0], due_at__lt=period[1])
    return promises.select_related("work_order", "customer", "made_by").order_by(
        "state", "due_at", "pk"
    )


def hard_problems_listed(
    station: Station, params: QueryDict | None = None
) -> QuerySet[HardProblem]:
    """Every hard problem with how many of its steps are done; a figure's drill-down names
    the ``month`` or ``year`` they were ``opened`` or ``solved`` in (``?opened=1&month=...``)."""
    params = params if params is not None else QueryDict()
    problems = HardProblem.objects.for_station(station)
    period = period_value(params)
    if period is not None and params.get("solved"):
        problems = problems.filter(solved_at__gte=period[0], solved_at__lt=period[1])
    elif period is not None and params.get("opened"):
        problems = problems.filter(opened_at__gte=period[0], opened_at__lt=period[1])
    listed = problems.select_related("village", "owner").annotate(
        steps_total=Count("steps", filter=PLAN_STEPS),
        steps_done=Count("steps", filter=PLAN_STEPS_DONE),
        steps_dropped=Count("steps", filter=PLAN_STEPS_DROPPED),
        # Steps of an open problem's plan past their due date, not done (walk74, 3).
        steps_overdue=Count("steps", filter=steps_overdue_filter()),
    )
    if params.get("show") == "steps_overdue":
        return listed.filter(steps_overdue__gt=0)  # type: ignore[misc]
    return listed


def feedback_listed(*, station: Station, params: QueryDict) -> QuerySet[Feedback]:
    """Suggestions and praise, of one ``kind`` if asked, only those still to answer if asked
    (``waiting``): those still to answer first, then the answered, the latest first in each (the
    model's order by state put "answered" before "new": a page of the first hundred showed none
    still to answer, walkthrough 29)."""
    items = Feedback.objects.for_station(station).select_related("customer", "answered_by")
    kind = params.get("kind", "")
    if kind in Feedback.Kind.values:
        items = items.filter(kind=kind)
    if params.get("waiting"):
        items = items.exclude(state=Feedback.State.ANSWERED)
    answered_last = Case(
        When(state=Feedback.State.ANSWERED, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return items.order_by(answered_last, "-received_at", "-pk")
