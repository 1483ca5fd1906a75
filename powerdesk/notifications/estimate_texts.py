"""Telling households that the expected restoration of a fault outage moved (or was first
given), without a burst of texts: a revision is told when it moves what households were last
told by ``ETR_MOVE`` or more, at most one in ``ETR_QUIET`` unless it moved by
``ETR_MOVE_AT_ONCE``; a smaller one within the quiet time is held, and
``estimate_held.etr_held_scan`` sends it when the quiet time is over. Later or earlier alike: a
household told 21:10 plans by it either way. Meanwhile the board shows the new time beside the
one texted, and says whether and from when the new one is texted
(``estimates_told.told_restorations``), so it never contradicts a text without saying so. What
households and liaisons were told, and the margins, are in ``estimates_told``; the history lines
of a revision held (and the scan that sends it) in ``estimate_held``, of those it spares in
``estimate_spared``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.notifications.estimate_held import etr_held
from powerdesk.notifications.estimate_spared import liaisons_spared, spared_line
from powerdesk.notifications.estimates_told import (
    ETR_MOVE,
    ETR_MOVE_AT_ONCE,
    ETR_QUIET,
    Told,
    back_as_told,
    household_told,
    households_told,
    last_told,
    model_estimates,
    still_quiet,
    told_restorations,
)
from powerdesk.notifications.models import Event
from powerdesk.notifications.outage_notices import outage_notice

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

# What was told, and the margin and quiet time (``estimates_told``), are read from here too.
__all__ = [
    "ETR_MOVE",
    "ETR_MOVE_AT_ONCE",
    "ETR_QUIET",
    "Told",
    "back_as_told",
    "household_told",
    "households_told",
    "model_estimates",
    "notify_etr_moved",
    "told_restorations",
]


def notify_etr_moved(
    outage: Outage,
    before: dt.datetime | None,
    *,
    now: dt.datetime | None = None,
    held: bool = False,
) -> bool:
    """The expected restoration moved by half an hour or more (or was first given): staff's
    time, or without one the model's estimate, revised when the crew arrives and when the cause
    is found. At most one text in ``ETR_QUIET`` unless it moved by ``ETR_MOVE_AT_ONCE``,
    counted for each household from the last text it got (its own households from this
    outage's, those told of a wider outage only from the wider one's: ``_their_quiet``). The
    households told are those its first text told, or never told of any outage keeping them
    dark, and still dark from it (``told.left_out_of_estimates``); those told of a wider outage
    only, once its time is later than theirs, are texted that it is still off (``inner_later``);
    so are those an outage within it keeps dark until later than its new time, texted a
    different time by it (fix54d). Its own households and liaisons texted since by another
    text (a wider one's, or its own "still open" one) are each measured from that text, the
    margin and the quiet time alike (``own_quiet``, review58, H1); ``held``: from
    ``estimate_held.etr_held_scan``, its revision goes to those it held back. True when a text
    was raised."""
    from powerdesk.notifications.inner_later import (
        liaisons_alone,
        liaisons_told_of,
        told_later_than_wider,
    )
    from powerdesk.notifications.nested_times import earlier_wider
    from powerdesk.notifications.own_quiet import held_until
    from powerdesk.notifications.restoration import restoration_of
    from powerdesk.notifications.told import estimates_left_out

    if outage.status != outage.Status.ACTIVE or _not_told_yet(outage):
        return False
    now = now or timezone.now()
    now_told = restoration_of(outage, now=now)
    if now_told is None:
        return False
    after = now_told.at
    told_at, last_text_at, count = last_told(outage, before)
    moved = abs(after - told_at) if told_at is not None else None
    # Where its first text went, and to those under it never told of any outage keeping them
    # dark; not to those told of another one instead, nor to those with power back at a step.
    left = estimates_left_out(outage)
    skip = left.customers
    # Those told of a wider outage only hear its time once it is later than theirs by
    # ``ETR_MOVE`` or more (``inner_later``, fix53e): then even a smaller move of its own.
    own = moved is None or moved >= ETR_MOVE
    # And, its own move too small to be texted, those told of it whose last text since was a
    # wider one's revision: measured from the time each holds, not from its own last time
    # (fix58d: told 15:00, then the pole's 14:40, they heard nothing of its 15:25).
    among = left.wider_only if own else left.wider_only | left.told
    later = earlier_wider(outage, after, among)
    # Where the station texts liaisons and not households, its liaisons hear it alone (fix58a).
    alone = None if own else liaisons_alone(outage, after, now=now)
    # Sent already to some, held for others by the text each got since (``own_quiet``): the
    # last revision texted is this time. Not when none was, only those holding another text's
    # time being held: then they are told as without a hold (fix61a's leftover: held, its
    # liaisons were sent the revision's text where not held they get its "still open" one, and
    # so was a liaison keeping the wider one's time, whom nothing is sent without a hold).
    again = held and not own and _same_minute(told_at, after)
    # Its liaisons told of it are measured from the time each holds, as its households are
    # (sent again, its revision goes to those held: ``own_quiet``).
    told = None if own or again else liaisons_told_of(outage, after, now=now)
    if (
        not own
        and not again
        and not later[0]
        and not any(a and (a.leaders or a.due) for a in (alone, told))
    ):
        return False
    # At most one text in ``ETR_QUIET``, counted from the last text each household got: its
    # own households' from this outage's last text, those told of a wider one only from theirs
    # (the wider one's), review53, 2; unless it moved what they hold by ``ETR_MOVE_AT_ONCE``.
    quiet_until = last_text_at + ETR_QUIET if last_text_at is not None else None
    own_held = (
        own
        and quiet_until is not None
        and now < quiet_until
        and moved is not None
        and moved < ETR_MOVE_AT_ONCE
    )
    now_later, later_due = _their_quiet(outage, later[0], later[1], after, now)
    # Its liaisons hear its own revision when there is one (now or when held back).
    raised = told_later_than_wider(
        outage, after, now_later, later[1], liaisons=not own, alone=alone, own_liaisons=told
    )
    own_due = None
    if (own and not own_held) or again:
        sent, own_due = _own_revision(outage, after, count + 1, skip, now=now, again=again)
        raised |= sent
    # Each its own due time: its households and liaisons, those holding another text's time
    # (a wider one's, or its own "still open" one: households, or liaisons alone where only
    # they are texted).
    above_dues = [
        d for d in (later_due, *(a.due for a in (alone, told) if a), own_due) if d is not None
    ]
    above_due = min(above_dues) if above_dues else None
    if own_held or above_due is not None:
        # Its own held to when they are really texted: those texted since by another text
        # later than its own quiet time (fix60b's leftover).
        own_until = (
            held_until(outage, after, skip, quiet_until) if own_held and quiet_until else None
        )
        etr_held(outage, after, own=own_until, above=above_due)
    return raised


def _same_minute(told_at: dt.datetime | None, at: dt.datetime) -> bool:
    """Whether ``told_at`` (a revision's time as its text's key keeps it) is ``at``."""
    return told_at is not None and told_at == at.astimezone(dt.UTC).replace(second=0, microsecond=0)


def _their_quiet(
    outage: Outage,
    customers: frozenset[int],
    wider: list[Outage],
    at: dt.datetime,
    now: dt.datetime,
) -> tuple[frozenset[int], dt.datetime | None]:
    """Of ``customers`` (holding a wider outage's time, ``wider``), those texted ``at`` now,
    and when the others are (None: none held): no second text within ``ETR_QUIET`` of the last
    one a household got (a wider one's, or ``outage``'s: ``households_told``), unless ``at``
    moved the time it holds by ``ETR_MOVE_AT_ONCE``."""
    if not customers:
        return customers, None
    held = households_told(customers, [outage.pk, *(o.pk for o in wider)])
    due = still_quiet(held, at, now)
    return customers - due.keys(), min(due.values(), default=None)


def _own_revision(
    outage: Outage,
    after: dt.datetime,
    n: int,
    skip: frozenset[int],
    *,
    now: dt.datetime,
    again: bool = False,
) -> tuple[bool, dt.datetime | None]:
    """The ``n``-th revision of ``outage``, to ``after``, texted to its households (but
    ``skip``) and liaisons, each by the text it last got (``own_quiet``; ``again``: to those
    it held back); whether raised, and when those held now are due."""
    from powerdesk.notifications.own_quiet import own_audience

    key = f"etr_moved:{outage.pk}:{after.astimezone(dt.UTC):%Y%m%d%H%M}:{n}"
    # Not to those inside a wider outage ending later, nor within one ending later, nor texted
    # this time already, nor, for now, to those texted since by another text (``own_quiet``).
    own = own_audience(outage, after, skip, now=now, again=again)
    skip, spare, spare_inner, left = own.skip, own.spare, own.spare_inner, own.left
    notice = outage_notice(
        outage,
        Event.ETR_MOVED,
        key,
        "etr_moved",
        skip=skip | left.customers,
        spare=spare | spare_inner,
        keep=left.keeps(again),
    )
    if notice is None:
        return False, left.due
    if again:
        return True, left.due  # those spared were said when it was first sent
    above, within = spare - skip, spare_inner - spare - skip
    liaisons = liaisons_spared(outage, spare | spare_inner, [above, within])
    if above:
        spared_line(outage, after, sorted(above), own.wider, liaisons[0])
    if within:
        spared_line(outage, after, sorted(within), own.inner, liaisons[1], within=True)
        # Those of them holding its time (or an older one) other than the inner one's by
        # ``ETR_MOVE`` are texted the inner one's, once, under their quiet time (fix54d).
        for inside in own.inner:
            notify_etr_moved(inside, inside.expected_restore_at, now=now)
    return True, left.due


def _not_told_yet(outage: Outage) -> bool:
    """A fault outage whose first notice (``notify_outage_known``) is yet to be raised: being
    recorded with what goes with it (the cause found on patrol), its first text will carry the
    estimate as it stands then; a revision now would be a second text at the same moment."""
    from powerdesk.notifications.models import Notice

    return (
        outage.kind == outage.Kind.UNPLANNED
        and not Notice.objects.filter(
            station_id=outage.station_id, key=f"outage_known:{outage.pk}"
        ).exists()
    )
