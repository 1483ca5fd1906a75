"""A crew sent to a work order (``work_order_dispatch``): from the order on its own, or as its
outage's crew; the crew told, and the crew it was sent to before told it has it no more.
Re-exported by ``services``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent, WorkOrderStatus
from powerdesk.servicedesk.order_events import DISPATCHED_CREW, SENDING, order_event
from powerdesk.servicedesk.workflow import CREW_CATEGORIES, WorkOrderError, joined_dispatch_refused

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from powerdesk.accounts.models import Crew, User
    from powerdesk.outages.models import Outage

S = WorkOrderStatus

__all__ = ["work_order_dispatch"]


@transaction.atomic
def work_order_dispatch(
    *, work_order: WorkOrder, crew: Crew, user: User | None, for_outage: Outage | None = None
) -> WorkOrder:
    """Send ``crew`` to the order. An order joined to an outage being worked on gets the
    outage's crew, from the outage for all its orders at once (``for_outage``: the outage's own
    dispatch); sent from the order on its own, it is refused, with where to send it from."""
    require(user, work_order.station_id, Do.ORDER_DISPATCH)
    if for_outage is None:
        from powerdesk.outages.joined import outage_in_charge  # outages reads servicedesk

        outage = outage_in_charge(work_order)
        if outage is not None:
            raise WorkOrderError(joined_dispatch_refused(work_order, outage))
    if work_order.is_paused:
        raise WorkOrderError(_("The clock is paused: resume the work order first."))
    if crew.station_id != work_order.station_id:
        raise WorkOrderError(_("That crew belongs to another station."))
    if work_order.category not in CREW_CATEGORIES:
        raise WorkOrderError(
            _(
                "No crew is sent for a “%(category)s” work order: it is answered from the "
                "office. Crews go only to work at the grid or the meter."
            )
            % {"category": work_order.get_category_display()}
        )
    order = WorkOrder.objects.select_for_update().get(pk=work_order.pk)
    if order.status not in (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY):
        raise WorkOrderError(_("Only an order not yet on site can be dispatched."))
    previous = order.status
    crew_before = order.crew
    order.crew = crew
    if order.status == S.RECEIVED:
        order.status = S.DISPATCHED
    order.save(update_fields=["crew", "status"])
    # The crew's name as it was then, and its id: a crew renamed since was still the one sent
    # (``crew_conflicts.never_the_crews``). The history reads the act, then the status it gave,
    # at one time, as the demo's orders do (walkthrough 46, finding 10: the other way round).
    changed = crew_before is not None and crew_before.pk != crew.pk
    dispatches = WorkOrderEvent.objects.filter(
        work_order=order, kind=WorkOrderEvent.Kind.DISPATCHED
    ).order_by("-pk")
    # The present sending's own key: of the last dispatch that began one (none: the first).
    began = dispatches.filter(note_args__has_key=SENDING).values_list("note_args", flat=True)
    current = str((began.first() or {}).get(SENDING, ""))
    # A new sending is keyed by how many dispatch lines came before it (the line's own id is
    # not known before it is written, and the history is append-only).
    sending = (
        current  # the crew it has already (a double click, a retry): told once
        if crew_before is not None and not changed
        else _new_sending(changed=changed, sent_before=dispatches.count())
    )
    # Sent again after it was taken off it (called back, or sent to another crew): its text
    # says so, and that the withdrawal it was told of no longer holds (walk58 L6: word for word
    # the first text, a crew reading its texts out of order could not tell which held).
    again = sending != current and _sent_before_to(order, crew, dispatches)
    args: dict[str, object] = {DISPATCHED_CREW: crew.pk}
    if sending and sending != current:
        args[SENDING] = sending
    sent = {"note": crew.name, "note_code": "", "note_args": args}
    now = timezone.now()
    event = order_event(order, user, WorkOrderEvent.Kind.DISPATCHED, said=sent, at=now)
    if previous != order.status:
        order_event(
            order,
            user,
            WorkOrderEvent.Kind.STATUS,
            from_status=previous,
            to_status=order.status,
            at=now,
        )
    if not order.outage_links.exists():  # an outage's crew is told of the outage itself
        from powerdesk.notifications.staff_notices import (
            notify_crew_dispatched,
            notify_crew_taken_off,
        )

        if sending and sending != current:
            # A new sending to a crew it was taken off: "taken off" is no longer so.
            from powerdesk.servicedesk.notices_put_away import notices_crew_job_sent_back

            notices_crew_job_sent_back(
                work_order_id=order.pk, recipient_ids=crew.members.values_list("pk", flat=True)
            )
        notify_crew_dispatched(crew=crew, order=order, sending=sending, again=again)
        # The crew it was sent to before has it no more, and is told so in PowerDesk (and by
        # text when its dispatch was texted).
        if (
            crew_before is not None
            and changed
            and notify_crew_taken_off(
                crew=crew_before, by_crew=crew, order=order, key=f"order:{order.pk}:{event.pk}"
            )
        ):
            order_event(
                order,
                user,
                WorkOrderEvent.Kind.NOTE,
                said=note_said("crew_told_taken_off", crew=crew_before.name),
            )
    return order


def _sent_before_to(order: WorkOrder, crew: Crew, dispatches: QuerySet[WorkOrderEvent]) -> bool:
    """Whether ``crew`` was sent to ``order`` before (``dispatches``, its dispatch lines),
    since the order was last reopened (a reopened order is a new job, not a sending again)."""
    reopened = (
        WorkOrderEvent.objects.filter(work_order=order, kind=WorkOrderEvent.Kind.REOPENED)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return dispatches.filter(
        pk__gt=reopened or 0, **{f"note_args__{DISPATCHED_CREW}": crew.pk}
    ).exists()


def _new_sending(*, changed: bool, sent_before: int) -> str:
    """How the dispatch notice's key ends for a new sending (its text is sent once a sending):
    another crew (A → B → A), or a crew sent after the order was called back (A → recalled → A:
    walk56, H3, where the crew was only told to stay away), is keyed by the dispatch lines
    before it, as the crew's phone keys its jobs by their dispatch (``dispatch_of``); the
    order's first sending keeps the plain key. Kept on the line (``SENDING``): a dispatch to
    the crew the order has already (a double click, a retry) is the same sending, and an
    acceptance before a new sending is not this one's (``crew_accepted.accepted_now``)."""
    if changed:
        return f":after:{sent_before}"
    return f":sent:{sent_before}" if sent_before else ""
