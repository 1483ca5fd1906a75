"""The household check's own result, apart from what the words recorded since say (walk77 L3).

The stored ``check_result`` and ``check_read`` follow the words recorded after the check
(``words_later.check_read_again``: the more serious stays, so an approval and a disconnection
read one field). Shown as the check's result, they said "must not be disconnected (read: 制氧机)"
of a household the check found clear, the machine named days later. The case's page and the
arrears file say both, each for what it is: what the check found (its result as recorded at
the check, the words it read then) and what the words recorded since the check call for (the
words read in them, but those a chief's visit lifted)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from powerdesk.arrears.models import ArrearsCase, ArrearsEvent, check_in_note
from powerdesk.arrears.vulnerable import vulnerable_read
from powerdesk.arrears.words_later import READ_CODES

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

__all__ = ["CheckApart", "apart_lines", "check_apart"]

_READ_MAX = ArrearsCase._meta.get_field("check_read").max_length or 100


@dataclass(frozen=True)
class CheckApart:
    """``own``: the check's result as recorded at the check ("" before it), ``own_read`` the
    words it read; ``since``: the result the words recorded since call for ("" when they name
    nothing), ``since_read`` the words read in them."""

    own: str = ""
    own_read: str = ""
    since: str = ""
    since_read: str = ""

    @property
    def own_label(self) -> str | _StrPromise:
        return ArrearsCase.Check(self.own).label if self.own else ""

    @property
    def since_label(self) -> str | _StrPromise:
        return ArrearsCase.Check(self.since).label if self.since else ""


def apart_lines(cases: QuerySet[ArrearsEvent]) -> QuerySet[ArrearsEvent]:
    """The history lines ``check_apart`` reads, oldest first (a case's ``events``, or all
    events, for a ``Prefetch``): the check's own line and the words read as the check's."""
    return cases.filter(
        Q(note_code__in=READ_CODES) | Q(stage=ArrearsCase.Stage.CHECKED, note_code="")
    ).order_by("at", "pk")


def _code(line: ArrearsEvent) -> str:
    """The check's result its line recorded (``services.household_record``: "clear:…", or its
    label before: ``ArrearsEvent.note_shown``)."""
    return check_in_note(line.note) or ""


def _words(line: ArrearsEvent) -> str:
    args = line.note_args or {}
    said = args.get("words") or args.get("why") or ""
    return said if isinstance(said, str) else ""


def check_apart(case: ArrearsCase, lines: Iterable[ArrearsEvent] | None = None) -> CheckApart:
    """What the check found, and what the words recorded since it call for; ``lines``: the
    case's ``apart_lines`` (read when not given)."""
    if not case.check_result:
        return CheckApart()
    listed = list(lines if lines is not None else apart_lines(case.events.all()))
    at = next(
        (i for i, line in enumerate(listed) if not line.note_code and _code(line)),
        len(listed),  # no line of the check kept: the stored result is the check's
    )
    own = _code(listed[at]) if at < len(listed) else case.check_result
    before = [_words(line) for line in listed[:at] if line.note_code]
    own_read = vulnerable_read(case.situation, case.liaison_outcome, *before).said(_READ_MAX)
    since = [
        _words(line)
        for line in listed[at + 1 :]
        if line.note_code and (case.lifted_at is None or line.at > case.lifted_at)
    ]
    reading = vulnerable_read(*since)
    if not reading.words:
        return CheckApart(own, own_read)
    return CheckApart(own, own_read, reading.check, reading.said(_READ_MAX))
