"""What the household says after its check, recorded on its arrears case and read as its check's
words are (walk73, H1).

The household check reads the situation seen and the village liaison's words
(``services.household_record``, ``vulnerable``). A household keeps talking after that: at the
counter ("老伴晚上要用呼吸机"), on the phone (``from_calls``), in the reason an amount changed.
Every free text recorded on the case is read so, the simplest safe rule:

- the household's words said later (the case page's "What the household says now", a call from
  the household), recorded as a step of their own: who, when, the call;
- why the amount owed changed (``amount.amount_update``);
- the chief's reason for an approval is read before it is recorded: one naming a medical need
  in use is refused (``services.disconnection_approve``).

The chief's visit finding (``lift``) is the one text not read: it is the chief's statement, with
the box ticked, that no one at home depends on power for life; it lifts the words recorded
before it. Words recorded after the chief's lift block again, whichever they are — a machine
the visit saw unused ("制氧机") and named again since blocks again, as a new one does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.vulnerable import blocking_words, vulnerable_read

if TYPE_CHECKING:
    import datetime as dt

    from powerdesk.accounts.models import User
    from powerdesk.servicedesk.models import Call

__all__ = [
    "CALL_CODES",
    "CALL_SAID",
    "HOUSEHOLD_SAID",
    "LIAISON_SAID",
    "READ_CODES",
    "SAID_CODES",
    "WORDS_CHARS",
    "check_read_again",
    "later_blocking_words",
    "later_texts",
    "said_later_record",
]

# The history lines whose words the check reads: the household's words said later (typed on the
# case's page, or a call's note) and why the amount owed changed.
HOUSEHOLD_SAID = "arrears_household_said"
CALL_SAID = "arrears_call_said"
# A call of the village liaison from a number the household shares (the clerk chose the
# liaison): its words go on the household's case too, the liaison named (review77 L12).
LIAISON_SAID = "arrears_liaison_said"
CALL_CODES = (CALL_SAID, LIAISON_SAID)
SAID_CODES = (HOUSEHOLD_SAID, *CALL_CODES)
READ_CODES = (*SAID_CODES, "arrears_amount_why")
# What the household says now, typed on the case's page, at most (a call's note is kept whole).
WORDS_CHARS = 300
_CHECKS = (ArrearsCase.Check.CLEAR, ArrearsCase.Check.ESCALATE, ArrearsCase.Check.BLOCK)


def later_texts(case: ArrearsCase, *, since: dt.datetime | None = None) -> list[str]:
    """The texts recorded on the case after its check's own (``READ_CODES``), oldest first;
    ``since``: only those recorded after then."""
    if case.pk is None:
        return []
    lines = ArrearsEvent.objects.filter(case_id=case.pk, note_code__in=READ_CODES)
    if since is not None:
        lines = lines.filter(at__gt=since)
    texts = []
    for args in lines.order_by("at", "pk").values_list("note_args", flat=True):
        said = (args or {}).get("words") or (args or {}).get("why") or ""
        if isinstance(said, str) and said:
            texts.append(said)
    return texts


def later_blocking_words(case: ArrearsCase) -> tuple[str, ...]:
    """The words recorded since the check that block a disconnection, but those the chief's
    visit lifted: a visit lifts what was recorded before it, never what is said after it."""
    return blocking_words(*later_texts(case, since=case.lifted_at))


def check_read_again(case: ArrearsCase) -> None:
    """The check's result and the words it read, with the words recorded since: the more
    serious stays (a medical machine named blocks; an elderly person escalates), and the page
    says the words read. A case not yet checked is left to its check (which reads them)."""
    if not case.check_result:
        return
    texts = later_texts(case, since=case.lifted_at)
    reading = vulnerable_read(*texts)
    case.check_result = max(case.check_result, reading.check, key=_CHECKS.index)
    read_all = vulnerable_read(*texts, case.situation, case.liaison_outcome)
    case.check_read = read_all.said(ArrearsCase._meta.get_field("check_read").max_length or 0)


@transaction.atomic
def said_later_record(
    *, case: ArrearsCase, user: User | None, words: str, call: Call | None = None
) -> ArrearsCase:
    """Record what the household says now as a step of the case (``services.household_record``
    with ``later``): typed on the case's page or sent by the API by whoever may record its
    steps, signed in (a system's token may not: nobody would be recorded as having heard it),
    or a call's note (``call``: taken by whoever took it, the call named). Read as the check's
    words: a medical need named blocks the case again, after a chief's lift too. Refused on a
    paid case; a disconnected one keeps the words (its badge and the chief's home say it), not
    reopened, and its chiefs are told when they name a medical need (``cut_need``). The same
    words sent again (a double submit) are recorded once."""
    from powerdesk.arrears.repeats import person_needed
    from powerdesk.arrears.step_rules import (
        ArrearsError,
        _bounded,
        _event,
        _not_closed,
        _says_something,
    )
    from powerdesk.servicedesk.history_notes import note_said
    from powerdesk.servicedesk.same_try import sent_again

    if call is None:
        require(user, case.station_id, Do.ARREARS_PROGRESS)
        # Heard by a person, who is recorded: a system sends the household's call instead
        # (``from_calls``), whose note is read so.
        person_needed(user)
        label = _("What the household says now")
        words = _bounded(label, words, WORDS_CHARS, "words")
        if not words:
            raise ArrearsError(_("Write what the household says."), field="words")
        _says_something(label, words, "words")
    words = words.strip()
    locked = ArrearsCase.objects.select_for_update(of=("self",)).get(pk=case.pk)
    case.stage = locked.stage
    _not_closed(case)
    said_lines = case.events.filter(note_code__in=SAID_CODES)
    # The same words on the case within a short while, whoever sent them, whatever came
    # between (a client's retry that lost its Idempotency-Key, a second clerk): the same words
    # sent again (``same_try``'s guard; walk76, L2), recorded and told once. Said again later
    # (days after a chief's lift, or once cut) they are the household's words anew: recorded,
    # read, blocking again and told (review77, H1: no time limit lost them).
    if call is None and sent_again(said_lines, at="at", note_args__words=words) is not None:
        case.said_again = True
        return case  # sent again: recorded once
    if call is not None:
        rang = {
            "words": words,
            "call": call.pk,
            "number": call.caller_number,
            "at": f"{_local(call.received_at):%Y-%m-%d %H:%M}",
        }
        if call.customer_id is None and call.liaison is not None:
            # The liaison rang from the number the household shares: who said it, named.
            said = note_said(LIAISON_SAID, **rang, liaison=call.liaison.name)
        else:
            said = note_said(CALL_SAID, **rang)
    else:
        said = note_said(HOUSEHOLD_SAID, words=words)
    said["note"] = said["note"][:300]  # the line's column; its arguments keep the words whole
    line = _event(case, user, said=said)
    check_read_again(case)
    # When the newest words were recorded: a chief's visit before them did not see what they say
    # (``lift``: refused at its time).
    case.words_at = timezone.now()
    case.save(update_fields=["check_result", "check_read", "words_at"])
    # Cut off already: not reopened, but its chiefs are told at once when a need is named.
    from powerdesk.arrears.cut_need import cut_need_tell

    # How many were told: the page says so (walk76, M1), as the intake does.
    case.chiefs_told = cut_need_tell(case, line, words)
    return case


def _local(at: dt.datetime) -> dt.datetime:
    return timezone.localtime(at)
