"""Who of a fault outage's own households and village liaisons its revision leaves out for now,
each by the text it last got (review58, H1). A household told of the fuse may have been texted
since by a wider outage (the pole's revision) or by the fuse itself as one holding the pole's time
(``inner_later``, fix58d; a liaisons-only station's group leader alike, fix58a): what it holds is
that text, and its quiet time runs from it, not from the fuse's last revision. So a revision is
not texted to one holding a time within ``ETR_MOVE`` of it, and is held for one texted less than
``ETR_QUIET`` ago (unless it moved what that one holds by ``ETR_MOVE_AT_ONCE``) until its quiet
time is over (``due``): then ``estimate_texts.etr_held_scan`` sends it to those still owed it
(``again``). A fixed number of queries however many households."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from powerdesk.notifications.estimates_told import (
    ETR_MOVE,
    ETR_MOVE_AT_ONCE,
    Told,
    households_told,
    liaisons_told,
)
from powerdesk.notifications.models import Audience, Event

if TYPE_CHECKING:
    from powerdesk.notifications.services import Recipient
    from powerdesk.outages.models import Outage


@dataclass(frozen=True)
class LeftFor:
    """The households (``customers``) and liaisons (``liaisons``) a revision leaves out now,
    and the first quiet time of those held among them (``due``; None: none held)."""

    customers: frozenset[int] = frozenset()
    liaisons: frozenset[int] = frozenset()
    due: dt.datetime | None = None

    def keeps(self, again: bool) -> Callable[[Recipient], bool]:
        """Whether a recipient of the revision is texted now: not a liaison left out; and when
        it is sent again to those held (``again``), households and liaisons only (staff were
        told of it when it was first sent)."""

        def keep(r: Recipient) -> bool:
            if r.who.get("liaison_id") in self.liaisons:
                return False
            return not again or "customer_id" in r.who or "liaison_id" in r.who

        return keep


def left_for_now(
    outage: Outage,
    after: dt.datetime,
    leaving: frozenset[int],
    *,
    now: dt.datetime,
    again: bool = False,
) -> LeftFor:
    """Of ``outage``'s households below it (but ``leaving``: those its revision leaves out
    anyway) and its village liaisons, those its revision to ``after`` is not texted to now: the
    time each last got of it or of a wider outage above it (``households_told``) is within
    ``ETR_MOVE`` of ``after``, or was texted within ``ETR_QUIET`` and ``after`` is less than
    ``ETR_MOVE_AT_ONCE`` from it (held: ``due``). One never texted a time follows the outage's
    own last text (texted now), unless ``again``: the revision was sent already."""
    from powerdesk.notifications import audience
    from powerdesk.notifications.nested_times import wider_of
    from powerdesk.notifications.services import audiences
    from powerdesk.outages.joined import customers_below

    ids = [outage.pk, *(o.pk for o in wider_of(outage))]
    customers = set(customers_below(outage.device).values_list("pk", flat=True)) - leaving
    houses, due = _left(households_told(customers, ids), customers, after, now, again)
    liaisons: set[int] = set()
    if Audience.LIAISONS in audiences(outage.station_id, Event.ETR_MOVED):
        pks = [
            r.who["liaison_id"]
            for r in audience.liaisons_of(outage.station, *audience.villages_below(outage.device))
        ]
        liaisons, due_liaisons = _left(liaisons_told(pks, ids), pks, after, now, again)
        due = min((d for d in (due, due_liaisons) if d is not None), default=None)
    return LeftFor(frozenset(houses), frozenset(liaisons), due)


def _left(
    held: dict[int, Told],
    who: Collection[int],
    after: dt.datetime,
    now: dt.datetime,
    again: bool,
) -> tuple[set[int], dt.datetime | None]:
    """Of ``who`` (each holding ``held``), those left out, and the first quiet time of those
    held."""
    left: set[int] = set()
    due: dt.datetime | None = None
    for pk in who:
        told = held.get(pk)
        if told is None:
            if again:
                left.add(pk)
            continue
        moved = abs(after - told.at)
        if moved < ETR_MOVE:
            left.add(pk)  # holding it already, or near enough
        elif now < told.quiet_until and moved < ETR_MOVE_AT_ONCE:
            left.add(pk)
            due = told.quiet_until if due is None else min(due, told.quiet_until)
    return left, due


def told_this_time(outage: Outage, at: dt.datetime) -> frozenset[int]:
    """The households a "still open" text of ``outage`` told ``at`` (``inner_later``)."""
    from powerdesk.notifications.models import Delivery

    return frozenset(
        Delivery.objects.filter(
            notice__station_id=outage.station_id,
            notice__key__startswith=f"inner_later:{outage.pk}:{at.astimezone(dt.UTC):%Y%m%d%H%M}:",
            customer_id__isnull=False,
        ).values_list("customer_id", flat=True)
    )
