"""The life of a work order: which step may follow which, what each step needs, and who may
take it. Services enforce it; pages ask ``order_actions`` what to offer, so nothing is offered
that would be refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.accounts.permissions import Do, NotAllowed, may
from powerdesk.lib.forms import FieldError
from powerdesk.servicedesk.models import Category, WorkOrderStatus
from powerdesk.servicedesk.models.core import CAUSE_IN_HOUSE, CAUSE_NONE_FOUND

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage
    from powerdesk.servicedesk.models import WorkOrder

S = WorkOrderStatus

# What may follow what. Dispatching (received → dispatched) goes through ``work_order_dispatch``
# with a crew, and "callback done" through ``callback_record``; "reopened" goes back to
# received from resolved, callback done or closed. A crew is called back (→ received) from a
# dispatched order or from one it is on its way to (diverted to a more urgent job), never once
# it is on site: it is working there.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.DISPATCHED, S.RESOLVED}),
    S.DISPATCHED: frozenset({S.RECEIVED, S.ON_THE_WAY, S.ON_SITE, S.RESOLVED}),
    S.ON_THE_WAY: frozenset({S.RECEIVED, S.ON_SITE}),
    S.ON_SITE: frozenset({S.RESOLVED}),
    S.RESOLVED: frozenset({S.CALLBACK_DONE, S.CLOSED}),
    S.CALLBACK_DONE: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}
# Work done by a crew on the grid: it is resolved on site, with the cause and the device found.
FIELD_CATEGORIES = frozenset({Category.FAULT_REPAIR, Category.HAZARD})
# Work a crew may be sent out for: the grid's (planned work included), and the business done
# at the meter (a reconnection after payment, a meter moved or tested, a new supply connected).
# A complaint, a question, a bill, a suggestion or a praise is answered from the office: no
# crew is sent (``work_order_dispatch`` refuses it, and the order's page does not offer it).
CREW_CATEGORIES = FIELD_CATEGORIES | {
    Category.BUSINESS,
    Category.NEW_CONNECTION,
    Category.PLANNED_WORK,
}
# The crew's steps of an order: called back (undo the dispatch), on the way, on site, resolved.
# An order joined to an outage being worked on follows its outage: these are the outage's (its
# job on the crew's phone, its restore, which resolves every order joined to it), never taken
# on the order alone (``work_order_transition`` refuses them, its page does not offer them).
FOLLOWS_OUTAGE = frozenset({S.RECEIVED, S.ON_THE_WAY, S.ON_SITE, S.RESOLVED})
# Categories whose orders are called back after resolution, as the seed asks of every fix.
CALLED_BACK = frozenset(
    {
        Category.FAULT_REPAIR,
        Category.HAZARD,
        Category.COMPLAINT,
        Category.NEW_CONNECTION,
        Category.BUSINESS,
    }
)


class WorkOrderError(ValueError):
    """An operation that the work order's state does not allow; the message says why."""


class DangerOnlyError(WorkOrderError, FieldError):
    """A hazard with nobody off (``danger_only``) given what only a place without power has:
    a fault inside a customer's house, a time power is expected back. Said at the field
    (``in_house``, ``expected_back``); the pages that know the order do not ask them."""


# The cause or time a danger with nobody off is never given, by the field it is sent in.
_NOT_FOR_DANGER_ONLY = {
    "in_house": gettext_lazy(
        "Inside the customer's house: this hazard has nobody off (no outage is joined to it), "
        "so its cause is not a fault inside a house."
    ),
    "expected_back": gettext_lazy(
        "Power expected back: this hazard has nobody off (no outage is joined to it), so no "
        "time is given for power to come back."
    ),
}

_LOOK = object()  # ``danger_only``: the order's active joined outage not known, read it


def danger_only(order: WorkOrder, *, outage: Outage | object | None = _LOOK) -> bool:
    """A hazard with nobody off: a leaning pole, a line low, no outage with the power off
    joined to it (``outages.joined.active_outage_of``; ``outage``: that outage when the caller
    has it, None for none). Its crew's card, its resolution's form and the services ask it no
    time power is expected back and no fault inside a customer's house (walkthrough 46, 4;
    review46, 8): one rule for all of them."""
    from powerdesk.servicedesk.models import Category

    if order.category != Category.HAZARD:
        return False
    if outage is _LOOK:
        from powerdesk.outages.joined import active_outage_of  # outages reads servicedesk

        outage = active_outage_of(order)
    return outage is None


def danger_only_refused(order: WorkOrder, field: str) -> DangerOnlyError | None:
    """The refusal of ``field`` ("in_house", "expected_back") sent for a danger-only order,
    None when the order may take it."""
    if not danger_only(order):
        return None
    return DangerOnlyError(str(_NOT_FOR_DANGER_ONLY[field]), field=field)


def in_house_refused(order: WorkOrder, to_status: str, in_house: bool) -> DangerOnlyError | None:
    """The one rule of a fault inside the customer's house sent for an order that cannot have
    one: resolved ``in_house`` on a hazard with nobody off (a leaning pole is no fault inside a
    house). Asked by ``step_problems`` (the desk's form, said at its field) and by the
    transition before it moves anything (``order_steps``: raised, the API's 400 at the field),
    None when the order may take it."""
    if not (in_house and to_status == S.RESOLVED):
        return None
    return danger_only_refused(order, "in_house")


def step_problem(
    order: WorkOrder,
    to_status: str,
    *,
    cause: str = "",
    device: GridNode | None = None,
    note: str = "",
    in_house: bool = False,
) -> str | None:
    """Why the order cannot move to ``to_status`` now, or None if it can (the first of
    ``step_problems``)."""
    found = step_problems(
        order, to_status, cause=cause, device=device, note=note, in_house=in_house
    )
    return next(iter(found.values()), None)


def step_problems(
    order: WorkOrder,
    to_status: str,
    *,
    cause: str = "",
    device: GridNode | None = None,
    note: str = "",
    in_house: bool = False,
) -> dict[str, str]:
    """Why the order cannot move to ``to_status`` now, by the field of the resolution's form
    each is about ("" for the order's state): a resolution missing its cause and its device
    is told both at once (review 33: one a submit). Empty when it can."""
    if to_status not in S.values:
        return {"": _("“%(status)s” is not a status of a work order.") % {"status": to_status[:40]}}
    if to_status in (S.ON_THE_WAY, S.ON_SITE) and order.crew_id is None:
        return {"": _("Dispatch a crew first.")}
    if to_status not in TRANSITIONS[order.status]:
        return {
            "": _("A work order that is %(now)s cannot become %(next)s.")
            % {"now": order.get_status_display(), "next": S(to_status).label}
        }
    if order.is_paused and to_status != S.RECEIVED:
        return {"": _("The clock is paused: resume the work order first.")}
    if to_status == S.DISPATCHED:
        return {"": _("Choose the crew to dispatch.")}
    if to_status == S.CALLBACK_DONE:
        return {"": _("Record the callback to finish it.")}
    found: dict[str, str] = {}
    refused = in_house_refused(order, to_status, in_house)
    if refused is not None:
        # A leaning pole is no fault inside a house: a device is asked, as without it.
        found["in_house"], in_house = str(refused), False
    if to_status == S.RESOLVED:
        if order.category in FIELD_CATEGORIES:
            if order.crew_id is None:
                return {"": _("Dispatch a crew first: a fault or hazard is resolved on site.")}
            if not (cause.strip() or order.cause or order.cause_kind):
                found["cause"] = _("Say what caused it.")
            # Inside the customer's house: no grid device (walkthrough 34, 3).
            # No fault found at all (``crew_nothing_found``): no device either.
            inside = in_house or order.cause_kind in (CAUSE_IN_HOUSE, CAUSE_NONE_FOUND)
            if device is None and order.device_found_id is None and not inside:
                found["device"] = _("Name the device where it was found (its code or name).")
        elif not (note.strip() or cause.strip() or order.resolution):
            found["note"] = _("Say what was done.")
    if (
        to_status == S.CLOSED
        and order.status == S.RESOLVED
        and order.category in CALLED_BACK
        and not order.callbacks.exists()
    ):
        found[""] = _("Call the customer back before closing.")
    return found


def callback_problem(order: WorkOrder) -> str | None:
    """Why the order takes no callback now, None when it does: resolved, and of a kind called
    back (``CALLED_BACK``; a question or a bill is closed without one). The order's page
    offers the callback's form only when None, and ``callback_record`` refuses with it, for
    the page, the callbacks list and the API alike. (An order whose callers are called back on
    its outage's list: ``outages.selectors.callbacks_on_outage_list``, asked by both too.)"""
    if order.status != S.RESOLVED:
        return _("Only a resolved work order is called back.")
    if order.category not in CALLED_BACK:
        return _("A work order of this kind (%(category)s) is not called back: close it.") % {
            "category": Category(order.category).label
        }
    return None


def step_permission(to_status: str) -> Do:
    """The right needed to move an order to ``to_status``."""
    if to_status in (S.ON_THE_WAY, S.ON_SITE, S.RESOLVED):
        return Do.ORDER_FIELD_STEP
    if to_status == S.RECEIVED:
        return Do.ORDER_DISPATCH  # calling a crew back
    if to_status == S.CLOSED:
        return Do.ORDER_CLOSE
    return Do.CALLBACK_RECORD


def is_own_crew(order: WorkOrder, user: User) -> bool:
    crew = order.crew
    return crew is not None and crew.members.filter(pk=user.pk).exists()


def may_on_order(user: User | None, order: WorkOrder, action: Do) -> bool:
    """``may`` with the crew's rule: a crew member acts only on the orders of their crew, and
    resolves office work (a business request) only when it was dispatched to them."""
    if user is None:
        return True
    if not may(user, order.station_id, action):
        return False
    from powerdesk.accounts.permissions import roles_of

    roles = roles_of(user, order.station_id)
    if roles & {"counter", "dispatcher", "chief"}:
        return True
    return is_own_crew(order, user)


def require_on_order(user: User | None, order: WorkOrder, action: Do) -> None:
    if not may_on_order(user, order, action):
        raise NotAllowed(_("Your role does not allow this on this work order."))


# Steps whose status name would not say what the button does.
_STEP_LABELS: dict[str, Any] = {S.RECEIVED: gettext_lazy("Call the crew back (undo the dispatch)")}


@dataclass(frozen=True)
class Step:
    status: str
    label: str
    needs_resolution: bool  # the form asks for cause, device, note and photos


def order_actions(
    order: WorkOrder, user: User, *, joined_outage: Outage | None = None
) -> dict[str, object]:
    """What the order's page offers ``user``: the next steps and the other actions.
    ``joined_outage``: the outage being worked on that the order is joined to
    (``joined.outage_in_charge``), whose crew is sent from the outage, not from the order, and
    whose crew's steps (``FOLLOWS_OUTAGE``) are the outage's."""
    steps = [
        Step(s, str(_STEP_LABELS.get(s, S(s).label)), s == S.RESOLVED)
        for s in S.values
        if s in TRANSITIONS[order.status]
        # The order's state allows it, by ``step_problems``' own rules (a crew needed first,
        # the clock paused, the callback before closing; dispatched and callback done have
        # their own forms); what the resolution's form asks is asked there.
        and "" not in step_problems(order, s)
        and not (joined_outage is not None and s in FOLLOWS_OUTAGE)
        and may_on_order(user, order, step_permission(s))
    ]
    office = may(user, order.station_id, Do.ORDER_DISPATCH)
    return {
        # A paused order's only step is calling its crew back (``step_problems``): the crew is
        # freed for other work while the job waits (docs/roles.md, "paused").
        "steps": steps,
        # The resolution asks for the cause, the device and photos of grid work only.
        "field_work": order.category in FIELD_CATEGORIES,
        "dispatch": office
        and joined_outage is None
        and order.category in CREW_CATEGORIES
        and order.is_open
        and not order.is_paused
        and order.status
        in (
            S.RECEIVED,
            S.DISPATCHED,
            S.ON_THE_WAY,
        ),
        "pause": may(user, order.station_id, Do.ORDER_PAUSE) and order.is_open,
        # the chief's say only, for an urgent order before a crew is on site (resume: anyone)
        "pause_held": urgent_unattended(order)
        and not may(user, order.station_id, Do.ORDER_PAUSE_URGENT),
        "reopen": may(user, order.station_id, Do.ORDER_REOPEN) and not order.is_open,
        "callback": may(user, order.station_id, Do.CALLBACK_RECORD)
        and callback_problem(order) is None,
        "promise": may(user, order.station_id, Do.PROMISE_MAKE) and order.is_open,
        "problem": may(user, order.station_id, Do.PROBLEM_MANAGE),
        "note": may_on_order(user, order, Do.ORDER_NOTE),
    }


def urgent_unattended(order: WorkOrder) -> bool:
    """An urgent order (a danger, a medical need) with no crew on site yet: its clock is
    paused only with the chief's say (``Do.ORDER_PAUSE_URGENT``)."""
    return bool(order.urgent and order.arrived_at is None)


# -- an order joined to an outage: its crew and steps are the outage's --------------------


def joined_dispatch_refused(order: WorkOrder, outage: Outage) -> str:
    """Why an order joined to an outage gets no crew of its own, and where it is sent from."""
    return _(
        "Work order %(number)s is joined to the outage on %(device)s: its crew is sent from "
        "the outage (the outage board), with every order joined to it, not from this order."
    ) % {"number": order.number, "device": outage.device}


def joined_step_refused(order: WorkOrder, outage: Outage) -> str:
    """Why a crew's step is not taken on an order joined to an outage, and where it is."""
    return _(
        "Work order %(number)s follows the outage on %(device)s: its crew's steps (calling the "
        "crew back, on the way, on site, resolved) are the outage's, taken on the outage board "
        "and on the crew's phone, and the order is resolved when power is back, not from this "
        "order."
    ) % {"number": order.number, "device": outage.device}
