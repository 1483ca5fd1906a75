"""Service-desk operations: work orders and their life, with full history (calls: ``calls``;
the callback after a resolved order: ``callbacks``; the clock paused and resumed, a device
found open from the field: ``order_field``; its photos: ``order_photos``; a call joined to an
order and an order reopened: ``order_again``; the steps of its life: ``order_steps``; a crew
sent: ``order_dispatch``; the history's lines: ``order_events``), each said here too.

Each operation is a keyword-only function, atomic, called alike from views, the API, commands
and tasks; every change of a work order writes a ``WorkOrderEvent``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may, require
from powerdesk.servicedesk.deadlines import deadlines_for, policy_for
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import (
    Call,
    Category,
    WorkOrder,
    WorkOrderCounter,
    WorkOrderEvent,
)
from powerdesk.servicedesk.models.core import SummaryKind
from powerdesk.servicedesk.notices import notices_call_ordered
from powerdesk.servicedesk.order_dispatch import work_order_dispatch
from powerdesk.servicedesk.order_events import DISPATCHED_CREW, order_event
from powerdesk.servicedesk.order_steps import work_order_step_problems, work_order_transition
from powerdesk.servicedesk.titles import outage_title_device, planned_title_device
from powerdesk.servicedesk.workflow import (
    CALLED_BACK,
    TRANSITIONS,
    WorkOrderError,
    require_on_order,
)

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.community.models import Village, VillageGroup
    from powerdesk.customers.models import Customer


# The steps of an order's life, its dispatch and its history's lines live in their own modules
# (``order_steps``, ``order_dispatch``, ``order_events``), said here too as they always were.
__all__ = [
    "CALLED_BACK",
    "DISPATCHED_CREW",
    "TRANSITIONS",
    "WorkOrderError",
    "order_event",
    "work_order_create",
    "work_order_dispatch",
    "work_order_note",
    "work_order_step_problems",
    "work_order_transition",
]


# -- work orders ------------------------------------------------------------------------------
@transaction.atomic
def work_order_create(
    *,
    station: Station,
    user: User | None,
    category: str,
    summary: str,
    description: str = "",
    urgent: bool = False,
    customer: Customer | None = None,
    village: Village | None = None,
    group: VillageGroup | None = None,
    call: Call | None = None,
    received_at: dt.datetime | None = None,
    owner: User | str | None = "user",
    summary_kind: str = "",
) -> WorkOrder:
    """Open a work order with its deadlines; a call it comes from is linked to it.

    The order's owner is the person who opens it, unless ``owner`` names someone else (a
    village liaison who reports for a villager is recorded in the history, not as the owner).
    """
    if not (may(user, station, Do.ORDER_CREATE) or may(user, station, Do.LIAISON_REPORT)):
        require(user, station, Do.ORDER_CREATE)
    if category not in Category.values:
        raise WorkOrderError(_("Unknown category “%(category)s”.") % {"category": category[:40]})
    if call is not None and call.work_order_id is not None:
        raise WorkOrderError(_("This call already belongs to a work order."))
    received = received_at or (call.received_at if call else timezone.now())
    if customer is not None:
        # The household's group only where the order lies in its own village: a danger the clerk
        # placed in another village is not at the caller's home group (review 38, 14).
        village = village or customer.village
        if group is None and (village is None or village.pk == customer.village_id):
            group = customer.group
    urgent = urgent or category == Category.HAZARD
    deadlines = deadlines_for(
        policy_for(station.pk),
        category,
        received,
        remote=_is_remote(village, group),
        urgent=_due_as_urgent(urgent, summary_kind, call),
    )
    order = WorkOrder.objects.create(
        station=station,
        number=_next_number(station, received),
        category=category,
        urgent=urgent,
        summary=summary[:200],
        summary_kind=summary_kind,
        description=description,
        customer=customer,
        village=village,
        group=group,
        owner=user if isinstance(owner, str) else owner,
        created_at=received,
        arrive_due_at=deadlines.arrive,
        resolve_due_at=deadlines.resolve,
    )
    # An outage's order says its title in the reader's language ("Outage: …"), as its title does.
    said = None
    if summary_kind == SummaryKind.OUTAGE:
        said = note_said("outage_title", device=outage_title_device(summary[:200]))
    elif summary_kind == SummaryKind.PLANNED:
        said = note_said("planned_title", device=planned_title_device(summary[:200]))
    order_event(
        order, user, WorkOrderEvent.Kind.CREATED, to_status=order.status, note=summary, said=said
    )
    if call is not None:
        call.work_order = order
        call.save(update_fields=["work_order"])
        if call.needs_order:
            # The dispatchers were told it waits for an order: it has one now.
            notices_call_ordered(call.pk, order)
    return order


def _is_remote(village: Village | None, group: VillageGroup | None) -> bool:
    """Whether crews reach the place only on foot (remote-area deadlines apply)."""
    return bool((group and group.is_remote) or (village and village.no_road_access))


def _next_number(station: Station, received: dt.datetime) -> str:
    """The station's next number of the year, e.g. ``2026-00042``.

    The year's counter row is locked until the order is stored, so orders created at the same
    moment get distinct, consecutive numbers (an aggregate cannot be locked on PostgreSQL).
    """
    year = timezone.localtime(received).year
    prefix = f"{year}-"
    counter, created = WorkOrderCounter.objects.select_for_update().get_or_create(
        station=station, year=year
    )
    if created:
        # Numbers given before the counter existed (an imported or older database).
        latest = (
            WorkOrder.objects.filter(station=station, number__startswith=prefix)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        counter.last = int(latest.split("-")[1]) if latest else 0
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}{counter.last:05d}"


def _due_as_urgent(urgent: bool, summary_kind: str, call: Call | None = None) -> bool:
    """Whether an order's crew is due on site at the hazard's time (``deadlines_for``). An
    outage's order is urgent for the households it holds, but its arrival is the fault's
    commitment, unless the call it comes from tells of a danger or a medical need."""
    if summary_kind in (SummaryKind.OUTAGE, SummaryKind.PLANNED):
        return bool(call is not None and call.urgent)
    return urgent


@transaction.atomic
def work_order_note(
    *,
    work_order: WorkOrder,
    note: str,
    user: User | None,
    said: dict[str, Any] | None = None,
) -> WorkOrderEvent:
    """A note on the order: typed by the person, or ``said`` by the system on their behalf."""
    require_on_order(user, work_order, Do.ORDER_NOTE)
    if said is None and not note.strip():
        raise WorkOrderError(_("The note is empty."))
    return order_event(work_order, user, WorkOrderEvent.Kind.NOTE, note=note.strip(), said=said)
