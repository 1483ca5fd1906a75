"""Why an outage's urgent job keeps the fault's time to arrive by (walk72, 3).

A caller's order joined to an outage becomes the outage's job and is urgent for the outage's
households ("紧急：停电（39 户）"), as an order opened for the outage is. The service commitments
(docs/domain.md) give a fault repair its own time to arrive ("crew arrives on site, fault
repair": urban 45 min, rural 90 min, remote 2 h); the hazard's shorter time ("三最") is for a
danger, or a medical need at home, told by a caller (``deadlines.deadlines_for``,
``services._due_as_urgent``). So the time stays, and the order's page and history say
why beside the 紧急 a clerk reads, rather than a 2-hour limit next to "urgent" unexplained."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.servicedesk.models import WorkOrder

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

__all__ = ["arrive_kept_said", "arrive_time"]


def arrive_time(order: WorkOrder) -> str:
    """The order's time to arrive by as its history says it ("12-07 16:08")."""
    assert order.arrive_due_at is not None
    return f"{timezone.localtime(order.arrive_due_at):%m-%d %H:%M}"


def arrive_kept_said(order: WorkOrder, *, outage: Outage | None = None) -> str:
    """The line under the order's time to arrive by when it is urgent as an outage's job only
    (no caller on it told of a danger or a medical need) and the crew is still to arrive: its
    time is the fault's commitment, longer than the hazard's. "" otherwise. One query or two
    for such an order, none for the others."""
    if not (order.urgent and order.arrive_due_at and order.arrived_at is None):
        return ""
    from powerdesk.servicedesk.deadlines import policy_for
    from powerdesk.servicedesk.urgent_why import is_outage_job

    if not is_outage_job(order, outage=outage):
        return ""

    hazard = policy_for(order.station_id).hazard_arrive_minutes
    minutes = round((order.arrive_due_at - order.created_at).total_seconds() / 60)
    if minutes <= hazard or order.calls.filter(urgent=True).exists():
        return ""
    return _(
        "Urgent for the outage's households: the crew is due on site within %(minutes)d min "
        "of the order, the fault repair commitment. The hazard's %(hazard)d min is for an "
        "order opened for a danger or a medical need told by a caller."
    ) % {"minutes": minutes, "hazard": hazard}
