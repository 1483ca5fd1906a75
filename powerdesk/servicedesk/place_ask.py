"""A danger reported with nothing saying where: the clerk is asked for the place before the call
is saved, once.

A crew cannot find a leaning pole or a line across a road without a village, a group or a pole
number, and a caller who has hung up cannot be asked again in time. When a hazard call (or a
note naming a danger there now) would be saved with no caller's household to place it, no
village or group chosen, no place typed and none named in the note, intake shows the form again
with the question on its "Where exactly" field. So for a fault call from a number no household
is known by (a crew sent to "家里没电了" with no village goes nowhere). It is a prompt, never a
block: saved again as it is, the call is taken, and its order says the place is still to be
asked (``call_orders._description``). Any other call is saved at once, with or without a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from powerdesk.community.models import Village, VillageGroup
from powerdesk.servicedesk.models import Call, Category
from powerdesk.servicedesk.understanding.urgency import findings

if TYPE_CHECKING:
    from django import forms

    from powerdesk.accounts.models import Station
    from powerdesk.customers.models import Customer

__all__ = [
    "PLACE_ASKED",
    "ask_for_the_place",
    "place_in_note",
    "place_missing",
    "place_question",
    "where_not_said",
]

# The form's field that says the question was put once (the clerk saved again without a place).
PLACE_ASKED = "place_asked"

# A pole named by its number, the words callers use: "3号杆", "02号电杆", "杆号12", "pole 3",
# "P07" (kept out of ``understanding``: a change there makes the call classifier retrain).
_POLE = re.compile(r"\d+\s*号?\s*电?杆|杆号\s*\d+|\bpole\s*(no\.?\s*)?\d+|\bP\d+\b", re.I)


def place_missing(
    *,
    station: Station,
    data: dict[str, Any],
    suggestion: Any,
    customer_of: Callable[[], Customer | None],
) -> bool:
    """Whether the call in ``data`` (the intake form's cleaned data) is a danger that nothing
    places: ask for the place before saving it (see the module's docstring). ``customer_of``:
    the household calling, looked up only for a danger."""
    if data.get(PLACE_ASKED):
        return False
    text = (data.get("text") or "").strip()
    category = data.get("category") or (suggestion.category if suggestion is not None else "")
    danger = category == Category.HAZARD or bool(text and findings(text).dangers)
    if not (danger or category == Category.FAULT_REPAIR):
        return False
    if not danger and (data.get("action") or "").partition(":")[1]:
        return False  # joined to an order or an outage, which places it
    if data.get("place", "").strip() or data.get("village") or data.get("group"):
        return False
    customer = customer_of()
    if customer is not None and (customer.village_id or customer.address.strip()):
        return False  # the caller's household places it (its order says the home was assumed)
    if not danger and customer is not None:
        return False  # a fault at the caller's own household: its account places it
    if customer is None:
        from powerdesk.community.liaison_calls import liaison_by_phone

        if liaison_by_phone(station, data.get("caller_number") or "") is not None:
            return False  # a village liaison's own number: their village (group) places it
    return not place_in_note(station, text)


def ask_for_the_place(
    form: forms.Form,
    *,
    station: Station,
    suggestion: Any,
    customer_of: Callable[[], Customer | None],
) -> bool:
    """Put the question on the intake form (valid, not saved yet) when its call is a danger
    that nothing places, and say so (True); the page then carries ``PLACE_ASKED``, so that
    saving it again takes the call as it is."""
    if not place_missing(
        station=station, data=form.cleaned_data, suggestion=suggestion, customer_of=customer_of
    ):
        return False
    form.add_error("place", place_question())
    form.fields["place"].widget.attrs["autofocus"] = True
    # The page's fields, as intake bound them (a mutable copy of the POST): shown again with it.
    form.data[PLACE_ASKED] = "1"  # type: ignore[index]
    return True


def place_question() -> str:
    """What the clerk is asked, on the "Where exactly" field."""
    return _(
        "Where is it? Ask the caller for the village, the group or the nearest pole number (or a "
        "landmark): the crew cannot find it without one. If the caller cannot say, save again: "
        "the call is taken and its order asks for the place."
    )


def place_in_note(station: Station, text: str) -> bool:
    """The note names a pole, or one of the station's villages or groups."""
    if not text:
        return False
    if _POLE.search(text):
        return True
    names = [
        *Village.objects.for_station(station).values_list("name", flat=True),
        *VillageGroup.objects.for_station(station).values_list("name", flat=True),
    ]
    return any(len(name) >= 2 and name in text for name in names)


def where_not_said(call: Call) -> str:
    """The line of a danger's order, or an unknown caller's fault order, when the caller named
    no place ("" for any other call, or when the call's village or group or its note places
    it)."""
    danger = call.category == Category.HAZARD or bool(findings(call.text).dangers)
    if not danger and not (call.category == Category.FAULT_REPAIR and call.customer is None):
        return ""
    if call.customer is not None:
        # A danger is often away from the caller's home (the school gate, the road), and the
        # order takes its place from the household that called: the crew must know the place
        # was not asked. (A liaison's report, or an unknown caller's, is placed where staff say.)
        home = call.customer.group or call.customer.village
        if home is None:
            return _("Where: not asked")
        return _("Where: not asked; the caller's home is %(home)s") % {"home": home}
    if call.village_id is not None or call.group_id is not None:
        return ""
    if place_in_note(call.station, call.text):
        return ""
    # Nothing places it (intake asked once and the clerk saved it as it was, or it came by the
    # API): the order asks for the place before anyone is sent.
    return _(
        "Where: not known yet. Call the caller back for the village, the group or the nearest "
        "pole number."
    )
