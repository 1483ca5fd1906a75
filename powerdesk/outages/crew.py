"""Who an outage's crew is, what a crew may record on an outage from its phone, and how far
its repair is.

An outage's crews (``outage_crews``) are the one the office sent to it (``OutageLink.crew``)
and any crew already on one of its joined orders (a crew sent to a caller before the outage
was recorded over that caller): that crew's phone shows the outage as its job
(``crew_job_orders.outage_crew_job``), so it counts as sent. The board names the first
(``outage_crew``), the phone shows the job to each, and the permission below asks the same
list: the three never disagree. When orders join an outage no crew was sent to, the outage
takes the crew already on one of them (``outage_take_joined_crew``), a line of its history, so
that a later caller's order goes to that crew too.

The office records an outage's steps through ``outage.declare`` and ``outage.restore``, on any
outage of its station. A crew member records the cause found, the time power is expected back
and the restore only on an outage their crew works (``outage_crews``) while the power is off:
the crew of another outage, or a liaison, is refused here, whoever calls. Where the fault was
found ("found here", ``fault.found_here``) follows the same rule.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import Do, NotAllowed, may, roles_of
from powerdesk.outages.models import Outage, OutageLink

# Roles that act on every outage of their station (a crew only on its own).
OFFICE_ROLES = frozenset({Role.COUNTER, Role.DISPATCHER, Role.CHIEF})

if TYPE_CHECKING:
    from collections.abc import Iterable

    from powerdesk.accounts.models import Crew, User
    from powerdesk.servicedesk.models import WorkOrder


def outages_crews(outages: Iterable[Outage]) -> dict[int, list[Crew]]:
    """Each outage's crews, by the outage's id (none: an empty list): the crew sent to it
    first, then the crews on its joined orders still to do (``crew_job_orders.JOB_STATUSES``:
    the phone shows each of them the outage's job), the furthest on first (on site, on the
    way, sent), then the earliest order. Two queries, however many outages."""
    ids = [o.pk for o in outages]
    found: dict[int, list[Crew]] = {pk: [] for pk in ids}
    if not ids:
        return found
    for link in OutageLink.objects.filter(outage_id__in=ids, crew__isnull=False).select_related(
        "crew"
    ):
        assert link.crew is not None
        found[link.outage_id].append(link.crew)
    for outage_id, order in _crews_on_jobs(ids):
        assert order.crew is not None
        if order.crew not in found[outage_id]:
            found[outage_id].append(order.crew)
    return found


def outage_crews(outage: Outage) -> list[Crew]:
    """The crews working ``outage`` (``outages_crews``): the one sent first."""
    return outages_crews([outage])[outage.pk]


def outage_crew(outage: Outage) -> Crew | None:
    """The outage's crew, as the board, the outage's page and callers are told it: the one
    sent to it, else the one already on a joined order; None if no crew works it."""
    crews = outage_crews(outage)
    return crews[0] if crews else None


def acting_crew(user: User | None, outage: Outage) -> Crew | None:
    """The crew of ``outage`` that ``user`` records a step for: their own among its crews
    (a second crew on a joined order is named, not the one sent), else the outage's crew (the
    office typing what the crew said)."""
    from powerdesk.accounts.crews import is_member

    crews = outage_crews(outage)
    mine = next((c for c in crews if is_member(user, c)), None)
    return mine or (crews[0] if crews else None)


def _crews_on_jobs(outage_ids: list[int]) -> list[tuple[int, WorkOrder]]:
    """(outage id, order) for the orders joined to the outages that a crew has still
    to do, the furthest on first, then the earliest."""
    from powerdesk.servicedesk.crew_job_orders import JOB_STATUSES
    from powerdesk.servicedesk.models import WorkOrderStatus as S

    ahead: dict[str, int] = {S.ON_SITE: 0, S.ON_THE_WAY: 1, S.DISPATCHED: 2}
    joined = (
        OutageLink.work_orders.through.objects.filter(
            outagelink__outage_id__in=outage_ids,
            workorder__status__in=JOB_STATUSES,
            workorder__crew__isnull=False,
        )
        .select_related("outagelink", "workorder__crew")
        .order_by("workorder__created_at", "workorder_id")
    )
    rows = [(j.outagelink.outage_id, j.workorder) for j in joined]
    rows.sort(key=lambda row: ahead.get(row[1].status, 3))  # stable: the earliest first
    return rows


@transaction.atomic
def outage_take_joined_crew(outage: Outage, user: User | None) -> Crew | None:
    """An outage no crew was sent to takes the crew already on one of its joined orders (sent
    to a caller before the outage was recorded over them): the crew is at work on it already,
    and the board says so. A line of the outage's history says which crew and by which order,
    with who joined the orders (``user``); the crew taken, None if none was."""
    from powerdesk.outages.history import outage_history_add
    from powerdesk.outages.life import SENT_CREW
    from powerdesk.servicedesk.history_notes import note_said

    link = OutageLink.objects.select_for_update().filter(outage=outage).first()
    if link is None or link.crew_id is not None:
        return None
    on_jobs = _crews_on_jobs([outage.pk])
    if not on_jobs:
        return None
    _outage, order = on_jobs[0]
    assert order.crew is not None
    link.crew = order.crew
    link.save(update_fields=["crew"])
    said = note_said("crew_already_on", crew=order.crew.name, number=order.number)
    said["note_args"][SENT_CREW] = order.crew.pk  # sent to it (``life._sent_before_to``)
    outage_history_add(outage, user, "dispatched", said=said)
    return order.crew


def _works_it(user: User | None, outage: Outage) -> bool:
    """Whether ``user`` is a member of a crew working ``outage`` (``outage_crews``)."""
    from powerdesk.accounts.crews import is_member

    return any(is_member(user, crew) for crew in outage_crews(outage))


def may_on_outage(user: User | None, outage: Outage, office_action: Do) -> bool:
    """Whether ``user`` may take a step of ``outage`` that the office takes with
    ``office_action``: the office always, a member of a crew working it (``outage_crews``)
    while the power is off."""
    if may(user, outage.station_id, office_action):
        return True
    if not may(user, outage.station_id, Do.OUTAGE_FIELD_STEP):
        return False
    assert user is not None  # the system may do anything
    if outage.status != Outage.Status.ACTIVE:
        return False
    return _works_it(user, outage)


def may_find_on_outage(user: User | None, outage: Outage) -> bool:
    """Whether ``user`` may say where the fault of ``outage`` was found: the office on any
    outage of its station; a member of a crew working it only while the power is off."""
    if not may(user, outage.station_id, Do.FAULT_FOUND):
        return False
    if user is None or roles_of(user, outage.station_id) & OFFICE_ROLES:
        return True
    if outage.status != Outage.Status.ACTIVE:
        return False
    return _works_it(user, outage)


def require_find_on_outage(user: User | None, outage: Outage) -> None:
    if not may_find_on_outage(user, outage):
        raise NotAllowed(_("Only the crew this outage was dispatched to, or the office, may."))


def require_on_outage(user: User | None, outage: Outage, office_action: Do) -> None:
    if not may_on_outage(user, outage, office_action):
        raise NotAllowed(_("Only the crew this outage was dispatched to, or the office, may."))


class CrewState(StrEnum):
    """How far the repair of an outage is, as a caller or a household may be told: said as it
    is, so that "正在抢修" is never said before any crew was sent."""

    NONE = "none"  # no crew sent yet: the station is arranging one
    SENT = "sent"  # a crew is sent, not yet on its way
    ON_THE_WAY = "on_the_way"
    ON_SITE = "on_site"


# The outage's history lines that put the crew at the line: arrived, patrolling it, or the
# fault found at a place of it ("found here").
ON_THE_LINE = ("on_site", "patrolling", "found_here")


def outage_crew_state(outage: Outage) -> CrewState:
    """Where the crews working ``outage`` are (``outage_crews``), by their jobs' status (the
    outage's own order or a caller's joined to it) and the outage's history ("on site", said
    from the board too)."""
    from powerdesk.servicedesk.models import WorkOrder

    crews = outage_crews(outage)
    if not crews:
        return CrewState.NONE
    statuses = set(
        WorkOrder.objects.filter(outage_links__outage=outage, crew__in=crews).values_list(
            "status", flat=True
        )
    )
    return crew_state_of(statuses, on_the_line=outage.events.filter(what__in=ON_THE_LINE).exists())


def crew_state_of(statuses: set[str], *, on_the_line: bool) -> CrewState:
    """Where a crew working an outage is, by the status of its jobs there (``statuses``: the
    outage's own order and the callers' joined to it that a crew has) and whether a step put
    a crew at the line (``on_the_line``: arrived, patrolling, "found here"): on site, on the
    way, else sent. One rule for the outage on record (``outage_crew_state``) and for one about
    to be recorded over callers' orders a crew is on (``record_ask.crew_state_below``), so that
    the ask before recording says what the text then sends."""
    from powerdesk.servicedesk.models import WorkOrderStatus as S

    if S.ON_SITE in statuses or on_the_line:
        return CrewState.ON_SITE
    if S.ON_THE_WAY in statuses:
        return CrewState.ON_THE_WAY
    return CrewState.SENT
