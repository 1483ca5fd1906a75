"""A crew sent to a work order (``work_order_dispatch``): from the order on its own, or as its
outage's crew; the crew told, and the crew it was sent to before told it has it no more.
Re-exported by ``services``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent, WorkOrderStatus
from powerdesk.servicedesk.order_events import DISPATCHED_CREW, SENDING, order_event
from powerdesk.servicedesk.sent_again import (
    AGAIN,
    ALREADY,
    SENT_AGAIN,
    mark_sent,
    sent_before,
)
from powerdesk.servicedesk.workflow import CREW_CATEGORIES, WorkOrderError, joined_dispatch_refused

if TYPE_CHECKING:
    from powerdesk.accounts.models import Crew, User
    from powerdesk.outages.models import Outage

S = WorkOrderStatus
E = WorkOrderEvent.Kind
# The marks of a dispatch line that began a new sending (``SENDING``): another crew sent, or a
# crew sent again after a recall.
AFTER, SENT = "after", "sent"

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
    if crew_before is not None and crew_before.pk == crew.pk:
        # On the job already (a double click, a retry, the same crew chosen again): nothing
        # is stored nor told (walk61 L1: a second "dispatched" line read as a second sending).
        mark_sent(order, ALREADY)
        return order
    order.crew = crew
    if order.status == S.RECEIVED:
        order.status = S.DISPATCHED
    order.save(update_fields=["crew", "status"])
    # The crew's name as it was then, and its id: a crew renamed since was still the one sent
    # (``crew_conflicts.never_the_crews``). The history reads the act, then the status it gave,
    # at one time, as the demo's orders do (walkthrough 46, finding 10: the other way round).
    changed = crew_before is not None and crew_before.pk != crew.pk
    # The present sending's key (none: the first), read from the lines before that sent a
    # crew or took the crew off (called back, reopened).
    lines = list(
        WorkOrderEvent.objects.filter(
            Q(kind=E.DISPATCHED) | Q(kind=E.STATUS, to_status=S.RECEIVED) | Q(kind=E.REOPENED),
            work_order=order,
        )
        .order_by("pk")
        .values_list("pk", "kind", "note_args")
    )
    current = _present_key(lines)
    # Another crew, or one sent after a recall, begins a new sending (the crew it has
    # already stored nothing, above), marked on its line (``SENDING``)
    # and keyed by the line's id, known once the line is written.
    begins = _new_sending(changed, lines)
    # Sent again after it was taken off it (called back, or sent to another crew): its text
    # says so, and that the withdrawal it was told of no longer holds (walk58 L6: word for word
    # the first text, a crew reading its texts out of order could not tell which held).
    again = bool(begins) and _sent_before_to(crew, lines)
    args: dict[str, object] = {DISPATCHED_CREW: crew.pk}
    if begins:
        args[SENDING] = begins
    sent: dict[str, Any] = {"note": crew.name, "note_code": "", "note_args": args}
    if again:  # its line says so, in the reader's language (walk61 M2)
        sent = note_said(SENT_AGAIN, name=crew.name)
        sent["note_args"].update(args)
        mark_sent(order, AGAIN)
    now = timezone.now()
    event = order_event(order, user, WorkOrderEvent.Kind.DISPATCHED, said=sent, at=now)
    sending = f":{begins}:{event.pk}" if begins else current
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

        if begins:
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


def _sent_before_to(crew: Crew, lines: list[tuple[int, str, Any]]) -> bool:
    """Whether ``crew`` was sent to the order before, of its lines (id, kind, ``note_args``)
    that sent a crew or took it off, since the order was last reopened (a reopened order is a
    new job, not a sending again): the rule of ``sent_again``."""
    return sent_before(
        crew.pk,
        (
            (
                kind == E.REOPENED,
                args.get(DISPATCHED_CREW)
                if kind == E.DISPATCHED and isinstance(args, dict)
                else None,
            )
            for _pk, kind, args in lines
        ),
    )


def _new_sending(changed: bool, lines: list[tuple[int, str, Any]]) -> str:
    """How a dispatch that is not a retry marks its line (``SENDING``; its notice's key ends
    ``:<mark>:<the line's id>``, its text sent once a sending): another crew (A → B → A) is
    ``after``; a crew sent after the order was called back (A → recalled → A: walk56, H3, where
    the crew was only told to stay away) is ``sent``; the order's first sending is marked not
    and keeps the plain key. As the crew's phone keys its jobs by their dispatch line
    (``dispatch_of``). A dispatch to the crew the order has already (a double click, a retry) is
    the same sending, and an acceptance before a new sending is not this one's
    (``crew_accepted.present_sending``)."""
    if changed:
        return AFTER
    return SENT if any(kind == E.DISPATCHED for _pk, kind, _args in lines) else ""


def _present_key(lines: Iterable[tuple[int, str, Any]]) -> str:
    """The end of the present sending's key, of an order's lines (id, kind, ``note_args``) that
    sent a crew or took it off, in the order they were written: that of the last dispatch line
    that began one. Lines written before sendings were keyed by their line (review56, L3) are
    read by the keys their notices were raised with then: a line marked with a count
    (``:after:2``, ``:sent:3``) by that, and a line without a mark that sent another crew than
    the one the order had (none called back or reopened between) by ``:after:<its id>``, as a
    move to another crew was keyed before there were marks; a crew sent after a recall was
    then told under the plain key, as any sending of the first crew."""
    key, crew_before = "", None
    for pk, kind, args in lines:
        if kind != E.DISPATCHED:  # called back, or reopened: the order has no crew
            crew_before = None
            continue
        args = args if isinstance(args, dict) else {}
        mark, crew = args.get(SENDING), args.get(DISPATCHED_CREW)
        if isinstance(mark, str) and mark.startswith(":"):
            key = mark
        elif mark in (AFTER, SENT):
            key = f":{mark}:{pk}"
        elif mark is None and None not in (crew, crew_before) and crew != crew_before:
            key = f":after:{pk}"
        crew_before = crew
    return key
