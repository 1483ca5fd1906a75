"""A work order met again: another call about it joined to it, or the order reopened after it
was resolved or closed ("still not fixed"). Each writes a line of the order's history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.servicedesk.deadlines import deadlines_for, policy_for
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Call, WorkOrder, WorkOrderEvent, WorkOrderStatus
from powerdesk.servicedesk.notices import notices_call_ordered
from powerdesk.servicedesk.repeats import is_repeat_call
from powerdesk.servicedesk.services import _due_as_urgent, _is_remote, order_event
from powerdesk.servicedesk.workflow import WorkOrderError

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

S = WorkOrderStatus


@transaction.atomic
def work_order_join_call(*, work_order: WorkOrder, call: Call, user: User | None) -> WorkOrder:
    """Several calls about one problem join one order; a caller who rang about it before is
    recorded as a repeat call (``repeats``), so the order shows how often they had to ring."""
    if call.work_order_id is not None:
        raise WorkOrderError(_("This call already belongs to a work order."))
    if work_order.station_id != call.station_id:
        raise WorkOrderError(_("That record belongs to another station."))
    call.is_repeat = is_repeat_call(work_order, call)
    call.work_order = work_order
    call.save(update_fields=["work_order", "is_repeat"])
    if call.needs_order:
        notices_call_ordered(call.pk, work_order)
    order_event(
        work_order,
        user,
        WorkOrderEvent.Kind.REPEAT_CALL if call.is_repeat else WorkOrderEvent.Kind.CALL_JOINED,
        note=call.text[:120],
        said=_joined_call_said(call),
    )
    return work_order


def _joined_call_said(call: Call) -> dict[str, Any] | None:
    """The caller and what they said ("188 7049 5863：还是没电" stored, "188 7049 5863: 还是没电"
    on an English page): the separator is the reader's. What they said alone when no caller is
    known (``None``: the words as they were said)."""
    who = call.number_shown or call.caller_name
    if not who:
        return None
    return note_said("call_joined", who=who, text=call.text[:120])


@transaction.atomic
def work_order_reopen(
    *,
    work_order: WorkOrder,
    reason: str,
    user: User | None,
    said: dict[str, Any] | None = None,
    key: Any = None,
) -> WorkOrder:
    """Open a resolved or closed order again ("still not fixed"), with fresh deadlines
    (``said``: the system's reason, ``history_notes.note_said``, drawn in the reader's
    language; ``reason`` its words; ``key``: the API key of a callback that reopens it)."""
    require(user, work_order.station_id, Do.ORDER_REOPEN)
    if work_order.is_open:
        raise WorkOrderError(_("The work order is still open."))
    if not reason.strip():
        raise WorkOrderError(_("Say why the work order is reopened."))
    now = timezone.now()
    previous = work_order.status
    deadlines = deadlines_for(
        policy_for(work_order.station_id),
        work_order.category,
        now,
        remote=_is_remote(work_order.village, work_order.group),
        urgent=_due_as_urgent(work_order.urgent, work_order.summary_kind),
    )
    work_order.status = S.RECEIVED
    work_order.reopened_count += 1
    work_order.resolved_at = work_order.closed_at = work_order.callback_due_at = None
    # A new visit: the crew is sent again, and what the last one found stays in the history.
    work_order.arrived_at = None
    work_order.crew = None
    work_order.cause = work_order.cause_kind = work_order.resolution = ""
    work_order.device_found = None
    work_order.arrive_due_at, work_order.resolve_due_at = deadlines.arrive, deadlines.resolve
    work_order.save()
    order_event(
        work_order,
        user,
        WorkOrderEvent.Kind.REOPENED,
        from_status=previous,
        to_status=S.RECEIVED,
        note=reason.strip(),
        said=said,
        key=key,
    )
    return work_order
