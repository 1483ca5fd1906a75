"""The outages the indices do not count yet: the live engine's predictions nobody has recorded.

The indices sum recorded outages only (``selectors``: first sign to restore). During a storm
the board may hold dozens of the engine's predictions still to confirm, and a month's SAIDI of
0.3 minutes beside them reads as a calm month. Wherever the indices are shown (the chief's home,
the monthly page, its PDF and workbook) they say how many predictions and households are left
out, with the way to the board where they are recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.outages.board import BoardRow

__all__ = ["Unrecorded", "unrecorded_outages"]


@dataclass(frozen=True)
class Unrecorded:
    outages: int  # the engine's predictions (devices) not recorded
    customers: int  # the households below them out of no recorded outage, each once
    since: dt.datetime | None = None  # the earliest first sign among them

    def __bool__(self) -> bool:
        return self.outages > 0


def unrecorded_outages(
    station: Station, *, until: dt.datetime | None = None, rows: list[BoardRow] | None = None
) -> Unrecorded:
    """The predictions on the board now that no outage record covers, those whose first sign
    is before ``until`` (the end of the period the indices count): still off now, each is off
    through the rest of that period, and none of it is counted. ``rows``: the board's rows
    (``board.live_rows``) when the page has drawn them already."""
    from powerdesk.outages.board import live_rows

    until = until or timezone.now()
    if rows is None:
        rows = live_rows(station, history=False)
    recorded_areas = {
        area for r in rows if r.outage is not None and r.below is not None for area in r.below.areas
    }
    left_out = [
        r
        for r in rows
        if r.outage is None
        and r.device is not None
        and r.first_sign_at is not None
        and r.first_sign_at < until
    ]
    areas: dict[int, int] = {}
    for row in left_out:
        if row.below is not None:
            areas.update(
                (area, n) for area, n in row.below.areas.items() if area not in recorded_areas
            )
    return Unrecorded(
        outages=len(left_out),
        customers=sum(areas.values()),
        since=min((r.first_sign_at for r in left_out if r.first_sign_at), default=None),
    )
