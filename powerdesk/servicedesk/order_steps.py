"""A work order's steps of its life (``work_order_transition``: dispatched, on the way, on site,
resolved, closed, called back to received), and what a step would refuse, storing nothing
(``work_order_step_problems``). Re-exported by ``services``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.servicedesk.crew_device_path import device_checked, device_elsewhere_recorded
from powerdesk.servicedesk.deadlines import policy_for
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import (
    OPEN_STATUSES,
    Notification,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
)
from powerdesk.servicedesk.models.status import UNFINISHED
from powerdesk.servicedesk.notices import notices_given_settled, notices_order_finished
from powerdesk.servicedesk.order_events import order_event
from powerdesk.servicedesk.workflow import (
    CALLED_BACK,
    FOLLOWS_OUTAGE,
    WorkOrderError,
    in_house_refused,
    joined_step_refused,
    require_on_order,
    step_permission,
    step_problem,
    step_problems,
)

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage

S = WorkOrderStatus

__all__ = ["work_order_step_problems", "work_order_transition"]


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
    # At its field (the API's 400 names it), before the order's state: a danger with nobody
    # off (a leaning pole) is no fault inside a house, whoever sends it (an old page, the API:
    # review46, 8). The rule is ``step_problems``' own (``workflow.in_house_refused``).
    refused = in_house_refused(order, to_status, in_house)
    if refused is not None:
        raise refused
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
