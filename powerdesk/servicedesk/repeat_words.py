"""A repeat call is the same matter, not only the same caller (walk74 finding 8): a caller who
asked about an invoice ("想问一下电费发票…", business) and a minute later about their meter
("想问一下电表什么时候换", business) had the meter question added to the invoice order as a
repeat call, with no order of its own and both promises on the invoice order.

Beside the category (``repeats.repeat_refusal``), a call of a category other than a fault or a
danger joins the caller's order unasked only when its words and the order's share a topic
(``reports.keywords.terms``: the station's words, fillers and greetings left out). A note with
no topic ("还是那个事", "怎么还没弄好") or an order with none is the same matter as far as anyone
can tell. A fault ("还是没电") is one matter with the caller's fault order whatever the words,
and a danger has its own rule (``repeats.other_danger``); the clerk may still add any call.

The category's general words (``matter_words``: "电费", "电表", "停电" ...) are no shared
topic (desk76): "电费发票什么时候能开" and "电费怎么扣了两次" are two matters. Two notes that
say nothing more than such words ("电表不走字", "电表一直不转") are matched on them; one that
does and one that does not are not the same matter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerdesk.servicedesk.matter_words import generic_words

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
    if not known:
        return False
    general = generic_words(order.category)
    said_own = {t for t in said if not _general(t, general)}
    known_own = {t for t in known if not _general(t, general)}
    if not said_own and not known_own:
        # Neither says more than the category's general words: matched on them.
        return not (said & known)
    return not (said_own & known_own)


def _general(term: str, general: frozenset[str]) -> bool:
    """Whether ``term`` is one of ``general`` or a phrase of two of them ("电费账单")."""
    if term in general:
        return True
    return any(term[:i] in general and term[i:] in general for i in range(1, len(term)))
