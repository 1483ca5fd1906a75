"""The work order a call comes to (``call_take``): the call's own, titled by the caller's words and
described by the note (``order_from_call``), or the open order of a few hours ago that the same
caller rang about, when the call is about the same matter (``caller_repeat_order``); and which
categories open an order, are answered on the call, or go to the feedback page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.lib.language import station_language
from powerdesk.servicedesk.models import Call, Category, WorkOrder
from powerdesk.servicedesk.place_ask import where_not_said
from powerdesk.servicedesk.repeats import repeat_order_for, same_matter
from powerdesk.servicedesk.services import work_order_create
from powerdesk.servicedesk.understanding.system_text import caller_words
from powerdesk.servicedesk.understanding.title import summary_from_note

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = [
    "ANSWERED_ON_THE_CALL",
    "FEEDBACK_CATEGORIES",
    "ORDER_CATEGORIES",
    "caller_repeat_order",
    "order_from_call",
]

ORDER_CATEGORIES = frozenset(
    {
        Category.FAULT_REPAIR,
        Category.HAZARD,
        Category.BUSINESS,
        Category.NEW_CONNECTION,
        Category.COMPLAINT,
    }
)
ANSWERED_ON_THE_CALL = frozenset({Category.CONSULTATION, Category.BILLING})
FEEDBACK_CATEGORIES = frozenset({Category.SUGGESTION, Category.PRAISE})


def order_from_call(call: Call, user: User | None, *, by_liaison: bool = False) -> WorkOrder:
    """The call's work order, titled by the caller's words and described by the note."""
    return work_order_create(
        station=call.station,
        user=user,
        owner=None if by_liaison else "user",
        category=call.category,
        urgent=call.urgent,
        # titled by the caller's words, not by a line the system wrote (the public page's)
        summary=summary_from_note(caller_words(call.text)) or _stored(call.get_category_display),
        description=_stored(lambda: _description(call)),
        customer=call.customer,
        village=call.village,
        group=call.group,
        call=call,
    )


def caller_repeat_order(call: Call, *, order_asked: bool = False) -> WorkOrder | None:
    """The caller's open order of a few hours ago that ``call`` joins as the same matter, for
    a call that would open an order of its own with nothing chosen (``order_asked``: one of a
    category answered on the call, whose order was asked for, as intake's one click of a second
    matter asks for the bill's); locked, so that it is still open when the call joins it."""
    return _repeat_order(call, _repeat_order_of_caller(call, order_asked=order_asked))


def _repeat_order(call: Call, order: WorkOrder | None) -> WorkOrder | None:
    """``order`` if the call joins it as the same matter (``repeats.same_matter``); locked, so
    that it is still open when the call joins it."""
    if order is None:
        return None
    order = WorkOrder.objects.select_for_update().get(pk=order.pk)
    return order if same_matter(call, order) else None


def _repeat_order_of_caller(call: Call, *, order_asked: bool = False) -> WorkOrder | None:
    """The open order of the call's category the caller rang about within ``REPEAT_WINDOW``,
    for a call that would open an order of its own (the API, the public page, an Open311
    request: whatever takes a call with nothing chosen)."""
    if not call.category or (call.category not in ORDER_CATEGORIES and not order_asked):
        return None
    return repeat_order_for(
        station=call.station,
        customer=call.customer,
        number=call.caller_number,
        now=call.received_at,
        category=call.category,
        dangers=_dangers_named(call),
        text=call.text,
    )


def _dangers_named(call: Call) -> list[str]:
    """The kinds of danger an urgent call names (not a medical need)."""
    from powerdesk.servicedesk.urgent_why import MEDICAL_CODE

    return [code for code in call.urgent_code_list if code != MEDICAL_CODE] if call.urgent else []


def _stored(text: Callable[[], str]) -> str:
    """Text of the order, in the station's language whatever the clerk's page is in."""
    with station_language():
        return str(text())


def _description(call: Call) -> str:
    lines = [call.text]
    if call.place:
        lines.append(_("Where: %(place)s") % {"place": call.place})
    else:
        lines.append(where_not_said(call))
    if call.customer is None and (call.caller_name or call.caller_number):
        who = " ".join(p for p in (call.caller_name, call.caller_number) if p)
        lines.append(_("Caller: %(who)s") % {"who": who})
    return "\n".join(line for line in lines if line)
