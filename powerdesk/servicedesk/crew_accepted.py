"""Whether a crew accepted its job: the "accepted" line of the order's history (its status stays
dispatched until the crew sets out), read for the present visit only — a reopened order
("still not fixed") is a new visit, accepted afresh."""

from __future__ import annotations

from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value, Window
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, Lag

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
    """The "accepted" lines of the orders' present visit and sending: none from before the
    order was last reopened ("still not fixed" is a new visit, which the crew sent accepts
    afresh; the old acceptance would show a reopened order joined to a new outage as accepted
    already), and none from before its crew was last called back or another crew sent: the
    acceptance is the sending's, and a job sent again is not accepted until the crew accepts it
    again (walk56, M1: the phone read "已接单" while the office had no word of the crew)."""
    return present_sending(
        present_visit(
            WorkOrderEvent.objects.filter(kind=WorkOrderEvent.Kind.NOTE, note=ACCEPTED_NOTE)
        )
    )


def present_sending(events: QuerySet[WorkOrderEvent]) -> QuerySet[WorkOrderEvent]:
    """Of ``events``, the lines of their orders' present sending: none before the crew was
    called back (back to received) or before a dispatch that began a new sending (another
    crew, or one sent after a recall: ``order_dispatch._new_sending``). A dispatch to the crew
    the order had already (a retry) begins none. A dispatch line written before the lines were
    marked (review56, L3) began one when it sent another crew than the one sent at the line.
    A dispatch line that names no crew (none known, or none before the line) is of another crew
    than one named (review58 L5: a bare ``NOT (a = b)`` of SQL never ended a sending there): an
    acceptance is kept only while the crew sent is known to be the one that accepted.
    ``_present_key`` keeps the notice's key then (a text is not sent again for a crew unknown);
    the acceptance, which only the crew's own step gives back, is the safe one to drop."""
    from powerdesk.servicedesk.order_events import DISPATCHED_CREW, SENDING

    # As text: a key of the JSON compared as a JSON value would be read as JSON again; "" for
    # a line that names no crew, so that a comparison with it is never NULL.
    crew_sent = Coalesce(
        Cast(KT(f"note_args__{DISPATCHED_CREW}"), output_field=CharField()),
        Value(""),
        output_field=CharField(),
    )
    dispatched = WorkOrderEvent.Kind.DISPATCHED
    after = Q(at__gt=OuterRef("at")) | Q(at=OuterRef("at"), pk__gt=OuterRef("pk"))
    # A line ends the sending of the lines before it when it calls the crew back, or is a
    # dispatch that began a sending (marked), or that sent another crew than the dispatch line
    # before it ("" for none): the crew before read by a window over the order's dispatch
    # lines, once for the order, not by a subquery for each line. (Another crew than the one
    # of the last dispatch before a line, sent at any dispatch since, means that some dispatch
    # since sent another crew than the one before it: the same lines end a sending.)
    called_back = WorkOrderEvent.objects.filter(
        after, work_order=OuterRef("work_order"), kind=WorkOrderEvent.Kind.STATUS
    ).filter(to_status=S.RECEIVED)
    sent_anew = (
        WorkOrderEvent.objects.filter(work_order=OuterRef("work_order"), kind=dispatched)
        .annotate(
            crew_sent=crew_sent,
            crew_before=Window(
                Lag(crew_sent, default=Value("")),
                order_by=[F("at").asc(), F("pk").asc()],
            ),
        )
        # One condition with the window's column (a disjunction): read after the window, over
        # every dispatch line of the order, not only those after the line.
        .filter((after & Q(note_args__has_key=SENDING)) | (after & ~Q(crew_sent=F("crew_before"))))
    )
    return events.exclude(Exists(called_back)).exclude(Exists(sent_anew))


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
