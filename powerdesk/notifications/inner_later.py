"""A fault outage found within a wider one its households were texted first (a fuse blown below
the feeder's breaker): they hold the wider one's time, never texted of this one
(``told.left_out_of_estimates``). When this one's time is, or is revised to, one ``ETR_MOVE`` or
more later than theirs, it is the one keeping them dark longer: they are texted that its power
is still off with its time (a "still open" text of it: "左门（1号台区） is still off ... expected
back about 16:00"), once, with its revision (``estimate_texts.notify_etr_moved``, under its
quiet time). From then on they count as told of it (``told.told_of``): its revisions reach them,
the wider one's earlier than its do not (``nested_times.later_inner``), and the wider one being
restored texts them nothing more. The mirror of ``outage_known._later_time_told`` (a wider one
found over an inner one texted first); a time given at its first text is told there
(``outage_known.texted_later_than_wider``, walk47, 2).

Those the wider one texted a later time than this one's, when the wider one is revised to one
earlier than this one's (the revision spares them: ``nested_times.later_inner``), are texted this
one's time alike, if it differs by ``ETR_MOVE`` or more from the one they hold (their last text,
not the wider one's newest time: ``estimates_told.households_told``), fix54d. So are those told
of this one whose last text since was a wider one's revision, when this one's time is ``ETR_MOVE``
or more from that one, though this one moved less than ``ETR_MOVE`` (no revision of its own is
texted then): what each holds is its last text, whichever outage sent it (fix58d). So is a village
liaison whose place below the wider one lies wholly within this one (a group leader whose group
is all below the fuse): they were told the wider one's time only, and it is this one that keeps
the whole group dark; a liaison with households also outside it keeps the wider one's time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.notifications.models import Audience, Event, Notice

if TYPE_CHECKING:
    from powerdesk.notifications.services import Recipient
    from powerdesk.outages.models import Outage

LATER_TIME_TOLD = "later_time_told"  # the outage's history step (as ``outage_known``'s)


@dataclass(frozen=True)
class Alone:
    """Village liaisons to text an inner outage's time: where the station texts liaisons but
    not households (``liaisons_alone``), or its own liaisons holding another time
    (``liaisons_told_of``): those to text it now (``leaders``), the wider outages whose time
    they hold (``wider``), and when those still in their quiet time are (``due``)."""

    leaders: list[Recipient] = field(default_factory=list)
    wider: list[Outage] = field(default_factory=list)
    due: dt.datetime | None = None


def told_later_than_wider(
    outage: Outage,
    at: dt.datetime,
    customers: frozenset[int],
    wider: list[Outage],
    *,
    liaisons: bool = True,
    alone: Alone | None = None,
    own_liaisons: Alone | None = None,
) -> bool:
    """Text ``customers`` (households below ``outage`` told of the wider outages ``wider`` only,
    ending ``ETR_MOVE`` or more before ``at`` as they were texted: ``nested_times.earlier_wider``)
    that ``outage`` is still off and when it is expected back, with the village liaisons whose
    place lies wholly within it (``liaisons``: unless its own revision is texted to them);
    where the station texts no households, those liaisons alone (``alone``: ``liaisons_alone``,
    fix58a); and its own liaisons holding another time (``own_liaisons``:
    ``liaisons_told_of``). Its history names them. True when a text was raised."""
    from powerdesk.notifications.outage_known import still_open_texted

    if alone is not None:
        customers, leaders, wider = frozenset(), alone.leaders, alone.wider
    else:
        leaders = _liaisons_within(outage, at, customers, wider) if liaisons else []
    if own_liaisons is not None and own_liaisons.leaders:
        # Its own liaisons holding another time (fix58d's leftover): with the others, once.
        ids = {r.who["liaison_id"] for r in leaders}
        more = [r for r in own_liaisons.leaders if r.who["liaison_id"] not in ids]
        leaders, wider = [*leaders, *more], wider or own_liaisons.wider
    if not customers and not leaders:
        return False
    # Once a run: the time, and how many such texts of it went before, whoever is texted
    # (review58, L2: the key ended with the first household, or the first liaison when none was
    # texted). Nobody is texted a time twice: those texted hold it since (``earlier_wider``,
    # ``_liaisons_within``).
    prefix = f"inner_later:{outage.pk}:"
    runs = Notice.objects.filter(station_id=outage.station_id, key__startswith=prefix).count()
    # A revised time (the station's setting for revisions), sent as an "outage is off" notice
    # of the inner outage (so its setting too: review53, 3).
    told = still_open_texted(
        outage,
        customers,
        f"{prefix}{at.astimezone(dt.UTC):%Y%m%d%H%M}:n{runs + 1}",
        events=EVENTS,
        liaisons=leaders,
    )
    if told is None:
        return False  # told already, or nobody to tell
    households = sorted({r.who["customer_id"] for r in told if "customer_id" in r.who})
    _line(outage, at, households, wider, sorted(r.who["liaison_id"] for r in leaders))
    return True


EVENTS = (Event.ETR_MOVED, Event.OUTAGE_KNOWN)  # the settings a "still open" text here follows


def liaisons_alone(outage: Outage, at: dt.datetime, *, now: dt.datetime) -> Alone | None:
    """Where the station texts village liaisons of ``outage``'s time but not its households
    (None otherwise): the liaisons whose place lies wholly within it, below wider outages that
    all end ``ETR_MOVE`` or more before ``at`` and whose time they hold (``_liaisons_within``,
    of the households it keeps dark rather than of those texted: none is). A liaison's quiet
    time is its own, from the last text it got (as a household's: ``estimate_texts``), unless
    ``at`` moved the time it holds by ``ETR_MOVE_AT_ONCE``. fix58a: the group leader of a
    station texting liaisons only was never texted the inner outage's time."""
    from powerdesk.notifications.estimates_told import liaisons_told, still_quiet
    from powerdesk.notifications.nested_times import earlier_wider
    from powerdesk.notifications.outage_known import texts_to
    from powerdesk.notifications.told import dark_customers

    if texts_to(outage.station_id, Audience.HOUSEHOLDS, EVENTS) or not texts_to(
        outage.station_id, Audience.LIAISONS, EVENTS
    ):
        return None
    customers, wider = earlier_wider(outage, at, dark_customers(outage))
    if not customers:
        return Alone()
    leaders = _liaisons_within(outage, at, customers, wider)
    held = liaisons_told([r.who["liaison_id"] for r in leaders], [o.pk for o in wider])
    quiet = still_quiet(held, at, now)
    return Alone(
        [r for r in leaders if r.who["liaison_id"] not in quiet],
        wider,
        min(quiet.values(), default=None),
    )


def liaisons_told_of(outage: Outage, at: dt.datetime, *, now: dt.datetime) -> Alone:
    """The village liaisons told of ``outage`` (its own: of the villages below it) whose last
    text since, of it or of an outage above it (a wider one's revision:
    ``own_quiet.above_ids``), holds a time ``ETR_MOVE`` or more from ``at``, while every wider
    outage still off ends ``ETR_MOVE`` or more before ``at``: texted ``at`` as its households
    told of it are (fix58d; its own move under ``ETR_MOVE``, no revision of its own is texted),
    each under its own quiet time (``due``: when the first of those held is). Fix58d's leftover:
    they were never compared with the time they hold."""
    from powerdesk.notifications import audience
    from powerdesk.notifications.estimates_told import (
        ETR_MOVE,
        back_as_told,
        liaisons_told,
        still_quiet,
    )
    from powerdesk.notifications.nested_times import FAR, wider_of
    from powerdesk.notifications.outage_known import texts_to
    from powerdesk.notifications.own_quiet import above_ids

    if not texts_to(outage.station_id, Audience.LIAISONS, EVENTS):
        return Alone()
    wider = wider_of(outage)
    back = back_as_told(wider)
    if not wider or at - max(back.get(o.pk, FAR) for o in wider) < ETR_MOVE:
        return Alone()  # a wider one keeps them dark as long: its time is theirs
    # Those whose place below the wider ones lies wholly within it: one with households also
    # outside it holds the wider one's time for them too (as ``_liaisons_within``).
    outside = _outside(outage, wider)
    found = [
        r
        for r in audience.liaisons_of(outage.station, *audience.villages_below(outage.device))
        if r.who["liaison_id"] not in outside
    ]
    pks = [r.who["liaison_id"] for r in found]
    of_it = liaisons_told(pks, [outage.pk])
    held = liaisons_told(list(of_it), above_ids(outage))
    moved = {pk: t for pk, t in held.items() if abs(at - t.at) >= ETR_MOVE}
    quiet = still_quiet(moved, at, now)
    leaders = [
        r for r in found if r.who["liaison_id"] in moved and r.who["liaison_id"] not in quiet
    ]
    return Alone(
        audience.with_template(leaders, "still_open"), wider, min(quiet.values(), default=None)
    )


def _liaisons_within(
    outage: Outage, at: dt.datetime, customers: frozenset[int], wider: list[Outage]
) -> list[Recipient]:
    """The village liaisons of ``customers``' villages and groups whose households below the
    wider outages are all kept dark by ``outage``, never texted of it, and holding a wider one's
    time ``ETR_MOVE`` or more from ``at`` (the last one it texted them): fix54d's households'
    group leader, told the pole's time only while the fuse keeps the whole group dark."""
    from powerdesk.notifications import audience
    from powerdesk.notifications.estimates_told import ETR_MOVE, liaisons_told
    from powerdesk.notifications.outage_known import texts_to

    if not texts_to(outage.station_id, Audience.LIAISONS, EVENTS):
        return []
    found = audience.liaisons_of(outage.station, *audience.villages_of(customers))
    if not found:
        return []
    outside = _outside(outage, wider)
    found = [r for r in found if r.who["liaison_id"] not in outside]
    pks = [r.who["liaison_id"] for r in found]
    of_it = liaisons_told(pks, [outage.pk])
    held = liaisons_told(pks, [o.pk for o in wider])
    return audience.with_template(
        [
            r
            for r in found
            if r.who["liaison_id"] not in of_it
            and r.who["liaison_id"] in held
            and abs(at - held[r.who["liaison_id"]].at) >= ETR_MOVE
        ],
        "still_open",
    )


def _outside(outage: Outage, wider: list[Outage]) -> set[int]:
    """The village liaisons with households below ``wider`` that ``outage`` does not keep
    dark."""
    from powerdesk.notifications import audience
    from powerdesk.notifications.told import dark_customers

    dark = frozenset(dark_customers(outage))
    return {
        r.who["liaison_id"]
        for w in wider
        for r in audience.liaisons_of(
            outage.station, *audience.villages_below(w.device, leaving=dark)
        )
    }


def _line(
    outage: Outage,
    at: dt.datetime,
    customers: list[int],
    wider: list[Outage],
    liaisons: list[int],
) -> None:
    from powerdesk.notifications.estimates_told import households_told
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_part, note_said

    # Told a later time than this one's by a wider outage revised since to an earlier one
    # (``nested_times.later_inner`` spared them: fix54d), or an earlier one (fix53e).
    if not customers:  # a station texting liaisons and not households (fix58a)
        said = note_said(
            "liaisons_time_told_above",
            k=len(liaisons),
            at=f"{timezone.localtime(at):%H:%M}",
            devices=note_part("items", items=[o.device.name or o.device.code for o in wider]),
            outages=[o.pk for o in wider],
            liaisons=liaisons,
        )
        outage_history_add(outage, None, LATER_TIME_TOLD, said=said)
        return
    held = households_told(customers, [o.pk for o in wider]).values()
    said = note_said(
        "inner_time_told_above" if any(t.at > at for t in held) else "later_time_told_above",
        n=len(customers),
        at=f"{timezone.localtime(at):%H:%M}",
        devices=note_part("items", items=[o.device.name or o.device.code for o in wider]),
        outages=[o.pk for o in wider],
        customers=customers,
        liaisons=liaisons,
    )
    outage_history_add(outage, None, LATER_TIME_TOLD, said=said)
