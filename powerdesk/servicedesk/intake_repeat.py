"""The order a caller rang about a few hours ago, at intake (``intake_choices``): said in the
caller panel with when power is expected back, offered in "Then" as a repeat call (chosen, or
offered only when the note tells of another danger than the order's: ``repeats.other_danger``),
and left out of a saved page's choice when the note as saved tells of another danger."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from powerdesk.servicedesk.repeats import other_danger_told
from powerdesk.servicedesk.understanding.urgency import findings
from powerdesk.servicedesk.urgent_why import reasons_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.outages.models import Outage
    from powerdesk.servicedesk.models import WorkOrder

__all__ = ["repeat_choice", "repeat_left_kept", "repeat_said"]


def repeat_said(context: dict[str, Any], repeat: WorkOrder) -> None:
    """The caller panel's lines of the repeat order (``context``, updated): the order, when
    power is expected back, and the wider outage that holds it. Among the caller's open orders
    ("Known now") it stays, said to be the one above (walk68, L1: every open order of the
    caller is what is known of them; walkthrough 34, 8: its link and title once)."""
    context["repeat_order"] = repeat  # said whatever the category: the caller rang before
    back, by = _expected_back(repeat)
    context["repeat_back"] = back
    if by is not None:  # under a wider outage still off that ends later: its time, named
        from powerdesk.servicedesk.tell_caller import held_said

        context["repeat_held"] = held_said(by, back)


def repeat_choice(repeat: WorkOrder, text: str) -> tuple[str, str, str]:
    """The "Then" choice of adding the call to ``repeat`` (value, label, test id), saying what
    it does for a note ``text`` (another danger than the order's; an urgent call)."""
    from powerdesk.servicedesk.repeat_words import other_matter

    other = other_danger_told(findings(text).dangers, repeat) if text.strip() else ""
    if not other and other_matter(text, repeat):
        # Another question than the order's (walk74, 8): offered, never chosen; the call opens
        # its own order, the caller's open order said in the caller panel with its link.
        label = _(
            "Add the call to %(number)s as a repeat call (that order is about “%(title)s”; "
            "this call seems to be another matter)"
        ) % {"number": repeat.number, "title": repeat.title}
        return f"repeat:{repeat.pk}", label, "join-repeat-other"
    if other:
        # Another danger than the order's (walk51, F9): offered, never chosen, so the save
        # key alone opens the call's own order.
        label = _(
            "Add the call to %(number)s as a repeat call (that order is about %(order)s; "
            "this call tells of %(call)s)"
        ) % {
            "number": repeat.number,
            "order": other,
            "call": reasons_said(findings(text).dangers),
        }
    elif repeat.urgent:
        label = _("Add the call to %(number)s as a repeat call") % {"number": repeat.number}
    else:
        # What saving does with an urgent call (a danger, a medical need) said beforehand:
        # the household's one order is made urgent, never a second order beside it.
        label = _(
            "Add the call to %(number)s as a repeat call (an urgent call makes it urgent: "
            "the crew due on site sooner)"
        ) % {"number": repeat.number}
    return f"repeat:{repeat.pk}", label, "join-repeat-other" if other else "join-repeat"


def _expected_back(order: WorkOrder) -> tuple[dt.datetime | None, Outage | None]:
    """The time power is expected back for a caller's order rung about again: its outage's,
    or the time its crew gave (``order_expected_back``); under a wider fault outage still off
    that ends later, the wider one's (None while it has none), with that outage, as the
    liaison's page and the texts read it (``nested_times.later_wider_of``; walk46, 3)."""
    from powerdesk.outages.joined import active_outage_of
    from powerdesk.servicedesk.expected_back import order_expected_back

    outage = active_outage_of(order)
    at = order_expected_back(order, outage)
    if outage is None or at is None:
        return at, None
    from powerdesk.notifications.nested_times import later_wider_of

    later = later_wider_of([(outage, at)]).get(outage.pk)
    return (later.at, later.by) if later is not None else (at, None)


def repeat_left_kept(station: Station, action: str, then_default: str | None, text: str) -> str:
    """The "Then" choice a saved page sent, unless it is the repeat order the server chose (the
    clerk left it) and the note as saved tells of another danger than that order's (typed on
    after the choices were drawn: walk51, F9): then "as its category says", which opens the
    call's own order (``repeats.same_matter``). One query for a repeat order left chosen."""
    if not action.startswith("repeat:") or action != then_default or not text.strip():
        return action
    from powerdesk.lib.forms import id_or_none
    from powerdesk.servicedesk.models import WorkOrder

    pk = id_or_none(action.removeprefix("repeat:"))
    order = WorkOrder.objects.filter(station=station, pk=pk).first() if pk else None
    if order is None:
        return action
    from powerdesk.servicedesk.repeat_words import other_matter

    if other_danger_told(findings(text).dangers, order) or other_matter(text, order):
        return ""
    return action
