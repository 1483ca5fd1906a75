"""Why a work order is urgent, said with its "urgent" badge (walkthrough 38, 5: the heading's
badge did not say why; the reason was only on the call's line and in the history).

The reasons are those its urgent calls name (a danger, a medical need at home: ``Call.
urgent_reasons``), each once, oldest call first; a hazard order with none named is urgent for
its category. A clerk who ticked "urgent" naming none of them leaves the badge as it was."""

from __future__ import annotations

from django.utils.translation import pgettext

from powerdesk.servicedesk.models import Category, WorkOrder

__all__ = ["order_urgent_why"]

# The urgent calls read for their reasons: an outage's order may gather hundreds of calls, and
# the first few name every reason there is.
URGENT_CALLS_READ = 20


def order_urgent_why(order: WorkOrder) -> str:
    """Why ``order`` is urgent, in the reader's words ("" when it is not, or nothing says
    why). One query for an urgent order, none otherwise."""
    if not order.urgent:
        return ""
    why: list[str] = []
    calls = (
        order.calls.filter(urgent=True)
        .exclude(text="")
        .order_by("received_at", "pk")[:URGENT_CALLS_READ]
    )
    for call in calls:
        why += [reason for reason in call.urgent_reasons if reason not in why]
    if not why and order.category == Category.HAZARD:
        why.append(str(order.get_category_display()))
    return pgettext("list separator", ", ").join(why)
