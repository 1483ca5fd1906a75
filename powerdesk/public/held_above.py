"""The public page's outages one inside another: an inner outage's card says the time of a wider
outage above it that ends later, since its households are dark until then too.

The household lookup says one card for outages one inside another (``selectors.area_outages``:
the one ending last); the station's list showed each with its own time, so a household under a
fuse's outage (back 19:45) inside a pole switch's (back 20:30) read 19:45 there. The card says
the wider one's time, marked as a line above (never its device: the page names none), read for
all the list's outages at once (``nested_times.later_wider_of``: its queries do not grow with
them).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage
    from powerdesk.public.selectors import PublicOutage

__all__ = ["hold_by_wider", "shown_back"]

FAR = dt.datetime.max.replace(tzinfo=dt.UTC)  # a time not yet known: the latest


def shown_back(card: PublicOutage) -> dt.datetime | None:
    """When the card says power is back: the time past and being checked, the staff's time, the
    model's "about"; None while not yet known."""
    return (
        card.overdue_at or card.expected_restore_at or (card.estimate.at if card.estimate else None)
    )


def hold_by_wider(cards: dict[int, PublicOutage], outages: list[Outage]) -> None:
    """Sets ``above`` on each card (by its outage's pk, ``cards``) of a fault outage still off
    whose households a wider fault outage above it keeps dark until later than the card's own
    time (one with no time yet is the latest): the card of the latest of them. A card with no
    time of its own says "not yet known" already, the latest."""
    from powerdesk.notifications.nested_times import later_wider_of

    asked = []
    for o in outages:
        card = cards.get(o.pk)
        if card is None or o.kind != o.Kind.UNPLANNED or o.status != o.Status.ACTIVE:
            continue
        at = shown_back(card)
        if at is not None:
            asked.append((o, at))
    found = later_wider_of(asked)
    for o, at in asked:
        later = found.get(o.pk)
        if later is None:
            continue
        # As the page says each: the latest of them said later than this card's own time.
        wider = [cards[w.pk] for w in later.outages if w.pk in cards]
        wider = [w for w in wider if (shown_back(w) or FAR) > at]
        if wider:
            cards[o.pk].above = max(wider, key=lambda w: shown_back(w) or FAR)
