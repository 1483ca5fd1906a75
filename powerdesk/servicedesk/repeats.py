"""Repeat calls: the same caller (one number, or one customer's account) calling again about a
matter that already has an open work order.

A caller who rings again an hour later ("still no power") is not a new matter: the call joins
the open order and its history says "repeat call", so the order shows how often the caller had
to ring, and the office does not send two crews to one house. Intake shows the order and
chooses it for the clerk, who may still open a new order; a call taken with no choice (the API,
"as its category says") joins it when it is of the same category (``same_matter``) and, for a
danger, about the same danger: a call telling of another kind of danger than the order's (a
transformer fallen, to an order of a line hanging at a pen), or of another village or place
when both are known, opens its own order (``other_danger``), and intake offers the order without
choosing it (walk51, F9: every danger is of one category, so any second danger joined). An urgent
call (a danger, a medical need at home) about a routine order joins it too and makes it urgent
(``repeat_made_urgent``): the household's one order gets the crew there sooner, rather than a
second order beside it that nobody sends a crew to. A join the clerk chose that cannot be made
(the order finished meanwhile, another category) is refused with why (``repeat_refusal``), for
the clerk to choose again: never a second order in its place without a word.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.lib.phones import InvalidPhoneNumber, normalize_phone
from powerdesk.servicedesk.models import OPEN_STATUSES, Call, WorkOrder

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.customers.models import Customer

__all__ = [
    "REPEAT_WINDOW",
    "crew_not_told_at_intake",
    "is_repeat_call",
    "other_danger",
    "other_danger_told",
    "repeat_made_urgent",
    "repeat_order_for",
    "repeat_refusal",
    "same_matter",
]

# "Within a few hours": a crew reaches a rural house in 90 minutes and has 4 hours more to
# restore; a caller ringing again inside that is chasing the same order.
REPEAT_WINDOW = dt.timedelta(hours=6)


def repeat_order_for(
    *,
    station: Station,
    customer: Customer | None = None,
    number: str = "",
    now: dt.datetime | None = None,
    category: str = "",
    dangers: tuple[str, ...] | list[str] = (),
    text: str = "",
) -> WorkOrder | None:
    """The station's open work order this caller rang about within ``REPEAT_WINDOW`` (that of
    their latest call; with ``category``, of their latest call about an order of that category,
    so that a bill question rung about since does not hide the fault order of an hour ago);
    None for a caller nobody can tell (no customer, no valid number). An order opened for the
    customer without a call of theirs (a business request at the counter) is not a call to
    repeat. ``dangers``: the kinds of danger the call names, to find the order of that danger
    among the caller's (one rung about since of another danger does not hide it; walk51, F9).
    ``text``: the call's words, to find the order of that matter among the caller's (a second
    question rung about since does not hide the first: walk74, 8), else the latest.
    One query, a few more with ``dangers`` or ``text``."""
    e164 = _e164(station, number)
    if customer is None and not e164:
        return None
    since = (now or timezone.now()) - REPEAT_WINDOW
    caller = Q(customer=customer) if customer is not None else Q()
    if e164:
        caller |= Q(caller_e164=e164)
    calls = (
        Call.objects.filter(
            caller,
            station=station,
            received_at__gte=since,
            work_order__station=station,
            work_order__status__in=OPEN_STATUSES,
            **({"work_order__category": category} if category else {}),
        )
        .select_related("work_order")
        .order_by("-received_at", "-pk")
    )
    orders = list(dict.fromkeys(c.work_order for c in calls[:_ORDERS_READ] if c.work_order))
    if dangers:
        for order in orders:
            if not other_danger_told(dangers, order):
                return order
    if text.strip() and len(orders) > 1:
        from powerdesk.servicedesk.repeat_words import other_matter

        for order in orders:
            if not other_matter(text, order):
                return order
    return orders[0] if orders else None


# The caller's latest calls read for the order of a danger (``repeat_order_for``).
_ORDERS_READ = 20


def same_matter(call: Call, order: WorkOrder) -> bool:
    """Whether ``call`` is about the matter of ``order``, so that it may join it unasked: the
    order is still open and of the call's category (``repeat_refusal``), the call tells of no
    other danger than the order's, nor of another place (``other_danger``), and, of a category
    other than a fault or a danger, its words and the order's share a topic
    (``repeat_words.other_matter``: walk74 finding 8)."""
    from powerdesk.servicedesk.repeat_words import other_matter

    return (
        not repeat_refusal(call, order)
        and not other_danger(call, order)
        and not other_matter(call.text, order)
    )


def other_danger(call: Call, order: WorkOrder) -> bool:
    """Whether ``call``, a danger, is about another danger than ``order``'s: it names kinds of
    danger (``urgency.findings``) none of which the order's calls or words name
    (``other_danger_told``), or both say where and the places differ (another village; places
    typed that neither holds the other). A call naming no kind ("还在那里吊着") or an order of
    none is the same danger as far as anyone can tell. A clerk may still choose to add it."""
    from powerdesk.servicedesk.models import Category
    from powerdesk.servicedesk.urgent_why import MEDICAL_CODE

    if Category.HAZARD not in (call.category, order.category):
        return False
    told = [code for code in call.urgent_code_list if code != MEDICAL_CODE] if call.urgent else []
    if other_danger_told(told, order):
        return True
    if call.village_id and order.village_id and call.village_id != order.village_id:
        return True
    return bool(call.place) and _other_place(call.place, _order_place(order, call))


def other_danger_told(told: list[str] | tuple[str, ...], order: WorkOrder) -> str:
    """The dangers ``order`` is about, in the reader's words ("电线断落或垂低"), when ``told``
    (kinds of danger a call names) shares none of them; "" when it shares one, names none, or
    the order names none (its urgent calls, else its own words: ``urgent_why.own_dangers``).
    Two queries at most."""
    from powerdesk.servicedesk.models import Category
    from powerdesk.servicedesk.urgent_why import (
        MEDICAL_CODE,
        orders_calls_codes,
        own_dangers,
        reasons_said,
    )

    if not told or order.category != Category.HAZARD:
        return ""
    known = [
        code for code in orders_calls_codes([order.pk]).get(order.pk, []) if code != MEDICAL_CODE
    ] or list(own_dangers(order.summary, order.description))
    if not known or set(told) & set(known):
        return ""
    return reasons_said(known)


def _order_place(order: WorkOrder, call: Call) -> str:
    """Where the order's first call (not ``call``) said the danger is; "" for none said."""
    first = order.calls.exclude(pk=call.pk).exclude(place="").order_by("received_at", "pk")
    return next(iter(first.values_list("place", flat=True)[:1]), "")


def _other_place(one: str, other: str) -> bool:
    """Two places typed, neither of which holds the other ("牛圈门口" and "村口大路边"; not
    "牛圈门口" and "牛圈")."""
    one, other = _bare(one), _bare(other)
    return bool(one and other and one not in other and other not in one)


def _bare(place: str) -> str:
    return "".join(ch for ch in place.lower() if ch.isalnum())


def repeat_refusal(call: Call, order: WorkOrder) -> str:
    """Why ``call`` may not join ``order`` as a repeat call, in words for the clerk who chose
    it ("" when it may). An urgent call about a routine order of its category may: the order
    is made urgent as it joins (``repeat_made_urgent``), one order and one crew for one house."""
    if order.station_id != call.station_id or order.status not in OPEN_STATUSES:
        return _(
            "Work order %(number)s is %(status)s now: the call was not added to it. Choose what "
            "becomes of the call."
        ) % {"number": order.number, "status": order.get_status_display()}
    if not call.category or call.category != order.category:
        return _(
            "Work order %(number)s is a %(order)s order and this call is %(call)s: it was not "
            "added as a repeat call. Choose the call's category, or what becomes of it."
        ) % {
            "number": order.number,
            "order": order.get_category_display(),
            "call": call.get_category_display() or _("uncategorised"),
        }
    return ""


@transaction.atomic
def repeat_made_urgent(order: WorkOrder, call: Call, user: User | None) -> bool:
    """An urgent call (a danger, a medical need at home) joined to a routine order of its
    category makes the order urgent: its crew is due on site by the hazard's time counted from
    this call, when that is sooner than the order's own (``deadlines_for``); when the work is
    due stays. A clock paused for the customer ("come tomorrow") runs again: only the chief may
    keep an urgent order paused before a crew is on site (``order.pause_urgent``). A line of
    the order's history says so, with who took the call. Whether it was made urgent."""
    from powerdesk.servicedesk.deadlines import deadlines_for, policy_for
    from powerdesk.servicedesk.history_notes import note_said
    from powerdesk.servicedesk.models import WorkOrderEvent
    from powerdesk.servicedesk.services import order_event  # services reads this module

    if not call.urgent or call.category != order.category:
        return False
    from powerdesk.servicedesk.order_field import clock_restart

    order = WorkOrder.objects.select_for_update().get(pk=order.pk)
    if order.urgent:
        # Already urgent (another urgent call made it so first, or an outage's order born
        # urgent): the crew is still told of this call's danger or medical need, once for the
        # call (walk39, 7).
        _crew_told(order, call, user, again=True)
        return False
    if order.is_paused and order.arrived_at is None:
        clock_restart(order, user, said_code="resumed_urgent")
    remote = bool(
        (order.group is not None and order.group.is_remote)
        or (order.village is not None and order.village.no_road_access)
    )
    sooner = deadlines_for(
        policy_for(order.station_id), order.category, call.received_at, remote=remote, urgent=True
    ).arrive
    order.urgent = True
    fields = ["urgent"]
    arrived = order.arrived_at is not None  # (a crew already there is due nowhere: walk39, 3)
    if (
        not arrived
        and sooner is not None
        and (order.arrive_due_at is None or sooner < order.arrive_due_at)
    ):
        order.arrive_due_at = sooner
        fields.append("arrive_due_at")
    order.save(update_fields=fields)
    if order.arrive_due_at is not None and not arrived:
        said = note_said(
            "made_urgent", time=f"{timezone.localtime(order.arrive_due_at):%m-%d %H:%M}"
        )
    else:
        said = note_said("made_urgent_no_arrival")
    order_event(order, user, WorkOrderEvent.Kind.NOTE, said=said)
    _crew_told(order, call, user)
    return True


# The history lines of a crew texted, or not (no number takes it), that a call made its order
# urgent ("now"), brought a new reason to an order urgent already ("added"), or named again a
# reason it had ("again"): ``_crew_told``.
_TOLD = {
    "now": ("crew_told_urgent", "crew_not_told_urgent"),
    "added": ("crew_told_urgent_added", "crew_not_told_urgent_added"),
    "again": ("crew_told_urgent_again", "crew_not_told_urgent_again"),
}
NOT_TOLD = tuple(not_told for _told, not_told in _TOLD.values())


def _crew_told(order: WorkOrder, call: Call, user: User | None, *, again: bool = False) -> None:
    """A crew already sent, on its way or at work there is told by text message that the order
    is now urgent, why and by when (``notify_crew_made_urgent``, once; ``again``: the order was
    urgent already, and the crew is told of this call's reason, once for the call: which of
    them is new, ``urgent_why.reasons_new``, or that the call names again a reason known
    already), with a line of the history saying which of the three it was told. (A crew at
    work learns which house has an oxygen machine: walk39, 3.)"""
    from powerdesk.notifications.staff_notices import notify_crew_made_urgent
    from powerdesk.servicedesk.history_notes import note_said
    from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderStatus
    from powerdesk.servicedesk.services import order_event
    from powerdesk.servicedesk.urgent_why import reasons_in_order, reasons_new

    sent = (WorkOrderStatus.DISPATCHED, WorkOrderStatus.ON_THE_WAY, WorkOrderStatus.ON_SITE)
    if order.crew is None or order.status not in sent:
        # No crew on the way. (An outage's crew on its way is told too: its dispatch text was of
        # the outage, not of a household's medical need or a danger rung about since: walk37, 1.)
        return
    new: list[str] = []
    repeated = False
    if again:
        new = reasons_new(order, call)
        if not new and call.urgent_code_list:
            # Only a reason the order had (a second house with an oxygen machine): told as
            # another urgent call, not as a new reason.
            new, repeated = reasons_in_order(call.urgent_code_list), True
    told, not_told = _TOLD["again" if repeated else "added" if again else "now"]
    if notify_crew_made_urgent(order=order, call=call, again=again, new=new, repeated=repeated):
        said = note_said(told, crew=order.crew.name)
        order_event(order, user, WorkOrderEvent.Kind.NOTE, said=said)
        return
    from powerdesk.notifications.crew_reach import dispatch_not_texted

    if dispatch_not_texted(order.crew):
        # No text could go (its duty phone is the number of someone no longer at the station,
        # or it has none): said in the history, as what it would have told (the order now
        # urgent, a new reason, another urgent call), and to the clerk at intake with why
        # (``crew_not_told_at_intake``), as the dispatcher is told when sending a crew
        # (walkthrough 35, 4).
        said = note_said(not_told, crew=order.crew.name, call=call.pk)
        order_event(order, user, WorkOrderEvent.Kind.NOTE, said=said)


def crew_not_told_at_intake(order: WorkOrder, call: Call) -> str:
    """Why the crew on the way to ``order`` was not texted that ``call`` made it urgent, for
    the clerk who took the call; "" when it was, or when the call made nothing urgent."""
    from powerdesk.notifications.crew_reach import dispatch_not_texted

    if order.crew is None:
        return ""
    if not order.events.filter(note_code__in=NOT_TOLD, note_args__call=call.pk).exists():
        return ""
    return dispatch_not_texted(order.crew)


def is_repeat_call(order: WorkOrder, call: Call) -> bool:
    """Whether the caller of ``call`` rang about ``order`` before (an earlier call on it from
    the same customer or number), or the order is their own."""
    if call.customer_id is not None and order.customer_id == call.customer_id:
        return True
    caller = Q(customer_id=call.customer_id) if call.customer_id is not None else Q()
    if call.caller_e164:
        caller |= Q(caller_e164=call.caller_e164)
    if not caller:
        return False
    return order.calls.filter(caller).exclude(pk=call.pk).exists()


def _e164(station: Station, number: str) -> str:
    if not number:
        return ""
    try:
        return normalize_phone(number, area_code=station.area_code)
    except InvalidPhoneNumber:
        return ""
