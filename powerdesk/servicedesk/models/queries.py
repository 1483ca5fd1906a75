"""What "overdue", "due soon" and "deadline met" mean for a work order: one definition, used by
the lists, the home page's panels, the figures and the escalation scan alike."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from django.apps import apps
from django.db.models import Case, Exists, F, Min, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce

from powerdesk.lib.models import StationQuerySet
from powerdesk.servicedesk.models.status import OPEN_STATUSES

if TYPE_CHECKING:
    from powerdesk.servicedesk.models.core import WorkOrder

# How long before a deadline an order is "due soon": its owner and the chief are told (the
# escalation scan), and the work-order list's "due within the hour" shows it.
DUE_SOON = dt.timedelta(hours=1)


def _late(now: dt.datetime) -> Q:
    """A deadline being worked towards already passed: not on site by the arrival deadline
    (not yet arrived) or not resolved by the resolution deadline."""
    return Q(arrive_due_at__lt=now, arrived_at=None) | Q(resolve_due_at__lt=now)


def _arrived_late() -> Q:
    """On site after the arrival deadline: a commitment missed, whatever happens next."""
    return Q(arrive_due_at__isnull=False, arrived_at__gt=F("arrive_due_at"))


def _missed(now: dt.datetime) -> Q:
    """A commitment missed: a deadline passed (``_late``) or the crew on site too late."""
    return _late(now) | _arrived_late()


def deadline_met() -> Q:
    """Resolved within its deadlines: on site by the arrival deadline (or resolved by then,
    from the office, without a visit) and resolved by the resolution deadline."""
    arrived_in_time = (
        Q(arrive_due_at=None)
        | Q(arrived_at__lte=F("arrive_due_at"))
        | Q(arrived_at=None, resolved_at__lte=F("arrive_due_at"))
    )
    resolved_in_time = Q(resolve_due_at=None) | Q(resolved_at__lte=F("resolve_due_at"))
    return Q(resolved_at__isnull=False) & arrived_in_time & resolved_in_time


def deadline_missed(now: dt.datetime) -> Q:
    """On site after the arrival deadline, resolved after the resolution deadline, or not yet
    resolved and already past one (a paused clock is not late: resuming moves its deadlines)."""
    late_arrival = Q(arrive_due_at__isnull=False) & (
        Q(arrived_at__gt=F("arrive_due_at"))
        | Q(arrived_at=None, resolved_at__gt=F("arrive_due_at"))
    )
    late_resolution = Q(resolve_due_at__isnull=False, resolved_at__gt=F("resolve_due_at"))
    still_late = Q(resolved_at=None, paused_at=None) & _late(now)
    return late_arrival | late_resolution | still_late


def with_deadline() -> Q:
    """Orders a deadline figure counts: those the station committed to a time for (an arrival
    or a resolution deadline), an outage's joined orders counting as one (``counted_once``)."""
    return (Q(arrive_due_at__isnull=False) | Q(resolve_due_at__isnull=False)) & counted_once()


def counted_once() -> Q:
    """Every order but the ones joined to an outage, and of those only one: the order that
    carries the crew's arrival (the first on site, the earliest opened of those), else the
    outage's own order, else the first joined. One restore resolves every caller's order at
    once: counted one by one, a single outage with a thousand callers would outweigh a year of
    ordinary jobs in "deadlines met"; and an outage whose crew arrived in time is not counted
    late by an order joined after (the outage's own, opened by a later call) that has no
    arrival of its own. Subqueries, not joins, so that counts are not multiplied.
    """
    link = apps.get_model("outages", "OutageLink")
    order = apps.get_model("servicedesk", "WorkOrder")
    joined = Exists(link.work_orders.through.objects.filter(workorder_id=OuterRef("pk")))
    of_link = order.objects.filter(outage_links=OuterRef("pk"))
    arrived = of_link.filter(arrived_at__isnull=False).order_by("arrived_at", "created_at", "pk")
    first = of_link.order_by("pk")
    own = link.objects.annotate(
        one=Coalesce(
            Subquery(arrived.values("pk")[:1]), "order_id", Subquery(first.values("pk")[:1])
        )
    ).values("one")
    return ~Q(joined) | Q(pk__in=own)


def speaks_while_open() -> Q:
    """``counted_once`` for orders still open: of an outage's joined orders, its own order while
    that is open, else the first joined order still open. The outage's order closed on its own
    (the caller withdrew, a clerk closed it by mistake) leaves the others to follow the outage:
    one of them comes due in its place, not none and not all."""
    link = apps.get_model("outages", "OutageLink")
    joined = Exists(link.work_orders.through.objects.filter(workorder_id=OuterRef("pk")))
    own_open = link.objects.filter(order__status__in=OPEN_STATUSES).values("order_id")
    first_open = (
        link.objects.filter(Q(order=None) | ~Q(order__status__in=OPEN_STATUSES))
        .annotate(one=Min("work_orders__id", filter=Q(work_orders__status__in=OPEN_STATUSES)))
        .values("one")
    )
    return ~Q(joined) | Q(pk__in=own_open) | Q(pk__in=first_open)


class WorkOrderQuerySet(StationQuerySet["WorkOrder"]):
    def open(self) -> WorkOrderQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def running(self) -> WorkOrderQuerySet:
        """Open orders whose clock runs (not paused): the only ones that can be late."""
        return self.open().filter(paused_at=None)

    def overdue(self, now: dt.datetime) -> WorkOrderQuerySet:
        """Running orders that missed a deadline by ``now`` (``deadlines_missed_of`` says which):
        one passed, or the crew on site after the arrival deadline, for as long as the order
        is open; an outage's joined orders as one (they follow their outage: its order's
        deadlines, its restore), not each on its own. One late to arrive stays overdue once
        the crew is there: the station told the chief so, and the home page says it alike."""
        return self.running().filter(_missed(now)).filter(speaks_while_open())

    def overdue_longest_first(self, now: dt.datetime) -> WorkOrderQuerySet:
        """``overdue``, the one late the longest first: by the first commitment it missed (the
        arrival deadline when that was missed, else the resolution deadline)."""
        missed_since = Case(
            When(Q(arrive_due_at__lt=now, arrived_at=None) | _arrived_late(), then="arrive_due_at"),
            default="resolve_due_at",
        )
        return (
            self.overdue(now)
            .annotate(missed_since=missed_since)
            .order_by(F("missed_since").asc(nulls_last=True), "pk")
        )

    def due_by(self, limit: dt.datetime, now: dt.datetime) -> WorkOrderQuerySet:
        """Running orders that have missed no commitment by ``now`` whose next deadline falls
        by ``limit``; an outage's joined orders as one, as ``overdue``. Never one that is
        ``overdue``: an order whose crew arrived late is overdue until it is finished, not
        "due soon" as well (its resolution passing is a new occasion of the overdue notice)."""
        return (
            self.running()
            .filter(speaks_while_open())
            .exclude(_missed(now))
            .filter(Q(arrive_due_at__lte=limit, arrived_at=None) | Q(resolve_due_at__lte=limit))
        )


def work_order_is_overdue(order: WorkOrder, now: dt.datetime) -> bool:
    """The same rule as ``WorkOrderQuerySet.overdue`` for one order already loaded (one query
    more when it is late by its own deadlines: whether an outage speaks for it)."""
    if order.paused_at is not None or order.status not in OPEN_STATUSES:
        return False
    late = bool(deadlines_missed_of(order, now))
    return late and type(order).objects.filter(speaks_while_open(), pk=order.pk).exists()


class Missed(NamedTuple):
    """A deadline an order missed: ``which`` ("arrive" or "resolve") and when it was."""

    which: str
    due: dt.datetime


def deadlines_missed_of(order: WorkOrder, now: dt.datetime) -> list[Missed]:
    """The commitments ``order`` missed by ``now`` (the rule of ``_missed``), arrival first:
    the arrival deadline, passed with nobody there or reached after it; the resolution
    deadline, passed. Empty: none missed."""
    missed = []
    due = order.arrive_due_at
    if due is not None and (
        (order.arrived_at is None and due < now)
        or (order.arrived_at is not None and order.arrived_at > due)
    ):
        missed.append(Missed("arrive", due))
    if order.resolve_due_at is not None and order.resolve_due_at < now:
        missed.append(Missed("resolve", order.resolve_due_at))
    return missed


def next_deadline(order: WorkOrder) -> dt.datetime | None:
    """The deadline the order is working towards now (arrival first, then resolution)."""
    if order.arrive_due_at and order.arrived_at is None:
        return order.arrive_due_at
    return order.resolve_due_at
