"""What intake shows about a caller as the number is typed, and the one group of choices of
what becomes of the call ("Then"), with exactly one of them chosen.

The choices come in one list, the most likely first: the caller's outage to join, the engine's
prediction to record (or, for one who may not record outages, to keep the call for), the order
the caller rang about a few hours ago, the caller's other open orders (``join_fit``: their own,
never a neighbour's; at most ``OWN_ORDERS_OFFERED``), then "as its category says", "a new work
order" (one choice, whatever else is offered) and "log only".

What is offered and chosen follows the call's category as the clerk has it (the one chosen,
else the note's suggestion; none while the note is empty or the suggestion unsure), so that a
bill, a danger or a test call under an outage is never preselected to join it:

- a fault call (no power): the outage the caller is under; else the engine's prediction, to
  save the call under (its order joins the outage once recorded; for one who may record
  outages, a button beside "Save the call" records it with the call, saying how many
  households it texts — never Enter or Ctrl+Enter; one button, for the prediction chosen, and
  none for a caller who says they have power), or to keep the call for (for one who may not:
  ``call_take``); else the caller's repeat order; else as its category says;
- a call of another category: its own repeat order (same category) if any — but a danger
  other than the repeat order's is offered it unchosen (``repeats.other_danger``) — else as its
  category says (a work order of its own, an answer on the call, the feedback page, or nothing
  for a call that is not a request);
- no category yet: as its category says (the server then does what the category asks: a fault
  call still joins the outage above the caller), with what fits some category offered.

The page asks again when the category changes (``intake.js``), and keeps a choice the clerk
made (``then_default``: what the server had chosen) if it is still offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.accounts.pages import PAGES
from powerdesk.accounts.permissions import Do, may, roles_of
from powerdesk.customers.selectors import customers_by_phone
from powerdesk.lib.phones import InvalidPhoneNumber, normalize_phone
from powerdesk.outages.desk_signals import power_said_on
from powerdesk.outages.models import Outage
from powerdesk.outages.record_ask import RecordAsk, record_ask
from powerdesk.servicedesk.area_orders import nearest_relabelled
from powerdesk.servicedesk.call_orders import (
    ANSWERED_ON_THE_CALL,
    FEEDBACK_CATEGORIES,
    ORDER_CATEGORIES,
)
from powerdesk.servicedesk.intake_repeat import repeat_choice, repeat_left_kept, repeat_said
from powerdesk.servicedesk.intake_second import nearest_outage_said
from powerdesk.servicedesk.join_fit import OWN_ORDERS_OFFERED, own_open_orders
from powerdesk.servicedesk.models import Category
from powerdesk.servicedesk.repeats import repeat_order_for
from powerdesk.servicedesk.selectors import caller_context, outage_to_join
from powerdesk.servicedesk.tell_caller import tell_for_the_call, wider_outage
from powerdesk.servicedesk.understanding.categories import OTHER
from powerdesk.servicedesk.understanding.suggest import suggestion_for
from powerdesk.servicedesk.understanding.urgency import findings

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.customers.models import Customer
    from powerdesk.outages.models import PredictedOutage
    from powerdesk.servicedesk.models import WorkOrder

__all__ = ["SUGGEST_CHARS", "Choice", "intake_caller", "repeat_left_kept", "then_category"]

# The note's first characters are plenty to classify (a pasted page is not read further).
SUGGEST_CHARS = 4000
# The choices to join something, at most (the outage, a prediction, the repeat order and the
# caller's own orders): in a storm the list stays short enough to read during a call.
JOIN_CHOICES = 5


@dataclass(frozen=True)
class Choice:
    """One radio of the "Then" group: its value (``IntakeForm.action``), label and test id."""

    value: str
    label: str
    testid: str


def then_category(chosen: str, text: str, rules: str = "") -> str:
    """The category the "Then" choices follow: the one the clerk chose, else the note's
    suggestion (``OTHER`` for a test call or a wrong number), else, with no model loaded, the
    one the rules give (``rules``: ``intake_category.preselected_category``); "" while there is
    no note or the classifier cannot tell between two (the clerk is asked to choose)."""
    if chosen in Category.values:
        return chosen
    text = text[:SUGGEST_CHARS].strip()
    if not text:
        return ""
    suggestion = suggestion_for(text)
    if suggestion.by_hand:
        return rules
    return "" if suggestion.ask else suggestion.category


def _card_held(user: User, station: Station, customer: Customer) -> object:
    """The caller's latest hotline card, for one who may open the customer's page (where every
    card is shown); None otherwise (walk67, M4)."""
    from powerdesk.outreach.selectors import card_held

    if not PAGES["customers:detail"].view & roles_of(user, station):
        return None
    return card_held(customer)


def _liaisons_said(
    context: dict[str, object], station: Station, number: str, caller_is: str
) -> Customer | None:
    """The village liaison whose own number it is (walk74, M1: "unknown caller" for a group
    leader), and the liaison of a known household's group, for the clerk to name. A number both
    a household's and a liaison's names both, the household calling unless the clerk chose the
    liaison (``caller_is``: liaison76): returns the customer calling, None for the liaison."""
    from powerdesk.community.liaison_calls import household_liaisons, liaison_by_phone

    liaison = liaison_by_phone(station, number) if number else None
    customer: Customer | None = context["customer"]  # type: ignore[assignment]
    context["caller_liaison"] = liaison
    context["shared_household"] = customer if liaison is not None else None
    context["caller_is"] = ""
    if customer is not None and liaison is not None and caller_is == "liaison":
        context.update({"caller_is": "liaison", "customer": None, "customers": []})
        customer = None
    context["group_liaisons"] = household_liaisons(customer) if customer is not None else []
    return customer


def _shared_arrears(context: dict[str, object], text: str) -> object:
    """The liaison chosen on a number a household shares, and the note names a need: that
    household's arrears case (cut off, or not yet), said before saving, for the words go on it
    when saved (``arrears.from_calls``: review77 L12); None otherwise."""
    household = context.get("shared_household")
    if context.get("caller_is") != "liaison" or household is None or not text.strip():
        return None
    from powerdesk.arrears.repeats import open_case_of
    from powerdesk.arrears.vulnerable import vulnerable_read

    if not vulnerable_read(text).kind:
        return None
    return open_case_of(household)  # type: ignore[arg-type]


def intake_caller(
    *,
    station: Station,
    user: User,
    number: str,
    action: str | None = None,
    category: str = "",
    then_default: str | None = None,
    text: str = "",
    caller_is: str = "",
) -> dict[str, object]:
    """The caller panel's and the "Then" group's context, for a call of ``category``
    (``then_category``) whose note is ``text`` (the line to tell the caller follows both:
    ``tell_caller.tell_for_the_call``). ``action`` is what the page had chosen (None: a fresh
    page, which chooses as the module's docstring says) and ``then_default`` what the server
    had chosen for it: an action the clerk left as the server chose it follows the category;
    one they chose is kept while it is offered. A choice no longer offered falls back to the
    default."""
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
    # ``caller_is``: the liaison chosen over the household sharing the number (liaison76).
    customer = _liaisons_said(context, station, number, caller_is)
    context["shared_arrears"] = _shared_arrears(context, text)
    unknown = category == ""
    fault = category == Category.FAULT_REPAIR
    offered: list[Choice] = []
    # The order this caller (their account, or this number) rang about a few hours ago.
    repeat = repeat_order_for(
        station=station,
        customer=customer,
        number=number,
        dangers=findings(text).dangers if text.strip() else (),
        text=text,
    )
    offer: dict[str, object] = {"join_outage": None, "outage_order": None}
    predicted: list[PredictedOutage] = []
    if customer is not None:
        context.update(caller_context(customer))
        context["hotline_card"] = _card_held(user, station, customer)
        offer = outage_to_join(customer)
        context.update(offer)
        predicted = list(context["predicted"])  # type: ignore[call-overload]
    outage = offer["join_outage"]
    outage_order: WorkOrder | None = offer["outage_order"]  # type: ignore[assignment]
    if isinstance(outage, Outage):
        # Under a wider outage too, power is back only when it is restored as well: the caller
        # is told the one that ends last, with its later time, not the nearer one's (walk41, 4);
        # the call joins the nearest (``joined.nearest_outage_above``).
        assert customer is not None  # an outage to join is found only for one
        context["wider_outage"] = wider_outage(outage, customer)
        if fault or unknown:  # only "no power" joins an outage
            offered.append(_join_outage(outage, outage_order))
    may_record = may(user, station, Do.OUTAGE_DECLARE)
    context["predicted_rows"] = [
        (p, tell_for_the_call(category=category, text=text, prediction=p) if p.device else "")
        for p in predicted
    ]
    power_on = power_said_on(text)
    recordable: list[PredictedOutage] = []
    for p in predicted if fault or unknown else []:
        if p.device is None:
            continue  # one customer's own service: an order of its own
        if may_record:
            # Saving keeps the call under the prediction and texts nobody (walk38, 9: a clerk
            # saving calls fast in a storm with Ctrl+Enter). Recording the outage, which texts
            # everyone below (``notify_outage_known``), is its own button after "Save the call",
            # which says how many (``_record_predicted.html``).
            label = _(
                "Save the call under the outage predicted on %(device)s: its work order joins "
                "the outage once it is recorded (nobody is texted now)"
            ) % {"device": p.device}
            offered.append(Choice(f"predicted:{p.device_id}", label, "keep-predicted"))
            if not power_on:
                # Never offered from the call of one who says they have power (review38, 12):
                # it would text every household below on a word that points the other way.
                recordable.append(p)
        else:
            label = _(
                "Keep the call for the outage on %(device)s: it joins the outage's work order "
                "when staff record it (at once if they have)"
            ) % {"device": p.device}
            offered.append(Choice(f"predicted:{p.device_id}", label, "wait-predicted"))
    joinable = not (category == OTHER or category in FEEDBACK_CATEGORIES)
    if repeat is not None and repeat != outage_order:  # else: joining the outage is it
        repeat_said(context, repeat)
    if (
        joinable
        and "repeat_order" in context
        and repeat is not None
        and (unknown or repeat.category == category)
    ):
        offered.append(Choice(*repeat_choice(repeat, text)))
    if joinable:
        # The caller's own open orders of the call's category (any, while it is not known),
        # the latest first; the outage's order and the repeat order are offered above.
        own = own_open_orders(
            station=station, customer=customer, e164=_e164(station, number), category=category
        ).exclude(pk__in=[o.pk for o in (outage_order, repeat) if o is not None])
        if isinstance(outage, Outage) and (fault or unknown):
            own = own.exclude(outage_links__outage=outage)  # joining the outage is joining them
        for o in own[:OWN_ORDERS_OFFERED]:
            # Its category said (walk67, L2): a billing order and a fault order may carry the
            # same note as their title.
            label = _("Join %(number)s (%(category)s) %(title)s") % {
                "number": o.number,
                "category": o.get_category_display(),
                "title": o.title,
            }
            offered.append(Choice(f"join:{o.pk}", label, "join-order"))
    offered = offered[:JOIN_CHOICES]
    # What fits the category is chosen; an order the call may be about is a guess, offered and
    # never chosen; with no category yet, nothing that depends on it is chosen.
    default = ""
    if fault:
        default = next(
            (c.value for c in offered if c.testid not in ("join-order", "join-repeat-other")), ""
        )
    elif not unknown:
        default = next((c.value for c in offered if c.testid == "join-repeat"), "")
    opens_orders = may(user, station, Do.ORDER_CREATE)
    choices = [
        *offered,
        Choice("", _as_category_label(category, opens_orders), "as-category"),
        # One who may not open orders (the administrator at the phone) is not offered one: the
        # call waits, marked, for the desk (``call_order``).
        *(
            [
                Choice(
                    "new",
                    _("A new matter: open a work order of its own")
                    if offered
                    else _("open a work order"),
                    "new-matter",
                )
            ]
            if opens_orders
            else []
        ),
        Choice("log", _("log only"), "log-only"),
    ]
    values = {c.value for c in choices}
    if action is None or (then_default is not None and action == then_default):
        chosen = default  # a fresh page, or the clerk left the server's choice
    else:
        chosen = action if action in values else default
    if isinstance(outage, Outage):
        # The call back when the power is back is promised to the outage's callers alone: a
        # fault call joined to it, never one of no category yet or taken otherwise (walk44, 1).
        joins = fault and chosen in ("", f"outage:{outage.pk}")
        context["tell_outage"] = tell_for_the_call(
            category=category,
            text=text,
            outage=context["wider_outage"] or outage,  # type: ignore[arg-type]
            joins=joins,
        )
        if not (joins or unknown):
            context["area_orders"] = nearest_relabelled(
                context["area_orders"],  # type: ignore[arg-type]
                nearest_outage_said(category, text),
            )
    context.update(
        {
            "choices": choices,
            "action": chosen,
            "then_default": default,
            "then_category": category,
            "record_offers": _record_offers(station, recordable, chosen),
            "power_on": power_on,
        }
    )
    return context


def _record_offers(
    station: Station, predictions: list[PredictedOutage], chosen: str
) -> list[RecordAsk]:
    """The button that records the engine's prediction with the call, for the one prediction
    drawn: the one chosen in "Then", else the most likely. Its count of households texted is
    asked for that one only (``record_ask``: a few queries, on every redraw of the caller panel
    as the number is typed: review38, 13), as an outage from its first sign (as it is recorded:
    ``prediction_confirm``)."""
    if not predictions:
        return []
    drawn = next((p for p in predictions if chosen == f"predicted:{p.device_id}"), predictions[0])
    assert drawn.device is not None  # only predictions on a device are recordable
    return [record_ask(station, drawn.device, starts_at=drawn.first_sign_at, worded=False)]


def _as_category_label(category: str, opens_orders: bool = True) -> str:
    """What "as its category says" does for the category the clerk has."""
    if not opens_orders and (not category or category in ORDER_CATEGORIES):
        return _("log the call: the desk opens its work order")
    if not category:
        return _("as its category says")
    if category == OTHER:
        return _("as its category says: not a request, logged only")
    label = Category(category).label
    if category in ANSWERED_ON_THE_CALL:
        return _("as its category says: %(category)s, answered on the call") % {"category": label}
    if category in FEEDBACK_CATEGORIES:
        return _("as its category says: %(category)s, to the feedback page") % {"category": label}
    return _("as its category says: %(category)s") % {"category": label}


def _e164(station: Station, number: str) -> str:
    if not number:
        return ""
    try:
        return normalize_phone(number, area_code=station.area_code)
    except InvalidPhoneNumber:
        return ""


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
