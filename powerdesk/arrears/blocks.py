"""What stands against disconnecting a household now, and where it comes from.

A medical need blocks an approval and a disconnection. It comes from the customer's record (the
medical-need care flag: changed only on the customer's page, by whoever may do that) or from
the words of the case (the situation seen, the liaison's words: "尿毒症，每周去县医院透析",
"家里有人用制氧机"; ``vulnerable``). A block from the words alone, the station chief may lift
after a look of their own, on the record (``arrears.lift``): it lifts the words read then, and
a word named since (or read since) that is not among them blocks again, and so does any word
the household says after the visit (``words_later``: said at the counter, on a call, in why the
amount changed).

What blocks a case is also stored on it (``ArrearsCase.blocked_by``), so that the list's filter
and the chief's approvals are queries: written at every save of the case (each step) and, for
the customer's flag, changed on the customer's record, by ``blocks_followed`` (the customer's
admin page, a customer import). A rules round that reads the words otherwise re-reads the
stored cases in a data migration (as arrears 0005 and 0008 do).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.vulnerable import blocking_words
from powerdesk.arrears.words_later import later_blocking_words

if TYPE_CHECKING:
    from powerdesk.customers.models import Customer

__all__ = [
    "BY_CHECK",
    "BY_FLAG",
    "BY_WORDS",
    "block_of",
    "blocks_followed",
    "check_would_block",
    "household_check",
    "words_not_lifted",
]

# Where a block comes from: the customer's medical-need flag (not lifted by a visit), the
# case's words, or the check's stored result alone (a flag at the check since taken off the
# customer's record, or words read so by an earlier reader).
BY_FLAG = "care_flag"
BY_WORDS = "words"
BY_CHECK = "check"


def household_check(customer: Customer) -> str:
    """Medical need blocks; living alone, hardship or an important customer escalate."""
    if customer.medical_need:
        return ArrearsCase.Check.BLOCK
    if customer.elderly_alone or customer.hardship or customer.important:
        return ArrearsCase.Check.ESCALATE
    return ArrearsCase.Check.CLEAR


def words_not_lifted(case: ArrearsCase) -> tuple[str, ...]:
    """The case's words that block, read now, but those a chief's visit lifted; and any
    recorded since the visit, whichever they are (``words_later``: walk73, H1)."""
    lifted = set(case.lift_words or ()) if case.lifted_at is not None else set()
    words = tuple(
        w for w in blocking_words(case.situation, case.liaison_outcome) if w not in lifted
    )
    return tuple(dict.fromkeys(words + later_blocking_words(case)))


def block_of(case: ArrearsCase) -> str:
    """Why the household must not be disconnected now (``BY_FLAG``, ``BY_WORDS``,
    ``BY_CHECK``), or "" when nothing blocks it: the customer's flag now; once the household
    was seen, the words of the case (but those the chief's visit lifted), and the check's stored
    result unless the chief lifted it."""
    if household_check(case.customer) == ArrearsCase.Check.BLOCK:
        return BY_FLAG
    if later_blocking_words(case):
        # Said since (a call before the check too): it blocks at once, whatever the stage.
        return BY_WORDS
    if not case.check_result:
        return ""
    if words_not_lifted(case):
        return BY_WORDS
    if case.check_result == ArrearsCase.Check.BLOCK and case.lifted_at is None:
        return BY_CHECK
    return ""


def check_would_block(case: ArrearsCase) -> tuple[str, ...]:
    """A case not yet checked: what stands against disconnecting it at its check, read as the
    check reads (``block_of`` and ``vulnerable``, no rule of its own): the words recorded since
    it was opened (a call's note, the words typed on its page), which block now, and the village
    liaison's, which the check will read. Nothing for a case checked (``block_of`` says it)."""
    if case.check_result:
        return ()
    return tuple(dict.fromkeys(later_blocking_words(case) + blocking_words(case.liaison_outcome)))


def blocks_followed(customer_ids: Iterable[int]) -> int:
    """The stored block of these customers' cases made what it is now, after their care flags
    changed (the customer's admin page, an import): returns how many cases changed. The cases
    are written by ``update`` (their history is the customer's: the flag's line there)."""
    ids = sorted(set(customer_ids))
    changed = 0
    for start in range(0, len(ids), 500):
        cases = ArrearsCase.objects.filter(customer_id__in=ids[start : start + 500])
        # Locked: a step saving one of these cases meanwhile saves after this, reading the flag
        # as it is now (``ArrearsCase.save``); nor is a block written from older words.
        locked = cases.select_for_update(of=("self",)).select_related("customer").order_by("pk")
        with transaction.atomic():
            for case in locked:
                now = block_of(case)
                if now != case.blocked_by:
                    changed += ArrearsCase.objects.filter(pk=case.pk).update(blocked_by=now)
    return changed
