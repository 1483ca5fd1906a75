"""A call's second matter as an order of its own: the note told the power off beside another
errand ("电费卡里钱扣多了，灯也不亮", ``second_matter``), and the desk keeps both matters — the
order of the call's own category and a fault-repair order, each with its owner and the service
commitments' deadlines, both linked to the one call (``Call.work_order``, ``Call.fault_order``).

Opened in one click at intake (``views_intake``), from the call's page, or by the API
(``also_fault_repair`` on a new call, ``POST /calls/{id}/fault-order`` on one logged). Keyed on
the call: a double click, a retry or another clerk meanwhile gets the order already opened,
never a second. Only a role that may open orders opens it (checked here, whatever the page). A
caller under an outage already recorded has the order joined to it, as the callers' own orders
are (``outages.joined.outage_join_open_orders``): resolved by its restore, worked by its crew.

Only for a call whose note tells the power off now (``second_matter.power_off_now``), or whose
opener says the caller told it (``power_off_said``: the note's words missed it; the fault
order's history says it was on their word). Anything else is refused (``PowerOffNotSaid``): a
stale intake panel, or an integration asking for any answered call (review61, L1). The
refusals' words are this module's, said the same everywhere (``already_about_it_said``,
``fault_order_open_said``, ``power_off_unsaid``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may, require
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Call, Category, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.order_events import order_event
from powerdesk.servicedesk.second_matter import ALREADY_ABOUT_IT, power_off_now, power_off_too
from powerdesk.servicedesk.services import WorkOrderError, work_order_create
from powerdesk.servicedesk.understanding.categories import OTHER
from powerdesk.servicedesk.understanding.system_text import caller_words
from powerdesk.servicedesk.understanding.title import summary_from_note

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.outages.models import Outage

__all__ = [
    "FaultOrderOpened",
    "PowerOffNotSaid",
    "already_about_it_said",
    "call_may_open_fault_order",
    "call_may_say_power_off",
    "call_open_fault_order",
    "callers_open_fault_order",
    "fault_order_open_said",
    "fault_order_told_again",
    "fault_too_or_the_open_one",
    "power_off_unsaid",
    "second_matter_pairs",
]


# The flag by which the clerk or the integration says the caller told the power off (the call
# page's box, the API's field: ``confirm`` of its 422).
POWER_OFF_SAID = "power_off_said"


class PowerOffNotSaid(WorkOrderError):
    """The call's note does not tell the power off now, and nobody said the caller told it:
    no fault repair order (``power_off_unsaid``)."""

    confirm = POWER_OFF_SAID


def already_about_it_said() -> str:
    """The refusal of a second matter to a fault or a hazard call."""
    return _("The call is already about the power: its own order is the fault repair.")


def fault_order_open_said(order: WorkOrder) -> str:
    """What the clerk (or the integration) is told when the caller's fault order is open: none
    opened beside it, its number to tell the caller."""
    return _(
        "The caller already has fault repair order %(number)s open (%(status)s): no second one "
        "was opened. Tell the caller its number."
    ) % {"number": order.number, "status": order.get_status_display()}


def power_off_unsaid() -> str:
    """The refusal of a fault order to a call whose note does not tell the power off."""
    return _(
        "The call's note does not say the power is off now: no fault repair order is opened "
        "for it unless the caller said so."
    )


class FaultOrderOpened(NamedTuple):
    """The call's fault-repair order, and whether this request opened it (False: it was
    already open, a repeat of the request)."""

    order: WorkOrder
    opened: bool


def call_may_open_fault_order(call: Call, user: User) -> bool:
    """Whether the call's page offers ``user`` the fault order of its second matter: a call of
    another category whose note tells the power off now, with none opened yet."""
    return (
        call.fault_order_id is None
        and call.status == Call.Status.ANSWERED
        and power_off_too(call.text, call.category)
        and may(user, call.station, Do.ORDER_CREATE)
    )


def _second_matter_refused(call: Call, power_off_said: bool) -> None:
    """Refused (``WorkOrderError``, saying why) unless ``call`` may have a second matter: an
    answered call of another category than a fault or a danger, whose note tells the power off
    now or whose opener says the caller told it (``power_off_said``)."""
    if call.status != Call.Status.ANSWERED:
        raise WorkOrderError(_("Only a call answered opens a fault repair order of its own."))
    if call.category in ALREADY_ABOUT_IT:
        raise WorkOrderError(already_about_it_said())
    if not power_off_said and not power_off_now(call.text):
        raise PowerOffNotSaid(power_off_unsaid())


def call_may_say_power_off(call: Call, user: User) -> bool:
    """Whether the call's page offers ``user`` the fault order on their word that the caller
    said the power is off (``power_off_said``): a call of another category (not "not a
    request") whose note does not say it, with none opened yet."""
    return (
        call.fault_order_id is None
        and call.status == Call.Status.ANSWERED
        and call.category not in ("", OTHER, *ALREADY_ABOUT_IT)
        and not power_off_now(call.text)
        and may(user, call.station, Do.ORDER_CREATE)
    )


@transaction.atomic
def call_open_fault_order(
    *, call: Call, user: User | None, power_off_said: bool = False
) -> FaultOrderOpened:
    """Open the fault-repair order of ``call``'s second matter (see the module's docstring),
    or return the one already opened for it. ``power_off_said``: the opener says the caller
    told the power off, which the note does not say (a line of the order's history says so)."""
    require(user, call.station, Do.ORDER_CREATE)
    locked = (
        Call.objects.select_for_update(of=("self",))
        .select_related("station", "customer", "work_order")
        .get(pk=call.pk)
    )
    if locked.fault_order_id is not None:
        return FaultOrderOpened(WorkOrder.objects.get(pk=locked.fault_order_id), False)
    _second_matter_refused(locked, power_off_said)
    already = callers_open_fault_order(locked)
    if already is not None:
        # The caller's power off is already someone's work (walked at 14:32: each call of the
        # same caller opened one more): said, for the clerk to tell its number; never a second.
        raise WorkOrderError(fault_order_open_said(already))
    first = locked.work_order
    at = f"{timezone.localtime(locked.received_at):%m-%d %H:%M}"
    order = work_order_create(
        station=locked.station,
        user=user,
        category=Category.FAULT_REPAIR,
        urgent=locked.urgent,
        summary=summary_from_note(caller_words(locked.text)) or str(Category.FAULT_REPAIR.label),
        description=locked.text,
        customer=locked.customer,
        village=locked.village,
        group=locked.group,
        # The commitments' clock runs from when the caller told it, as for the call's own order.
        received_at=locked.received_at,
    )
    Call.objects.filter(pk=locked.pk).update(fault_order=order)
    call.fault_order = order
    # On the opener's word when the note does not tell it (review61, L1).
    code = "second_matter_of" if power_off_now(locked.text) else "second_matter_said"
    said = (
        note_said(code, time=at, number=first.number)
        if first is not None
        else note_said(f"{code}_call", time=at)
    )
    order_event(order, user, WorkOrderEvent.Kind.NOTE, said=said)
    if first is not None:
        order_event(
            first,
            user,
            WorkOrderEvent.Kind.NOTE,
            said=note_said("second_matter_too", number=order.number),
        )
    if locked.customer is not None:
        from powerdesk.outages.joined import nearest_outage_above

        outage = nearest_outage_above(locked.customer)
        if outage is not None:
            order = _joined_to_outage(order, outage, user)
    return FaultOrderOpened(order, True)


def fault_too_or_the_open_one(
    call: Call, user: User | None, *, power_off_said: bool = False
) -> WorkOrder:
    """The one click's fault order: opened for ``call`` (``second_order``), unless the caller
    rang before with the power off and their fault order is still open (fix61c's walk: the
    whole save was refused then). The call is saved as its category all the same, no second
    fault order, and the open one gets a line of history naming the call; the clerk is told its
    number (``fault_order_open_said``; the API's ``notice``). Refused as
    ``call_open_fault_order`` refuses (a call about the power, a note not telling it off)."""
    require(user, call.station, Do.ORDER_CREATE)
    if call.fault_order_id is None:
        _second_matter_refused(call, power_off_said)
        already = callers_open_fault_order(call)
        if already is not None:
            fault_order_told_again(call, already, user)
            return already
    return call_open_fault_order(call=call, user=user, power_off_said=power_off_said).order


def fault_order_told_again(call: Call, order: WorkOrder, user: User | None) -> None:
    """The caller rang again with the power off beside another errand while their fault order
    ``order`` is open: no second one; a line of its history names the call (its time and its own
    order), for whoever works it. (``Call.fault_order`` is the one order a call opened: it does
    not point at an order another call opened.) Once per call: its id is kept with the line."""
    codes = ("second_matter_again", "second_matter_again_call")
    if order.events.filter(note_code__in=codes, note_args__call=call.pk).exists():
        return  # told of this call before (the API's call sent again: review61, L4)
    at = f"{timezone.localtime(call.received_at):%m-%d %H:%M}"
    first = call.work_order
    said = (
        note_said(codes[0], time=at, number=first.number, call=call.pk)
        if first is not None
        else note_said(codes[1], time=at, call=call.pk)
    )
    order_event(order, user, WorkOrderEvent.Kind.NOTE, said=said)


def callers_open_fault_order(call: Call) -> WorkOrder | None:
    """An open fault-repair order the same caller (account or number) has from the last hours
    (``REPEAT_WINDOW``): their own, one their call joined (an outage's), or one opened as a
    call's second matter."""
    from powerdesk.servicedesk.models import OPEN_STATUSES
    from powerdesk.servicedesk.repeats import REPEAT_WINDOW

    caller = Q()
    if call.customer_id is not None:
        caller |= Q(customer_id=call.customer_id) | Q(calls__customer_id=call.customer_id)
        caller |= Q(second_matter_call__customer_id=call.customer_id)
    if call.caller_e164:
        caller |= Q(calls__caller_e164=call.caller_e164)
        caller |= Q(second_matter_call__caller_e164=call.caller_e164)
    if not caller:
        return None
    return (
        WorkOrder.objects.filter(
            caller,
            station_id=call.station_id,
            category=Category.FAULT_REPAIR,
            status__in=OPEN_STATUSES,
            created_at__gte=call.received_at - REPEAT_WINDOW,
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def _joined_to_outage(order: WorkOrder, outage: Outage, user: User | None) -> WorkOrder:
    """``order`` joined to the outage above the caller, as the callers' own orders are: a line
    of both histories; sent to the outage's crew, at its stage, when one is sent."""
    from powerdesk.outages.crew_stage import crew_stage_job
    from powerdesk.outages.history import outage_history_add
    from powerdesk.outages.joined import order_to_outage_crew, outage_link
    from powerdesk.outages.models import OutageLink

    link = OutageLink.objects.select_for_update().filter(pk=outage_link(outage).pk).get()
    link.work_orders.add(order)
    order_event(
        order,
        user,
        WorkOrderEvent.Kind.NOTE,
        said=note_said("joined_outage", device=str(outage.device)),
    )
    outage_history_add(outage, user, "orders_joined", said=note_said("items", items=[order.number]))
    ahead = crew_stage_job(outage, link.crew_id)
    return order_to_outage_crew(order, outage, link, user, ahead=ahead)


def second_matter_pairs(order_ids: list[int]) -> dict[int, WorkOrder]:
    """For each of ``order_ids`` that is one of a call's two matters, the other order (the
    fault order of a call's own order, the call's own order of a fault order): the order list
    shows them side by side. One query."""
    calls = (
        Call.objects.filter(Q(work_order_id__in=order_ids) | Q(fault_order_id__in=order_ids))
        .filter(fault_order__isnull=False, work_order__isnull=False)
        .select_related("work_order", "fault_order")
    )
    pairs: dict[int, WorkOrder] = {}
    for call in calls:
        assert call.work_order is not None and call.fault_order is not None
        pairs.setdefault(call.work_order.pk, call.fault_order)
        pairs[call.fault_order.pk] = call.work_order
    return pairs
