"""What a crew may record on an outage from its phone, and when power is expected back.

The office records an outage's steps through ``outage.declare`` and ``outage.restore``, on any
outage of its station. A crew member records the cause found, the time power is expected back
and the restore only on an outage dispatched to their own crew (``OutageLink.crew``) while the
power is off: the crew of another outage, or a liaison, is refused here, whoever calls. Where
the fault was found ("found here", ``fault.found_here``) follows the same rule.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import Do, NotAllowed, may, roles_of
from powerdesk.outages.models import Outage, OutageLink

# Roles that act on every outage of their station (a crew only on its own).
OFFICE_ROLES = frozenset({Role.COUNTER, Role.DISPATCHER, Role.CHIEF})

if TYPE_CHECKING:
    from powerdesk.accounts.models import User


def may_on_outage(user: User | None, outage: Outage, office_action: Do) -> bool:
    """Whether ``user`` may take a step of ``outage`` that the office takes with
    ``office_action``: the office always, a crew member on their own crew's outage while the
    power is off."""
    if may(user, outage.station_id, office_action):
        return True
    if not may(user, outage.station_id, Do.OUTAGE_FIELD_STEP):
        return False
    assert user is not None  # the system may do anything
    if outage.status != Outage.Status.ACTIVE:
        return False
    from powerdesk.accounts.crews import is_member

    link = OutageLink.objects.filter(outage=outage).select_related("crew").first()
    return link is not None and link.crew is not None and is_member(user, link.crew)


def may_find_on_outage(user: User | None, outage: Outage) -> bool:
    """Whether ``user`` may say where the fault of ``outage`` was found: the office on any
    outage of its station; a crew member only on their own crew's, while the power is off."""
    if not may(user, outage.station_id, Do.FAULT_FOUND):
        return False
    if user is None or roles_of(user, outage.station_id) & OFFICE_ROLES:
        return True
    if outage.status != Outage.Status.ACTIVE:
        return False
    from powerdesk.accounts.crews import is_member

    link = OutageLink.objects.filter(outage=outage).select_related("crew").first()
    return link is not None and link.crew is not None and is_member(user, link.crew)


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


# The outage's history lines that put the crew at the line: arrived, or patrolling it.
ON_THE_LINE = ("on_site", "patrolling")


def outage_crew_state(outage: Outage) -> CrewState:
    """Where the crew sent to ``outage`` is, by its job's status (the outage's own order or a
    caller's joined to it) and the outage's history ("on site", said from the board too)."""
    from powerdesk.servicedesk.models import WorkOrderStatus as S

    link = OutageLink.objects.filter(outage=outage).first()
    if link is None or link.crew_id is None:
        return CrewState.NONE
    statuses = set(link.work_orders.filter(crew_id=link.crew_id).values_list("status", flat=True))
    if S.ON_SITE in statuses or outage.events.filter(what__in=ON_THE_LINE).exists():
        return CrewState.ON_SITE
    if S.ON_THE_WAY in statuses:
        return CrewState.ON_THE_WAY
    return CrewState.SENT
