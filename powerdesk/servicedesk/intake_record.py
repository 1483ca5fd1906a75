"""Taking a call at intake: the one customer calling from a number, the record a choice of
"Then" names, the promise the caller was told, and the field a refused page gives the focus.
(Recording the engine's prediction, which texts every household below it, is its own button,
which says how many: ``intake_choices``.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from powerdesk.customers.selectors import customers_by_phone
from powerdesk.network.models import GridNode
from powerdesk.servicedesk.models import Promise
from powerdesk.servicedesk.promises import promise_make
from powerdesk.servicedesk.workflow import WorkOrderError

if TYPE_CHECKING:
    from django import forms

    from powerdesk.accounts.models import Station, User
    from powerdesk.customers.models import Customer
    from powerdesk.servicedesk.call_take import CallTaken

__all__ = [
    "IntakePromiseError",
    "action_id",
    "customer_calling",
    "focus_first_refused",
    "intake_promise",
    "record_pressed",
]


class IntakePromiseError(WorkOrderError):
    """The promise told on the call cannot be recorded (said at the time it was promised by)."""

    field = "promise_due"


def action_id(action: str, prefix: str) -> int:
    """The record's id in an action such as ``join:12`` (0, which finds nothing, if garbled).

    >>> action_id("join:12", "join:"), action_id("join:١٢", "join:"), action_id("join:", "join:")
    (12, 0, 0)
    """
    rest = action.removeprefix(prefix)
    return int(rest) if rest.isascii() and rest.isdigit() else 0


def record_pressed(station: Station, data: Mapping[str, Any]) -> tuple[str, str]:
    """The device whose outage the clerk pressed the button to record with the call (its id,
    digits only; "" for none), and why that is refused ("" when it is not).

    The button is drawn for one prediction: the one ticked in "Then" when the caller panel was
    last drawn. A clerk who ticked another prediction since (the page redraws the button, but a
    press may come first) pressed a button naming the first: recording it would text its
    households for an outage the clerk did not choose (review39, S2). Refused: nothing is saved
    and nobody texted; the page comes back with all that was typed, its button drawn for the
    prediction ticked."""
    asked = str(data.get("confirm_record", ""))[:20]
    if not (asked.isascii() and asked.isdigit()):
        return "", ""
    ticked = str(data.get("action", ""))
    if not ticked.startswith("predicted:") or ticked == f"predicted:{asked}":
        return asked, ""
    ids = (int(asked), action_id(ticked, "predicted:"))
    named = {
        node.pk: str(node)
        for node in GridNode.objects.for_station(station).filter(
            pk__in=[i for i in ids if 0 < i < 2**63]
        )
    }
    pressed, chosen = named.get(ids[0]), named.get(ids[1])
    if pressed is None or chosen is None:
        return asked, _(
            "The outage ticked under “Then” is not the one the record button was "
            "drawn for: nothing was saved and nobody was texted. Check “Then” and "
            "press the record button again."
        )
    return asked, _(
        "The outage on %(chosen)s is ticked under “Then”, but the button pressed "
        "records the outage on %(pressed)s: nothing was saved and nobody was texted. The "
        "button now records the outage ticked: press it again, or tick another."
    ) % {"chosen": chosen, "pressed": pressed}


def customer_calling(station: Station, number: str) -> Customer | None:
    """The one customer calling from ``number`` (none when unknown or shared)."""
    if not number:
        return None
    found = list(customers_by_phone(station=station, raw=number)[:2])
    return found[0] if len(found) == 1 else None


def intake_promise(
    taken: CallTaken, *, user: User | None, text: str, due_at: dt.datetime
) -> Promise:
    """The promise the caller was told on the call, by ``due_at``: on the call's order while it
    is open (its history says it), else the caller's alone; on the promises page either way,
    kept or broken like a promise recorded on the order (``promises.promise_make``, which checks
    the role and the time)."""
    order = taken.work_order
    if (order is None or not order.is_open) and taken.call.customer is None:
        # Nobody to keep it to: no order to follow, no customer to call back (review 32,
        # finding 19: it sat on the promises page with no one to call). Refused, and with it
        # the call (``form_submit_once``): the page keeps all that was typed.
        raise IntakePromiseError(
            _(
                "A promise needs an order or a known customer to be kept to: open a work order"
                " for the call, or clear the time it was promised by."
            )
        )
    return promise_make(
        station=taken.call.station,
        user=user,
        text=text,
        due_at=due_at,
        work_order=order if order is not None and order.is_open else None,
        customer=taken.call.customer,
    )


# Fields the page draws with their own widget, which take the focus when the first refused
# (the number and the note say their own in the template; the place is asked by intake.js).
WIDGET_FOCUSED = (
    "category",
    "caller_name",
    "village",
    "group",
    "answer",
    "promise_due",
    "promised",
)
# Fields of "Who and where", drawn in a loop whose message carries Django's own id for it
# (`id_<name>_error`, the one Django's widget names); the others carry "<name>-errors".
DRAWN_IN_LOOP = ("caller_name", "village", "group", "place")


def focus_first_refused(form: forms.Form) -> str:
    """The first field of the form refused, given the focus with its error named (walkthrough
    34, finding 3: "choose the category" left the focus in the note box). Returns its name, or
    "" when the page's own focus stands (nothing refused, or the number or the note first)."""
    for name, field in form.fields.items():
        if name not in form.errors:
            continue
        if name not in WIDGET_FOCUSED:
            return ""
        said = f"{form[name].auto_id}_error" if name in DRAWN_IN_LOOP else f"{name}-errors"
        field.widget.attrs.update(
            {"autofocus": True, "aria-invalid": "true", "aria-describedby": said}
        )
        return name
    return ""
