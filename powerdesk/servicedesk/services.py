"""Service-desk operations: work orders and their life, with full history (calls: ``calls``;
the callback after a resolved order: ``callbacks``; the clock paused and resumed, a photo or a
device found open from the field: ``order_field``; a call joined to an order and an order
reopened: ``order_again``).

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
from powerdesk.servicedesk.crew_device_path import device_checked, device_elsewhere_recorded
from powerdesk.servicedesk.deadlines import deadlines_for, policy_for
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import (
    OPEN_STATUSES,
    Call,
    Category,
    Notification,
    WorkOrder,
    WorkOrderCounter,
    WorkOrderEvent,
    WorkOrderStatus,
)
from powerdesk.servicedesk.models.core import SummaryKind
from powerdesk.servicedesk.models.status import UNFINISHED
from powerdesk.servicedesk.notices import (
    notices_call_ordered,
    notices_given_settled,
    notices_order_finished,
)
from powerdesk.servicedesk.titles import outage_title_device, planned_title_device
from powerdesk.servicedesk.workflow import (
    CALLED_BACK,
    CREW_CATEGORIES,
    FOLLOWS_OUTAGE,
    TRANSITIONS,
    WorkOrderError,
    joined_dispatch_refused,
    joined_step_refused,
    require_on_order,
    step_permission,
    step_problem,
    step_problems,
)

if TYPE_CHECKING:
    from powerdesk.accounts.models import Crew, Station, User
    from powerdesk.community.models import Village, VillageGroup
    from powerdesk.customers.models import Customer
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage

S = WorkOrderStatus

__all__ = ["CALLED_BACK", "TRANSITIONS", "WorkOrderError"]


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


@transaction.atomic
def work_order_transition(
    *,
    work_order: WorkOrder,
    to_status: str,
    user: User | None,
    note: str = "",
    cause: str = "",
    device: GridNode | None = None,
    at: dt.datetime | None = None,
    for_outage: Outage | None = None,
    device_confirmed: bool = False,
    from_phone: bool = False,
    in_house: bool = False,
) -> WorkOrder:
    """Move the order to ``to_status`` if its life allows it; record times and history.

    A device named as it is resolved off the order's line (``crew_device_path``) is refused at
    its field unless ``device_confirmed``, and the history says who confirmed it (the crew's
    phone: ``from_phone``; else the office or the API): one check for every caller.
    ``in_house``: resolved with the fault inside the customer's house (no grid device: none is
    asked, any named is set aside).

    An order joined to an outage being worked on follows its outage: the crew's steps
    (``FOLLOWS_OUTAGE``: called back, on the way, on site, resolved) are taken only as the
    outage's (``for_outage``: the outage's job on the crew's phone), and its restore resolves
    every order joined to it (``outages.aftercare``); taken on the order alone, from its page
    or the API, they are refused, with where they are taken."""
    order = WorkOrder.objects.select_for_update().get(pk=work_order.pk)
    in_house = in_house and to_status == S.RESOLVED
    if in_house:
        device = None
    elsewhere = _step_checked(
        order, to_status, user, note, cause, device, device_confirmed, for_outage, in_house
    )
    now = at or timezone.now()
    previous = order.status
    order.status = to_status
    if to_status == S.ON_SITE:
        order.arrived_at = now
    elif to_status == S.RESOLVED:
        order.resolved_at = now
        if cause:
            # Typed now: the crew's words replace a kind of cause taken from an outage.
            order.cause, order.cause_kind = cause, ""
        order.device_found = device or order.device_found
        if in_house:
            from powerdesk.servicedesk.models.core import CAUSE_IN_HOUSE

            order.cause_kind, order.device_found = CAUSE_IN_HOUSE, None
        order.resolution = note or order.resolution
        if order.category in CALLED_BACK:
            hours = policy_for(order.station_id).callback_hours
            order.callback_due_at = now + dt.timedelta(hours=hours)
    elif to_status == S.CLOSED:
        order.closed_at = now
    called_back = order.crew if to_status == S.RECEIVED else None
    if to_status == S.RECEIVED:
        order.crew = None  # the crew is called back
    order.save()
    said = None
    if called_back is not None:
        # Called back: the history's line names the crew it was taken from (walk38, 3; walk39,
        # 6: the crew was only in the note's column).
        said = (
            note_said("crew_called_back_note", crew=called_back.name, note=note)
            if note
            else note_said("crew_called_back", crew=called_back.name)
        )
    event = order_event(
        order,
        user,
        WorkOrderEvent.Kind.STATUS,
        from_status=previous,
        to_status=to_status,
        note=note or cause,
        at=now,
        said=said,
    )
    if called_back is not None and not order.outage_links.exists():
        # Its members are told in PowerDesk that the job is no longer theirs (walk38, 3), and
        # its dispatch's notice is put away (``notify_crew_taken_off``).
        from powerdesk.notifications.staff_notices import notify_crew_taken_off

        if notify_crew_taken_off(
            crew=called_back, by_crew=None, order=order, key=f"order:{order.pk}:{event.pk}"
        ):
            # Texted as its dispatch was (walk40, 6): said in the history.
            order_event(
                order,
                user,
                WorkOrderEvent.Kind.NOTE,
                said=note_said("crew_told_taken_off", crew=called_back.name),
            )
    if elsewhere and device is not None:
        device_elsewhere_recorded(order, device, user, now, in_office=not from_phone)
    if to_status not in OPEN_STATUSES:
        notices_order_finished([order.pk])
    if to_status not in UNFINISHED:
        # Finished, its callback too: nothing is left to tell of the order given to someone.
        notices_given_settled(work_order=order, reason=Notification.ReadReason.WORK_DONE)
    if to_status == S.RESOLVED:
        # A fault repaired at a device closes it again: the outage engine hears of it.
        from powerdesk.outages.desk_signals import signal_from_resolved_order

        signal_from_resolved_order(order=order, at=now)
    return order


def work_order_step_problems(
    *,
    work_order: WorkOrder,
    to_status: str,
    user: User | None,
    note: str = "",
    cause: str = "",
    device: GridNode | None = None,
    device_confirmed: bool = False,
    in_house: bool = False,
) -> tuple[dict[str, str], str]:
    """What ``work_order_transition`` would refuse, storing nothing, by field ("" for the
    order's state), every one at once, and the box to tick to insist (``confirm``, a device off
    the order's line): a form refused says all its problems, and its photos', in one answer
    (walkthrough 32, 11; review 33: the resolution said one field a submit). ``NotAllowed`` is
    raised, as by the transition."""
    from powerdesk.servicedesk.crew_device_path import DeviceOffPathError

    order = WorkOrder.objects.get(pk=work_order.pk)
    require_on_order(user, order, step_permission(to_status))
    if to_status in FOLLOWS_OUTAGE and order.status in OPEN_STATUSES:
        from powerdesk.outages.joined import outage_in_charge  # outages reads servicedesk

        outage = outage_in_charge(order)
        if outage is not None:
            return {"": joined_step_refused(order, outage)}, ""
    if in_house and to_status == S.RESOLVED:
        device = None  # inside the customer's house: no grid device
    found = step_problems(
        order, to_status, cause=cause, device=device, note=note, in_house=in_house
    )
    confirm = ""
    if device is not None and device.station_id != order.station_id:
        found.setdefault("device", _("That device belongs to another station."))
    elif to_status == S.RESOLVED and device is not None and device.pk != order.device_found_id:
        try:
            device_checked(order, device, confirmed=device_confirmed)
        except DeviceOffPathError as exc:
            found.setdefault("device", str(exc))
            confirm = exc.confirm
    return found, confirm


def _step_checked(
    order: WorkOrder,
    to_status: str,
    user: User | None,
    note: str,
    cause: str,
    device: GridNode | None,
    device_confirmed: bool,
    for_outage: Outage | None,
    in_house: bool = False,
) -> bool:
    """``work_order_transition``'s checks; whether a device off the line was confirmed."""
    require_on_order(user, order, step_permission(to_status))
    if for_outage is None and to_status in FOLLOWS_OUTAGE and order.status in OPEN_STATUSES:
        from powerdesk.outages.joined import outage_in_charge  # outages reads servicedesk

        outage = outage_in_charge(order)
        if outage is not None:
            raise WorkOrderError(joined_step_refused(order, outage))
    problem = step_problem(
        order, to_status, cause=cause, device=device, note=note, in_house=in_house
    )
    if problem:
        raise WorkOrderError(problem)
    if device is not None and device.station_id != order.station_id:
        raise WorkOrderError(_("That device belongs to another station."))
    if to_status == S.RESOLVED and device is not None and device.pk != order.device_found_id:
        return device_checked(order, device, confirmed=device_confirmed)
    return False


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
    if previous != order.status:
        order_event(
            order, user, WorkOrderEvent.Kind.STATUS, from_status=previous, to_status=order.status
        )
    # The crew's name as it was then, and its id: a crew renamed since was still the one sent
    # (``crew_conflicts.never_the_crews``).
    sent = {"note": crew.name, "note_code": "", "note_args": {DISPATCHED_CREW: crew.pk}}
    event = order_event(order, user, WorkOrderEvent.Kind.DISPATCHED, said=sent)
    if not order.outage_links.exists():  # an outage's crew is told of the outage itself
        from powerdesk.notifications.staff_notices import (
            notify_crew_dispatched,
            notify_crew_taken_off,
        )

        changed = crew_before is not None and crew_before.pk != crew.pk
        notify_crew_dispatched(
            crew=crew, order=order, sending=f":after:{event.pk}" if changed else ""
        )
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


# The key of a dispatch line's ``note_args`` that holds the id of the crew sent.
DISPATCHED_CREW = "crew"


def order_event(
    order: WorkOrder,
    user: User | None,
    kind: str,
    *,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    at: dt.datetime | None = None,
    said: dict[str, Any] | None = None,
) -> WorkOrderEvent:
    """A line of the order's history: ``note`` as typed, or ``said`` by the system
    (``history_notes.note_said``: drawn in the reader's language)."""
    return WorkOrderEvent.objects.create(
        work_order=order,
        at=at or timezone.now(),
        by=user,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        **(said or {"note": note}),
    )
