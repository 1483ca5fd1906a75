"""An urgent call kept without its work order: the dispatchers are told at once.

A call taken by someone who may take calls but not open work orders (the administrator at the
phone at night) waits, marked, for the desk (``call_order``). When it is urgent — a danger to
life, a hazard, a medical need at home (``Call.urgent``) — it cannot wait for the desk to
look: the station's dispatchers (its chief when it has none) are told as the call is saved, in
PowerDesk and by text message (``notifications.staff_notices.notify_urgent_call``). If it still
has no work order once the station's commitment for it has passed (a crew on site within the
hazard's 45 minutes, say: ``deadlines.deadlines_for``), they are told again, and the chief
with them (``escalation.escalations_scan`` runs every five minutes).

Each telling is a notice with its own key (``urgent_call:<call>``, ``urgent_call_late:<call>``),
so a retry, a double click or the scan running again tells nobody twice; the notice and its
deliveries are the record of who was told, when, by which channel, of what. The call's page
says it (``urgent_call_told``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import pgettext

from powerdesk.accounts.models import Membership, Role
from powerdesk.servicedesk.call_order import calls_waiting_for_order
from powerdesk.servicedesk.deadlines import deadlines_for, policy_for
from powerdesk.servicedesk.models import Call

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = [
    "Told",
    "urgent_call_due",
    "urgent_call_tell",
    "urgent_call_told",
    "urgent_calls_scan",
    "urgent_calls_waiting",
]

FIRST = "urgent_call"
LATE = "urgent_call_late"


def urgent_calls_waiting(station: Station) -> QuerySet[Call]:
    """The station's urgent calls waiting for a work order, the oldest first."""
    return calls_waiting_for_order(station).filter(urgent=True).order_by("received_at", "pk")


def urgent_call_due(call: Call) -> dt.datetime:
    """When the station's commitment for the call passes: the crew's arrival (a hazard's, or
    a fault's — remote where the place has no road), counted from the call."""
    remote = bool(
        (call.group is not None and call.group.is_remote)
        or (call.village is not None and call.village.no_road_access)
    )
    policy = policy_for(call.station_id)
    deadlines = deadlines_for(
        policy, call.category, call.received_at, remote=remote, urgent=call.urgent
    )
    if deadlines.arrive is not None:
        return deadlines.arrive
    # A category with no arrival of its own: urgent all the same, a hazard's time.
    return call.received_at + dt.timedelta(minutes=policy.hazard_arrive_minutes)


def urgent_call_tell(call: Call, *, now: dt.datetime | None = None) -> bool:
    """Tell the dispatchers of an urgent call waiting for its work order (at once), and again
    with the chief once its commitment has passed; nothing for a call that is not urgent,
    not waiting or has its order. True if anyone was told for the first time."""
    if not (call.urgent and call.needs_order and call.work_order_id is None):
        return False
    now = now or timezone.now()
    told = _tell(call, FIRST, _dispatchers(call.station))
    due = urgent_call_due(call)
    if due <= now:
        people = sorted({*_dispatchers(call.station), *_chiefs(call.station)})
        told = _tell(call, LATE, people, due=due) or told
    return told


def urgent_calls_scan(*, station: Station, now: dt.datetime | None = None) -> int:
    """Every urgent call of the station waiting for its work order, told as
    ``urgent_call_tell`` says (once per occasion however often it runs); how many were."""
    now = now or timezone.now()
    waiting = urgent_calls_waiting(station).select_related("station", "village", "group")
    return sum(urgent_call_tell(call, now=now) for call in waiting)


@dataclass(frozen=True)
class Told:
    """Who was told of an urgent call, when: at once, or again once it was late."""

    at: dt.datetime
    late: bool
    people: str  # their names, in the reader's list words


def urgent_call_told(call: Call) -> list[Told]:
    """The tellings of an urgent call (``urgent_call_tell``), in the order they were made:
    for its page."""
    from powerdesk.notifications.models import Channel, Delivery, Notice

    keys = {f"{FIRST}:{call.pk}": False, f"{LATE}:{call.pk}": True}
    found = []
    for notice in Notice.objects.filter(station_id=call.station_id, key__in=keys).order_by(
        "created_at", "pk"
    ):
        names = [
            str(d.user)
            for d in Delivery.objects.filter(notice=notice, channel=Channel.IN_APP)
            .select_related("user")
            .order_by("pk")
            if d.user is not None
        ]
        people = pgettext("list separator", ", ").join(names)
        found.append(Told(at=notice.created_at, late=keys[notice.key], people=people))
    return found


def _tell(call: Call, occasion: str, people: list[int], *, due: dt.datetime | None = None) -> bool:
    from powerdesk.notifications.staff_notices import notify_urgent_call
    from powerdesk.servicedesk.models import Notification

    key = f"{occasion}:{call.pk}"
    told = Notification.objects.filter(station_id=call.station_id, key=key)
    before = told.count()
    notify_urgent_call(call=call, user_ids=people, key=key, facts=_facts(call, due))
    return told.count() > before


def _facts(call: Call, due: dt.datetime | None) -> dict[str, Any]:
    """What the texts say, as data: the call's time, category (a code, worded in each
    reader's language), place, number and the start of its note."""
    where = " ".join(
        p
        for p in (
            str(call.village or ""),
            call.group.name if call.group is not None else "",
            call.place,
        )
        if p
    )
    facts: dict[str, Any] = {
        "received": call.received_at.isoformat(),
        "category": call.category,
        "where": where,
        "number": call.number_shown,
        "note": _cut(" ".join(call.text.split()), 20),
        "taken_by": str(call.taken_by) if call.taken_by_id else "",
    }
    if due is not None:
        facts["late"] = True
        facts["minutes"] = max(1, round((due - call.received_at) / dt.timedelta(minutes=1)))
    return facts


def _dispatchers(station: Station) -> list[int]:
    """The station's dispatchers; its chief when it has none (someone must be told)."""
    return _members(station, Role.DISPATCHER) or _chiefs(station)


def _chiefs(station: Station) -> list[int]:
    return _members(station, Role.CHIEF)


def _members(station: Station, role: str) -> list[int]:
    return sorted(
        set(
            Membership.objects.filter(station=station, role=role, user__is_active=True).values_list(
                "user_id", flat=True
            )
        )
    )


def _cut(words: str, most: int) -> str:
    """``words`` in at most ``most`` characters, a cut shown by "…" (a text message's room)."""
    return words if len(words) <= most else words[: most - 1] + "…"
