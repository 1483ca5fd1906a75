"""Whether a crew accepted its job: the "accepted" line of the order's history (its status stays
dispatched until the crew sets out), read for the present visit only — a reopened order
("still not fixed") is a new visit, accepted afresh."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent, WorkOrderStatus

S = WorkOrderStatus

# The history line of "accepted": the order's status stays dispatched until the crew sets out.
ACCEPTED_NOTE = "班组已接单"


def is_accepted(order: WorkOrder) -> bool:
    if order.status != S.DISPATCHED:
        return order.status in (S.ON_THE_WAY, S.ON_SITE)
    # Read with the order (``crew_job_orders.accepted_annotation``).
    known = getattr(order, "accepted", None)
    if known is not None:
        return bool(known)
    return accepted_now().filter(work_order=order).exists()


def accepted_now() -> QuerySet[WorkOrderEvent]:
    """The "accepted" lines of the orders' present visit: none from before the order was last
    reopened ("still not fixed" is a new visit, which the crew sent accepts afresh; the old
    acceptance would show a reopened order joined to a new outage as accepted already)."""
    return present_visit(
        WorkOrderEvent.objects.filter(kind=WorkOrderEvent.Kind.NOTE, note=ACCEPTED_NOTE)
    )


def present_visit(events: QuerySet[WorkOrderEvent]) -> QuerySet[WorkOrderEvent]:
    """Of ``events``, the lines of their orders' present visit: after the order's last reopen
    (none from a visit before it). "After" by the time each happened (ties by the order they
    were recorded in): a step the crew's phone kept offline from before the reopen and sent
    after it is of the visit before."""
    reopened_since = WorkOrderEvent.objects.filter(
        Q(at__gt=OuterRef("at")) | Q(at=OuterRef("at"), pk__gt=OuterRef("pk")),
        work_order=OuterRef("work_order"),
        kind=WorkOrderEvent.Kind.REOPENED,
    )
    return events.exclude(Exists(reopened_since))
