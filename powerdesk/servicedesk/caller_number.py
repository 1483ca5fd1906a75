"""The number a call came from, as a telephone shows it: digits with + - ( ) and spaces, at
least three digits, or nothing (a number withheld). One rule for the intake page, the API, the
telephone system's webhook and every other way a call is logged (``call_take``)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from powerdesk.customers.selectors import without_format
from powerdesk.lib.forms import FieldError
from powerdesk.servicedesk.services import WorkOrderError

__all__ = ["CallerNumberError", "caller_number_checked", "caller_number_written"]

_PHONE_CHARACTERS = re.compile(r"[0-9+()\- ]+")
# Width only (review79 M1): the full-width forms of ASCII (U+FF01..U+FF5E), the ideographic
# space and the no-break space made plain; nothing else is folded.
_WIDTH_FOLDED = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20,
    0x00A0: 0x20,
}
# What telephone systems send for a number withheld: stored as no number.
WITHHELD = frozenset(
    {
        "anonymous",
        "unknown",
        "private",
        "restricted",
        "unavailable",
        "withheld",
        "匿名",
        "未知号码",
        "隐藏号码",
        "无主叫号码",
    }
)


class CallerNumberError(WorkOrderError, FieldError):
    """A caller's number no telephone shows (said at the field ``caller_number``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="caller_number")


def caller_number_written(number: str) -> str:
    """``number`` as a telephone shows it, written as the caller lookup reads it
    (``normalize_phone``): full-width digits, signs and spaces made plain (an IME's
    "＋８６ １３５…"; width only, not NFKC: circled, superscript or mathematical digits stay
    what they are and are refused), the invisible characters a paste or a relay carries taken
    out (zero-width spaces, bidirectional controls: ``without_format``), stripped. Letters stay
    letters.

    >>> caller_number_written("＋８６　１３５\u200b3711\u202e7905\u00a0")
    '+86 13537117905'
    >>> caller_number_written("１８８１９５９８７２Ｏ")
    '1881959872O'
    >>> caller_number_written("①³⑤") == "①³⑤"
    True
    """
    return without_format(number or "").translate(_WIDTH_FOLDED).strip()


def caller_number_checked(number: str) -> str:
    """``number`` as a telephone shows it (``caller_number_written``; "" for a number withheld),
    or ``CallerNumberError`` saying why no telephone shows it (a letter, other signs; probe76:
    "1881959872O" is refused, never read as its digits).

    >>> caller_number_checked(" 0878-571 1095 "), caller_number_checked("Anonymous")
    ('0878-571 1095', '')
    >>> caller_number_checked("１３５ ３７１１ ７９０５")
    '135 3711 7905'
    >>> try:
    ...     caller_number_checked("<script>")
    ... except CallerNumberError as refused:
    ...     refused.field
    'caller_number'
    """
    number = caller_number_written(number)
    if number.casefold() in WITHHELD:
        return ""
    if number and not _PHONE_CHARACTERS.fullmatch(number):
        raise CallerNumberError(
            _("A phone number has only digits, spaces and + - ( ), e.g. 0878-1234567.")
        )
    if number and sum(c.isdigit() for c in number) < 3:
        raise CallerNumberError(
            _("A phone number has at least 3 digits (%(number)s is too short).")
            % {"number": number}
        )
    return number
