"""The crew's job on a planned outage: the work order opened when a crew is sent to planned
work, so that the work is on the crew's phone (我的任务) like a fault's, with the window as its
deadlines — on site by the start, done by the end — and what becomes of it when the planned
outage is moved or called off.

The order is the outage's own (``OutageLink.order``); the crew's "done" on it, while the power
is off, records power back (``servicedesk.crew_steps``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.outages.joined import OPEN
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Category, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S
from powerdesk.servicedesk.models.core import SummaryKind
from powerdesk.servicedesk.notices import notices_order_finished
from powerdesk.servicedesk.titles import planned_title_stored

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = [
    "planned_outage_of",
    "planned_work_called_off",
    "planned_work_moved",
    "planned_work_order",
]


def planned_work_order(outage: Outage, link: OutageLink, user: User | None) -> WorkOrder | None:
    """The planned outage's order for the crew, opened the first time a crew is sent (None when
    one is open already: a crew sent again gets that one)."""
    from powerdesk.servicedesk.services import work_order_create

    if link.work_orders.filter(status__in=OPEN).exists():
        return None
    device = outage.device
    order = work_order_create(
        station=outage.station,
        user=user,
        category=Category.PLANNED_WORK,
        # Stored in the station's words (search, exports), shown in the reader's.
        summary=planned_title_stored(device.name or device.code),
        summary_kind=SummaryKind.PLANNED,
        description=" · ".join(p for p in (outage.cause, outage.notice) if p),
        village=device.village,
    )
    # The window is the job's deadlines: the crew on site when the power goes off, the work
    # done by the time households were told it would be back.
    order.arrive_due_at = outage.starts_at
    order.resolve_due_at = outage.expected_restore_at or order.resolve_due_at
    order.save(update_fields=["arrive_due_at", "resolve_due_at"])
    link.work_orders.add(order)
    link.order = order
    link.save(update_fields=["order"])
    return order


def planned_outage_of(order: WorkOrder) -> Outage | None:
    """The planned outage a planned-work order was opened for."""
    if order.category != Category.PLANNED_WORK:
        return None
    return (
        Outage.objects.filter(
            link__work_orders=order, kind=Outage.Kind.PLANNED, station_id=order.station_id
        )
        .select_related("device")
        .first()
    )


def planned_work_moved(outage: Outage, user: User | None) -> None:
    """The window moved: the open job's deadlines move with it."""
    for order in _open_orders(outage):
        order.arrive_due_at = outage.starts_at
        order.resolve_due_at = outage.expected_restore_at or order.resolve_due_at
        order.save(update_fields=["arrive_due_at", "resolve_due_at"])


def planned_work_called_off(outage: Outage, user: User | None, reason: str) -> None:
    """The planned outage is cancelled: its open job is settled with the reason, so it leaves
    the crew's phone and no deadline escalates."""
    now = timezone.now()
    said = note_said("planned_cancelled", reason=reason)
    note = said["note"]
    for order in _open_orders(outage):
        previous = order.status
        order.status = S.RESOLVED
        order.resolved_at = now
        order.resolution = note[:2000]
        order.paused_at = None
        order.save(update_fields=["status", "resolved_at", "resolution", "paused_at"])
        notices_order_finished([order.pk])
        WorkOrderEvent.objects.create(
            work_order=order,
            at=now,
            by=user,
            kind=WorkOrderEvent.Kind.STATUS,
            from_status=previous,
            to_status=S.RESOLVED,
            **said,
        )


def _open_orders(outage: Outage) -> list[WorkOrder]:
    return list(
        WorkOrder.objects.filter(
            outage_links__outage=outage, category=Category.PLANNED_WORK, status__in=OPEN
        )
    )
