"""How many households called about a crew's outage job, as the card lists them: the
households whose calls are joined to the outage's orders (one household calling twice is one;
a caller not on file is told apart by the number they called from). Not the board's figure of
households that reported a fault since the outage's first sign: a household that called before
the outage was recorded is on the card's list of calls, and counted with it, so that the count
never says "0 households" above two callers' words."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import ngettext

from powerdesk.servicedesk.models import Call

__all__ = ["called_words", "households_calling"]


def households_calling(calls: Iterable[Call]) -> int:
    """The households among ``calls``: by the customer on file, else the caller's number, else
    the call itself (a caller with neither is one household per call)."""
    found: set[tuple[str, object]] = set()
    for call in calls:
        if call.customer_id is not None:
            found.add(("customer", call.customer_id))
        elif call.caller_number:
            found.add(("number", call.caller_number))
        else:
            found.add(("call", call.pk))
    return len(found)


def called_words(households: int, calls: int) -> str:
    """ "2 户来电" / "2 户来电，共 3 次" (a household called twice, or a caller not on file)."""
    if calls > households:
        return ngettext(
            "%(n)d household called, %(calls)d calls in all",
            "%(n)d households called, %(calls)d calls in all",
            households,
        ) % {"n": households, "calls": calls}
    return ngettext("%(n)d household called", "%(n)d households called", households) % {
        "n": households
    }
