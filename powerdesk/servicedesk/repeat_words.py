"""A repeat call is the same matter, not only the same caller (walk74 finding 8): a caller who
asked about an invoice ("想问一下电费发票…", business) and a minute later about their meter
("想问一下电表什么时候换", business) had the meter question added to the invoice order as a
repeat call, with no order of its own and both promises on the invoice order.

Beside the category (``repeats.repeat_refusal``), a call of a category other than a fault or a
danger joins the caller's order unasked only when its words and the order's share a topic
(``reports.keywords.terms``: the station's words, fillers and greetings left out). A note with
no topic ("还是那个事", "怎么还没弄好") or an order with none is the same matter as far as anyone
can tell. A fault ("还是没电") is one matter with the caller's fault order whatever the words,
and a danger has its own rule (``repeats.other_danger``); the clerk may still add any call."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from powerdesk.servicedesk.models import WorkOrder

__all__ = ["other_matter"]

# The order's calls read for its words (its latest; a few are plenty).
_CALLS_READ = 10


def other_matter(text: str, order: WorkOrder) -> bool:
    """Whether a call saying ``text`` is about another matter than ``order`` (of the call's
    category): both say what about and they share no topic."""
    from powerdesk.reports.keywords import terms
    from powerdesk.servicedesk.second_matter import ALREADY_ABOUT_IT

    if order.category in ALREADY_ABOUT_IT or not text.strip():
        return False
    said = set(terms(text[:4000]))
    if not said:
        return False
    texts = [order.summary, order.description]
    texts += list(order.calls.order_by("-received_at").values_list("text", flat=True)[:_CALLS_READ])
    known: set[str] = set()
    for t in texts:
        known.update(terms((t or "")[:4000]))
    return bool(known) and not (said & known)
