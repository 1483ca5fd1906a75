"""Masking what would name someone in the free text staff wrote (the cause, what to tell
callers) before the public page shows it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from powerdesk.customers.models import Customer

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = ["Redactor"]


class Redactor:
    """Masks in staff's free text what would name someone: a run of five or more digits (a
    phone or an account number) and the name of any of the station's customers, liaisons or
    staff. Names are read once, on the first text that needs it.

    A number is masked however it is written: a run of five digits or more, or groups of three
    digits or more split by a space, a hyphen or a dot that read as a number (``_a_number``):
    "139 8765 4321", as the app writes a mobile itself; "(0878) 571 1095"; "571 1095"; an
    account number in fours. A date or a time ("2026-12-03 18:30", groups of two), a span of
    years or of clock times ("2025-2026年度", "0830-1130") and figures listed ("100 200 300
    号杆") stay (review 28, M2)."""

    MASK = "＊＊"
    DIGITS = re.compile(r"\d{5,}")
    GROUPED = re.compile(r"\(?\d{3,}\)?(?:[ \-.\u00a0\u3000－]\(?\d{3,}\)?)+")

    def __init__(self, station: Station) -> None:
        self.station = station
        self._names: list[str] | None = None

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        text = self.GROUPED.sub(self._grouped, text)
        text = self.DIGITS.sub(self.MASK, text)
        for name in self.names():
            if name in text:
                text = text.replace(name, self.MASK)
        return text

    def _grouped(self, found: re.Match[str]) -> str:
        groups = ["".join(str(int(c)) for c in g) for g in re.findall(r"\d+", found.group())]
        return self.MASK if _a_number(groups) else found.group()

    def names(self) -> list[str]:
        if self._names is None:
            from powerdesk.accounts.models import User
            from powerdesk.community.models import Liaison

            found = set(Customer.objects.for_station(self.station).values_list("name", flat=True))
            found |= set(Liaison.objects.for_station(self.station).values_list("name", flat=True))
            found |= set(
                User.objects.filter(memberships__station=self.station).values_list(
                    "full_name", flat=True
                )
            )
            # Longest first, so that a name inside a longer one does not leave half of it.
            self._names = sorted((n for n in found if len(n) >= 2), key=len, reverse=True)
        return self._names


# Two groups of four that are a span, not a number: years ("2025-2026") or clock times
# written without the colon ("0830-1130").
YEAR = re.compile(r"(?:19|20)\d\d")
HHMM = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
# How a mobile ("139…") or a number with its area code ("0878…") begins.
NUMBER_START = re.compile(r"0|1[3-9]")


def _a_number(groups: list[str]) -> bool:
    """Whether digit groups (ASCII digits, as written, split by a space or a hyphen) read as a
    phone or an account number: ten digits or more; seven or more beginning as a mobile or an
    area code does; or a local number ("571 1095", "8571 1095"). Not a span of years or of
    clock times, nor figures listed in threes ("100 200 300")."""
    digits = "".join(groups)
    if len(digits) < 7:
        return False
    if len(groups) == 2 and _a_span(groups):
        return False
    if len(digits) >= 10 or NUMBER_START.match(digits):
        return True
    return len(groups) == 2 and len(groups[1]) == 4


def _a_span(groups: list[str]) -> bool:
    """Two years, or two clock times without the colon."""
    return all(YEAR.fullmatch(g) for g in groups) or all(HHMM.fullmatch(g) for g in groups)
