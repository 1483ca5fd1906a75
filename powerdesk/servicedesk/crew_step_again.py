"""A step the job has taken already, sent again: a double tap on the phone, or a retry of a
request whose answer was lost. It is the same step: answered as taken, with what was saved
then and at its time, stored once (no second line of history), never refused in the state
machine's words ("“在途”的工单不能变为“在途”").

Only while the job is still open and the crew's (a step after the office closed the job or gave
it to another crew is refused with what happened meanwhile: ``crew_conflicts``), except
"restored" sent again by the one who restored it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.servicedesk.crew_accepted import accepted_now, present_visit
from powerdesk.servicedesk.crew_step_asks import hm
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = ["step_taken_already"]

_DONE = (S.RESOLVED, S.CALLBACK_DONE, S.CLOSED)


def step_taken_already(
    order: WorkOrder, step: str, values: dict[str, str], user: User | None
) -> list[str] | None:
    """What the phone is told for ``step`` on ``order`` when the job has taken it already (the
    words of the first time); None when it has not, and the step is taken (or refused) as
    usual. A "cause found" with other words than those recorded is a correction, not the same
    step: None."""
    if step == "accept" and order.status in (S.ON_THE_WAY, S.ON_SITE):
        at = _accepted_at(order) or _status_at(order, S.ON_THE_WAY)
        return [_("Accepted at %(time)s.") % {"time": hm(at or order.created_at)}]
    if step == "on_the_way" and order.status in (S.ON_THE_WAY, S.ON_SITE):
        at = _status_at(order, S.ON_THE_WAY)
        return [_("On the way since %(time)s.") % {"time": hm(at or order.created_at)}]
    if step == "on_site" and order.status == S.ON_SITE:
        at = order.arrived_at or _status_at(order, S.ON_SITE)
        return [_("Arrived at %(time)s.") % {"time": hm(at or order.created_at)}]
    if step == "cause_found" and order.status == S.ON_SITE:
        return _cause_again(order, values)
    if step == "restored" and order.status in _DONE and user is not None:
        event = _last_status(order, S.RESOLVED)
        if event is not None and event.by_id == user.pk:
            return [_("Resolved at %(time)s.") % {"time": hm(event.at)}]
    return None


def _cause_again(order: WorkOrder, values: dict[str, str]) -> list[str] | None:
    from powerdesk.outages.joined import active_outage_of

    outage = active_outage_of(order)
    if outage is not None:
        if outage.cause_kind and (outage.cause_kind, outage.cause) == (
            values["cause"],
            values["note"][:200],
        ):
            return [_("Cause found: %(cause)s.") % {"cause": outage.cause_shown}]
        return None
    if not order.cause or order.cause != values["cause"]:
        return None
    from powerdesk.servicedesk.crew_step_asks import in_house
    from powerdesk.servicedesk.models.core import CAUSE_IN_HOUSE

    if in_house(values) or order.cause_kind == CAUSE_IN_HOUSE:
        if in_house(values) and order.cause_kind == CAUSE_IN_HOUSE:
            return [_("Cause found: %(cause)s.") % {"cause": order.cause_shown}]
        return None
    device = order.device_found
    typed = values["device"]
    if typed and (device is None or typed not in (device.code, device.name)):
        return None
    where = f" @ {device.name or device.code}" if typed and device is not None else ""
    return [_("Cause found: %(cause)s.") % {"cause": order.cause + where}]


def _last_status(order: WorkOrder, status: str) -> WorkOrderEvent | None:
    events = WorkOrderEvent.objects.filter(
        work_order=order, kind=WorkOrderEvent.Kind.STATUS, to_status=status
    )
    return present_visit(events).order_by("-at", "-pk").first()


def _status_at(order: WorkOrder, status: str) -> dt.datetime | None:
    event = _last_status(order, status)
    return event.at if event is not None else None


def _accepted_at(order: WorkOrder) -> dt.datetime | None:
    event = accepted_now().filter(work_order=order).order_by("at", "pk").first()
    return event.at if event is not None else None
