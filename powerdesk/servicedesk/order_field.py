"""A work order's clock paused and resumed (for a recorded reason, its deadlines moved by the
pause), and what the crew adds to it from the field: a device found open (a signal for the live
engine too); its photos are ``order_photos``'s (re-exported here). Keyword-only, atomic
operations, each writing a line of the order's history (``services.order_event``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may, require
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.order_photos import (
    PhotosRefused,
    PreparedPhotos,
    work_order_add_photo,
    work_order_photo_once,
    work_order_photos_add,
    work_order_photos_check,
    work_order_photos_once,
    work_order_photos_prepare,
    work_order_photos_repeated,
)
from powerdesk.servicedesk.services import order_event
from powerdesk.servicedesk.workflow import WorkOrderError, require_on_order, urgent_unattended

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.network.models import GridNode

__all__ = [
    "PhotosRefused",
    "PreparedPhotos",
    "clock_restart",
    "work_order_add_photo",
    "work_order_found_open",
    "work_order_pause",
    "work_order_photo_once",
    "work_order_photos_add",
    "work_order_photos_check",
    "work_order_photos_once",
    "work_order_photos_prepare",
    "work_order_photos_repeated",
    "work_order_resume",
]


@transaction.atomic
def work_order_pause(*, work_order: WorkOrder, reason: str, user: User | None) -> WorkOrder:
    """Stop the clock, for a recorded reason only (waiting for the customer, ...)."""
    require(user, work_order.station_id, Do.ORDER_PAUSE)
    if not reason.strip():
        raise WorkOrderError(_("Say why the clock is paused."))
    # Judged on the order as it is now, not as the page read it: an urgent call may have joined
    # it meanwhile (``repeats.repeat_made_urgent``), or another pause been sent.
    work_order = _locked(work_order)
    if work_order.is_paused:
        raise WorkOrderError(_("The clock is already paused."))
    if not work_order.is_open:
        raise WorkOrderError(_("Only an open work order can be paused."))
    if urgent_unattended(work_order) and not may(
        user, work_order.station_id, Do.ORDER_PAUSE_URGENT
    ):
        raise WorkOrderError(
            _(
                "An urgent work order (a danger, a medical need) does not wait: before a crew "
                "is on site only the station chief may pause its clock."
            )
        )
    work_order.paused_at = timezone.now()
    work_order.pause_reason = reason.strip()
    work_order.save(update_fields=["paused_at", "pause_reason"])
    order_event(work_order, user, WorkOrderEvent.Kind.PAUSED, note=reason.strip())
    return work_order


@transaction.atomic
def work_order_resume(*, work_order: WorkOrder, user: User | None) -> WorkOrder:
    """Restart the clock; every deadline still ahead moves by the time it was paused."""
    require(user, work_order.station_id, Do.ORDER_PAUSE)
    work_order = _locked(work_order)  # a resume sent twice moves the deadlines once
    if not work_order.is_paused:
        raise WorkOrderError(_("The clock is not paused."))
    return clock_restart(work_order, user, said_code="paused_for")


def _locked(work_order: WorkOrder) -> WorkOrder:
    """The caller's order read again as it is now, its row locked until the change is saved."""
    work_order.refresh_from_db(from_queryset=WorkOrder.objects.select_for_update())
    return work_order


def clock_restart(work_order: WorkOrder, user: User | None, *, said_code: str) -> WorkOrder:
    """The clock of a paused order running again (the caller checked who may): every
    deadline still ahead moves by the time it was paused; the history's line ``said_code``
    says for how long (``paused_for``: resumed by hand; ``resumed_urgent``: an urgent call
    joined the order, which does not wait without the chief's say)."""
    assert work_order.paused_at is not None
    now = timezone.now()
    paused = now - work_order.paused_at
    for field in ("arrive_due_at", "resolve_due_at"):
        due = getattr(work_order, field)
        if due is not None and due > work_order.paused_at:
            setattr(work_order, field, due + paused)
    work_order.paused_at = None
    work_order.pause_reason = ""
    work_order.save()
    minutes = int(paused.total_seconds() // 60)
    order_event(work_order, user, WorkOrderEvent.Kind.RESUMED, said=note_said(said_code, n=minutes))
    return work_order


@transaction.atomic
def work_order_found_open(
    *, work_order: WorkOrder, device: GridNode, user: User | None, at: dt.datetime | None = None
) -> WorkOrderEvent:
    """A crew on patrol found ``device`` open (``at``: when, if told later from a phone without
    signal): in the order's history, and for the live engine a ``confirm_open`` signal (once
    per order and device). A crew only on its own crew's orders."""
    require_on_order(user, work_order, Do.FAULT_FOUND)
    if not work_order.is_open:
        raise WorkOrderError(_("The work order is not open."))
    if device.station_id != work_order.station_id:
        raise WorkOrderError(_("That device belongs to another station."))
    from powerdesk.outages.intake import signal_record

    found_at = min(at or timezone.now(), timezone.now())
    signal_record(
        station=work_order.station,
        type="confirm_open",
        at=found_at,
        source="crew",
        source_id=f"found-{work_order.pk}-{device.pk}",
        device=device,
    )
    said = note_said("found_open", device=device.name or device.code)
    return order_event(work_order, user, WorkOrderEvent.Kind.NOTE, said=said, at=found_at)
