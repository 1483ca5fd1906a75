"""What intake shows about a caller as the number is typed, and the one group of choices of
what becomes of the call ("Then"), with exactly one of them chosen.

The choices come in one list: the caller's outage to join, the engine's prediction to record
(or, for one who may not record outages, to keep the call for), the order the caller rang
about a few hours ago, the open orders the call may be about, then "as its category says",
"a new work order" (one choice, whatever else is offered) and "log only".

What is chosen on a fresh page is what a duty clerk in a storm expects, so that nobody opens
one order per caller: under an outage recorded with the power off, joining it; under the
engine's prediction, recording it and joining the call (for one who may record outages), or
keeping the call for it (for one who may not: ``call_take``); then the caller's repeat order;
else the call as its category says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may
from powerdesk.customers.selectors import customers_by_phone
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.calls import likely_duplicates
from powerdesk.servicedesk.repeats import repeat_order_for
from powerdesk.servicedesk.selectors import caller_context, outage_to_join
from powerdesk.servicedesk.tell_caller import tell_about_outage, tell_about_prediction

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.outages.models import PredictedOutage
    from powerdesk.servicedesk.models import WorkOrder

__all__ = ["Choice", "intake_caller"]


@dataclass(frozen=True)
class Choice:
    """One radio of the "Then" group: its value (``IntakeForm.action``), label and test id."""

    value: str
    label: str
    testid: str


def intake_caller(
    *, station: Station, user: User, number: str, action: str | None = None
) -> dict[str, object]:
    """The caller panel's and the "Then" group's context. ``action`` is what the form sent
    back had chosen (None: a fresh page, which chooses as the module's docstring says); a
    choice no longer offered falls back to that default."""
    customers = (
        list(
            customers_by_phone(station=station, raw=number).select_related(
                "village", "group", "transformer"
            )[:5]
        )
        if number
        else []
    )
    customer = customers[0] if len(customers) == 1 else None
    context: dict[str, object] = {"customers": customers, "customer": customer, "number": number}
    offered: list[Choice] = []
    # The order this caller (their account, or this number) rang about a few hours ago.
    repeat = repeat_order_for(station=station, customer=customer, number=number)
    offer: dict[str, object] = {"join_outage": None, "outage_order": None}
    predicted: list[PredictedOutage] = []
    if customer is not None:
        context.update(caller_context(customer))
        offer = outage_to_join(customer)
        context.update(offer)
        predicted = list(context["predicted"])  # type: ignore[call-overload]
    outage = offer["join_outage"]
    outage_order: WorkOrder | None = offer["outage_order"]  # type: ignore[assignment]
    if isinstance(outage, Outage):
        context["tell_outage"] = tell_about_outage(outage)
        offered.append(_join_outage(outage, outage_order))
    may_record = may(user, station, Do.OUTAGE_DECLARE)
    context["predicted_rows"] = [(p, tell_about_prediction(p)) for p in predicted]
    for p in predicted:
        if p.device_id is None:
            continue  # one customer's own service: an order of its own
        if may_record:
            # Recording tells everyone below by text (``notify_outage_known``): said on the
            # choice, which is preselected in a storm.
            label = _(
                "Record the outage on %(device)s and join the call to it (everyone below it is "
                "told by text)"
            ) % {"device": p.device}
            offered.append(Choice(f"predicted:{p.device_id}", label, "record-predicted"))
        else:
            label = _(
                "Keep the call for the outage on %(device)s: it joins the outage's work order "
                "when staff record it (at once if they have)"
            ) % {"device": p.device}
            offered.append(Choice(f"predicted:{p.device_id}", label, "wait-predicted"))
    if repeat is not None and repeat != outage_order:  # else: joining the outage is it
        context["repeat_order"] = repeat
        label = _("Add the call to %(number)s as a repeat call") % {"number": repeat.number}
        offered.append(Choice(f"repeat:{repeat.pk}", label, "join-repeat"))
    if customer is not None:
        # The outage's own order and the repeat order are offered first (above).
        for o in likely_duplicates(station=station, customer=customer):
            if o not in (outage_order, repeat):
                label = _("Join %(number)s %(title)s") % {"number": o.number, "title": o.title}
                offered.append(Choice(f"join:{o.pk}", label, "join-order"))
    # An order the call may be about is a guess: offered, never chosen for the clerk.
    default = next((c.value for c in offered if c.testid != "join-order"), "")
    choices = [
        *offered,
        Choice("", _("as its category says"), "as-category"),
        Choice(
            "new",
            _("A new matter: open a work order of its own") if offered else _("open a work order"),
            "new-matter",
        ),
        Choice("log", _("log only"), "log-only"),
    ]
    chosen = action if action is not None else default
    if chosen not in {c.value for c in choices}:
        chosen = default
    context.update({"choices": choices, "action": chosen})
    return context


def _join_outage(outage: Outage, order: WorkOrder | None) -> Choice:
    if order is not None:
        label = _("Join the outage: %(device)s (work order %(number)s)") % {
            "device": outage.device,
            "number": order.number,
        }
    else:
        label = _("Join the outage: %(device)s (this call opens its work order)") % {
            "device": outage.device
        }
    return Choice(f"outage:{outage.pk}", label, "join-outage")
