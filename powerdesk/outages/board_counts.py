"""What is off, counted one way on the board, the map and the home page (``BoardCounts``), and
each row's callers (``fill_callers``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.outages.board import BoardRow

__all__ = ["BoardCounts", "board_counts", "fill_callers", "households_out"]


# -- what is off, counted one way on the board, the map and the home page ----------------------
# An *outage* is a row with a device or an outage record: a household alone on the engine's list
# (its own line or meter, or a wrong account) is not one, and is counted apart, as "households
# on their own". Outages are counted by ``BoardRow.standing``, never added together: the
# engine's predictions nobody has recorded, the outages recorded, and of those the ones a crew
# confirmed on site (a storm's 31 predictions are not "32 outages" beside one record).
# *Households out* are the customers downstream of what is open, those on their own included,
# each once however the devices nest. *Callers* are those of the households out that reported a
# fault (a fault call or a fault-repair order) since the outage's first sign: the callers of
# this outage, a household once however often it called. It is the one caller figure of the
# board, the map and the home page, said the same on all three ("of them N reported it"); the
# engine's own tally of its evidence (customers whose last word was a call, not a meter) is not
# shown as a second one, nor a 24-hour count of the whole station.
@dataclass(frozen=True)
class BoardCounts:
    outages: int  # rows with a device or an outage record
    recorded: int  # of those, with an outage record
    on_site: int  # of those recorded, confirmed on site by a crew
    predicted: int  # the engine's, not recorded (rows with a device)
    singles: int  # households alone on the engine's list
    households_out: int  # every household out, each once
    callers: int  # of them, those who reported a fault since their outage's first sign


def board_counts(rows: list[BoardRow]) -> BoardCounts:
    singles = sum(1 for r in rows if r.device is None and r.outage is None)
    recorded = [r for r in rows if r.outage is not None]
    return BoardCounts(
        outages=len(rows) - singles,
        recorded=len(recorded),
        on_site=sum(1 for r in recorded if r.on_site),
        predicted=len(rows) - singles - len(recorded),
        singles=singles,
        households_out=households_out(rows),
        callers=len({pk for r in rows for pk in r.caller_ids}),
    )


# Callers are looked for at most this far back (an outage older than this counts its callers
# of the last week: an order opened then is still open, a call that old is history).
CALLERS_LOOK_BACK = dt.timedelta(days=7)


def fill_callers(station: Station, rows: list[BoardRow], *, now: dt.datetime | None = None) -> None:
    """Each row's ``callers``: the households out below its open devices (a household alone:
    that household) that reported a fault since the row's first sign. Two queries."""
    from powerdesk.outages.selectors import caller_times

    if not rows:
        return
    now = now or timezone.now()
    earliest = now - CALLERS_LOOK_BACK
    starts = {r.key: max(r.first_sign_at or now, earliest) for r in rows}
    called = caller_times(station, since=min(starts.values()))
    for row in rows:
        since = starts[row.key]
        if row.device is None and row.customer is not None:
            people = called.get(row.customer.transformer_id or 0, {})
            at = people.get(row.customer.pk)
            found = {row.customer.pk} if at is not None and at >= since else set()
        elif row.below is not None:
            found = {
                pk
                for area in row.below.areas
                for pk, at in called.get(area, {}).items()
                if at >= since
            }
        else:
            found = set()
        row.caller_ids = frozenset(found)
        row.callers = len(found)


def households_out(rows: list[BoardRow]) -> int:
    """The households out under all the rows, each once however the devices nest."""
    areas: dict[int, int] = {}
    for row in rows:
        if row.below is not None:
            areas.update(row.below.areas)
    alone = {
        r.customer.pk
        for r in rows
        if r.device is None and r.customer is not None and r.customer.transformer_id not in areas
    }
    return sum(areas.values()) + len(alone)
