"""Who is still to be called back before an outage may be closed (``life.outage_close``
refuses it, naming them), said beforehand on its restored row too (walk78 L4: "关闭停电事件"
was offered while 6 + 1 callbacks were pending, refused only once pressed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from powerdesk.outages.models import Outage, OutageCallback

if TYPE_CHECKING:
    from powerdesk.servicedesk.models import WorkOrder

__all__ = ["still_to_call_back", "still_to_call_back_each"]


def still_to_call_back(outage: Outage) -> str:
    """Why ``outage`` may not be closed for its callbacks yet, in words ("" when every
    household was called back, once: those of its callback list, and the callers on their own
    orders joined to it)."""
    # Every household once: those of the outage's list, and the callers called back on their
    # own orders joined to it (``callbacks_household``, walk67 M2), each order named.
    from powerdesk.outages.callbacks_household import orders_callback_due

    listed = set(outage.callbacks.filter(done_at=None).values_list("customer_id", flat=True))
    return _said(listed, orders_callback_due(outage))


def still_to_call_back_each(outages: Iterable[Outage]) -> dict[int, str]:
    """``still_to_call_back`` for each of ``outages``, by id, in two queries for them all (the
    restored rows of /outages/, review79 L7: two queries a row before)."""
    from powerdesk.outages.callbacks_household import orders_callback_due_each

    ids = [outage.pk for outage in outages]
    if not ids:
        return {}
    listed: dict[int, set[int]] = {pk: set() for pk in ids}
    undone = OutageCallback.objects.filter(outage_id__in=ids, done_at=None)
    for outage_id, customer_id in undone.values_list("outage_id", "customer_id"):
        listed[outage_id].add(customer_id)
    orders = orders_callback_due_each(ids)
    return {pk: _said(listed[pk], orders[pk]) for pk in ids}


def _said(listed: set[int], orders: list[WorkOrder]) -> str:
    """The words of ``still_to_call_back``: ``listed``, the customers of the outage's list
    still to call back; ``orders``, the callers' own orders whose callback is due."""
    households = listed | {o.customer_id or -o.pk for o in orders}
    # The callers apart from the households of the list (walk72, 5: "还有 3 户待回访" read
    # against the 2 the home notice and the callbacks page count): "2 + 1 来电户（工单 …）".
    callers = [o for o in orders if (o.customer_id or -o.pk) not in listed]
    if households:
        numbers = pgettext("list separator", ", ").join(o.number for o in orders[:10])
        if len(orders) > 10:
            numbers += "…"
        if callers:
            parts = []
            if listed:
                parts.append(
                    ngettext(
                        "%(n)d household on the callbacks page",
                        "%(n)d households on the callbacks page",
                        len(listed),
                    )
                    % {"n": len(listed)}
                )
            parts.append(
                ngettext(
                    "%(n)d caller on their own work order (%(numbers)s)",
                    "%(n)d callers on their own work orders (%(numbers)s)",
                    len(callers),
                )
                % {"n": len(callers), "numbers": numbers}
            )
            said = _("Still to be called back: %(who)s.") % {"who": " + ".join(parts)}
            return said
        said = ngettext(
            "%(n)d household is still to be called back (on the callbacks page).",
            "%(n)d households are still to be called back (on the callbacks page).",
            len(households),
        ) % {"n": len(households)}
        if orders:
            said += " " + ngettext(
                "The caller's own work order is called back: %(numbers)s.",
                "The callers' own work orders are called back: %(numbers)s.",
                len(orders),
            ) % {"numbers": numbers}
        return said
    return ""
