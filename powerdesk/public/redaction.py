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
    digits or more split by a space, a hyphen or a dot with seven digits or more in all ("139
    8765 4321", as the app writes a mobile itself; "(0878) 571 1095"; an account number in
    fours). A date or a time ("2026-12-03 18:30", groups of two) and a small figure stay."""

    MASK = "＊＊"
    DIGITS = re.compile(r"\d{5,}")
    GROUPED = re.compile(r"\(?\d{3,}\)?(?:[ \-.\u00a0\u3000－]\(?\d{3,}\)?)+")
    GROUPED_DIGITS = 7

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
        digits = sum(c.isdigit() for c in found.group())
        return self.MASK if digits >= self.GROUPED_DIGITS else found.group()

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
