"""A call from a household with an open arrears case, whose note names a need: its words go on
the case (walk73, H1 b).

"我家老伴晚上睡觉要用呼吸机，千万不要停我家的电", rung in from the household's own number, was
logged as a billing question and never reached the case: the chief could approve and carry out
the cut. Now every call taken (``servicedesk.call_take``: intake, the liaison's page, the API,
the telephone system) from a customer — found by the number, or named — whose arrears case is
open is read as the household check reads its words (``vulnerable``, one reading): one that
names a need is recorded on the case as what the household says (``household_record`` with the
call: who took it, when, the call linked), which blocks the case again when it names a medical
need in use, after a chief's lift too.

A case already carried out is not reopened: the words are recorded on it all the same (its
badge and the chief's home then say the household is cut off with a need named), and the clerk
is told to tell the chief at once. A paid case is closed: nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.repeats import open_case_of
from powerdesk.arrears.vulnerable import vulnerable_read
from powerdesk.arrears.words_later import CALL_CODES

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.customers.models import Customer
    from powerdesk.servicedesk.models import Call

__all__ = [
    "CallOnCase",
    "call_on_case",
    "call_words_to_case",
    "cases_of_calls",
    "shared_household",
]


@dataclass(frozen=True)
class CallOnCase:
    """What a call's words did to the household's arrears case: ``blocks`` (a medical need in
    use named: the disconnection is held), ``cut`` (carried out already: not reopened)."""

    case: ArrearsCase
    blocks: bool
    cut: bool
    # The station's chiefs were told at once (``cut_need``): a cut household's need.
    told: bool = False


def call_words_to_case(call: Call, user: User | None) -> CallOnCase | None:
    """Record the call's note on its household's open arrears case when it names a need (any
    the check reads: a medical machine blocks, an elderly person or a patient escalate); None
    when there is no such case or no need named."""
    household = call.customer if call.customer_id is not None else shared_household(call)
    if household is None or not call.text.strip():
        return None
    reading = vulnerable_read(call.text)
    if not reading.kind:
        return None
    case = open_case_of(household)
    if case is None:
        return None
    from powerdesk.arrears.services import household_record

    household_record(case=case, user=user or call.taken_by, situation=call.text, call=call)
    return CallOnCase(
        case=case,
        blocks=reading.blocks,
        cut=case.stage == ArrearsCase.Stage.DISCONNECTED,
        told=bool(case.chiefs_told),
    )


def shared_household(call: Call) -> Customer | None:
    """The household whose number a village liaison's call came from, the clerk having chosen
    the liaison (intake's "who is calling?"): its words reach that household's case and, cut
    off, its chiefs, the liaison named (review77 L12). None for any other call."""
    if call.liaison_id is None or not call.caller_number:
        return None
    from powerdesk.customers.selectors import customers_by_phone

    found = list(customers_by_phone(station=call.station, raw=call.caller_number)[:2])
    return found[0] if len(found) == 1 else None


def call_on_case(call: Call) -> CallOnCase | None:
    """What the call's words did on an arrears case, read back from the case's history (a page
    sent again shows the first saving's outcome)."""
    line = (
        ArrearsEvent.objects.filter(note_code__in=CALL_CODES, note_args__call=call.pk)
        .select_related("case")
        .first()
    )
    if line is None:
        return None
    from powerdesk.arrears.cut_need import cut_need_told

    return CallOnCase(
        case=line.case,
        blocks=vulnerable_read(call.text).blocks,
        cut=line.case.stage == ArrearsCase.Stage.DISCONNECTED,
        told=cut_need_told(line.case_id, line.pk),
    )


def cases_of_calls(call_ids: Iterable[int], *, station_id: int) -> dict[int, ArrearsCase]:
    """The arrears case each of the calls was recorded on (``call_words_to_case``), by call id,
    of the station ``station_id`` only (a call and its case share the household, and so the
    station; checked all the same: review74, L3): one query for a page of the calls' list,
    which links each to its case."""
    ids = [int(pk) for pk in call_ids]
    if not ids:
        return {}
    lines = (
        ArrearsEvent.objects.filter(
            note_code__in=CALL_CODES, note_args__call__in=ids, case__station_id=station_id
        )
        .select_related("case")
        .order_by("pk")
    )
    found: dict[int, ArrearsCase] = {}
    for line in lines:
        call = (line.note_args or {}).get("call")
        if isinstance(call, int):
            found.setdefault(call, line.case)
    return found
