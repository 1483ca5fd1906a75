"""A fault outage on record: everyone under it is told, once (``told``).

When households are told of an unplanned outage: as soon as there is an outage record — staff
confirmed the engine's prediction on the board, or declared it by hand. A prediction alone,
however confident, texts nobody: a wrong one would reach hundreds of households, and the board
puts every prediction before the staff within seconds of the engine making it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from powerdesk.notifications.models import Audience, Event
from powerdesk.notifications.outage_notices import outage_notice
from powerdesk.notifications.told import AlreadyTold, outage_already_told

if TYPE_CHECKING:
    from powerdesk.notifications.services import Recipient
    from powerdesk.outages.models import Outage

__all__ = [
    "ALREADY_TOLD",
    "notify_outage_known",
    "spared_under_later_wider",
    "still_open_texted",
    "texted_later_than_wider",
    "texts_to",
    "wider_may_hold",
]

ALREADY_TOLD = "already_told"  # the outage's history line of the households not texted again


def notify_outage_known(outage: Outage) -> None:
    """A fault outage is on record with the power off: everyone under it is told, but for the
    households already texted of an open outage below it or above it that still keeps them dark
    (``told.outage_already_told``), whom its history names instead; those told of a wider
    one above ending earlier than this one are texted its later time all the same
    (``texted_later_than_wider``). Every way an outage is recorded (the board's confirm, by
    hand, "found here", intake) comes here."""
    if outage.kind != outage.Kind.UNPLANNED or outage.status != outage.Status.ACTIVE:
        return
    told = outage_already_told(outage.station_id, outage.device, outage_pk=outage.pk)
    told = told_again(told, texted_later_than_wider(outage, told))
    notice = outage_notice(
        outage,
        Event.OUTAGE_KNOWN,
        f"outage_known:{outage.pk}",
        "outage_known",
        skip=told.customers,
        spare=spared_under_later_wider(outage, told),
    )
    if notice is None:
        return
    _already_told_lines(outage, told)
    _later_time_told(outage, told)


def spared_under_later_wider(
    outage: Outage, told: AlreadyTold, *, at: dt.datetime | None = None
) -> frozenset[int]:
    """The households below ``outage`` that a wider outage above it, texted to some of them,
    keeps dark until later than ``outage``'s time: its text would tell them and their village's
    liaisons an earlier time than the wider one's (fix45b's leftover; as ``estimate_texts``
    spares them at a revision). None when ``outage`` has no time to tell yet. Asked of an
    outage not yet recorded too, with the time its text would tell (``at``: the ask before
    recording, ``reach.outage_known_reach``)."""
    if not wider_may_hold(outage.station_id, told):
        return frozenset()
    from powerdesk.notifications.estimates_told import back_as_told
    from powerdesk.notifications.nested_times import under_later_wider

    at = at or back_as_told([outage]).get(outage.pk)
    if at is None:
        return frozenset()
    return under_later_wider(outage, at)


def wider_may_hold(station_id: int, told: AlreadyTold) -> bool:
    """Whether some below an outage may hold the time of a wider one above it: households
    texted of one (``told.above``) or, where the station texts village liaisons and not
    households that an outage is off, its liaisons, texted of every one (fix58a: spared alike,
    never told an earlier time than the wider one's)."""
    if told.above:
        return True
    events = (Event.OUTAGE_KNOWN,)
    return not texts_to(station_id, Audience.HOUSEHOLDS, events) and texts_to(
        station_id, Audience.LIAISONS, events
    )


def texted_later_than_wider(
    outage: Outage, told: AlreadyTold, *, at: dt.datetime | None = None
) -> frozenset[int]:
    """The households below ``outage`` texted of a wider outage above it that ends earlier
    (by ``ETR_MOVE`` or more) than ``outage``'s time: they hold the wider's earlier time while
    ``outage`` keeps them dark until later, so its first text goes to them (walk47, 2: the
    reverse of ``spared_under_later_wider``). None when ``outage`` has no time to tell yet;
    ``at`` as there (the ask before recording)."""
    if not told.above:
        return frozenset()
    from powerdesk.notifications.estimates_told import back_as_told
    from powerdesk.notifications.nested_times import under_earlier_wider

    at = at or back_as_told([outage]).get(outage.pk)
    if at is None:
        return frozenset()
    return under_earlier_wider(outage, at, told.above)


def told_again(told: AlreadyTold, again: frozenset[int]) -> AlreadyTold:
    """``told`` without the households ``again`` (texted of a wider outage above, to be texted
    this one's later time): only the others get no second text."""
    if not again:
        return told
    above = told.above - again
    return AlreadyTold(
        below=told.below,
        above=above,
        outages_below=told.outages_below,
        outages_above=told.outages_above if above else (),
    )


LATER_TIME_TOLD = "later_time_told"  # the outage's line of those texted its later time


def _later_time_told(outage: Outage, told: AlreadyTold) -> None:
    """The households not texted of ``outage`` as already texted of an open outage below it,
    whose power is back only when this wider one is restored too: when its time is later than
    the one they were texted by ``ETR_MOVE`` or more (as a revision is told), they are texted
    that it is still off with its time (as a "still open" text: its later revisions reach them
    too), once; its history says so (walk41, 3: they kept the earlier time)."""
    if not told.below:
        return
    from powerdesk.notifications.estimates_told import ETR_MOVE, told_restorations
    from powerdesk.notifications.told import told_of
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_part, note_said

    inner = list(told.outages_below)
    times = told_restorations([outage, *inner])
    wider = times.get(outage.pk)
    if wider is None:
        return
    texted = told_of(outage.station_id, (o.pk for o in inner))
    earlier: dict[int, set[Outage]] = {}
    last: dict[int, dt.datetime] = {}
    for o in inner:
        at = times[o.pk].at if o.pk in times else None
        for customer in texted.get(o.pk, set()) & told.below:
            if at is not None and (customer not in last or at > last[customer]):
                last[customer] = at
            earlier.setdefault(customer, set()).add(o)
    # Told no time, or one ``ETR_MOVE`` or more before this one's.
    later = {c for c in earlier if c not in last or wider.at - last[c] >= ETR_MOVE}
    recipients = still_open_texted(outage, later, f"later_time:{outage.pk}")
    if not recipients:
        return  # told already, or nobody to tell
    customers = sorted({r.who["customer_id"] for r in recipients})
    below = sorted({o for c in customers for o in earlier[c]}, key=lambda o: o.pk)
    said = note_said(
        LATER_TIME_TOLD,
        n=len(customers),
        devices=note_part("items", items=[o.device.name or o.device.code for o in below]),
        outages=[o.pk for o in below],
        customers=customers,
    )
    outage_history_add(outage, None, LATER_TIME_TOLD, said=said)


def still_open_texted(
    outage: Outage,
    customers: Collection[int],
    key: str,
    *,
    events: tuple[str, ...] = (Event.OUTAGE_KNOWN,),
    liaisons: Sequence[Recipient] = (),
) -> list[Recipient] | None:
    """Text ``customers`` (households below ``outage``, where the station texts households of
    each of ``events``), and the village liaisons ``liaisons`` (chosen by the caller where the
    station texts liaisons: ``texts_to``), that ``outage`` is still off with its time: a "still
    open" text of it, raised as an "outage is off" notice (``told.told_of`` counts them told of
    it from then on), once by ``key``. Each kind is texted by its own setting: a station that
    texts liaisons and not households still texts the liaisons (fix58a). Those texted when one
    is raised: a wider outage's later time to those an inner one told an earlier
    (``_later_time_told``), an inner one's to those told a wider one's only (``inner_later``)."""
    from powerdesk.notifications import audience
    from powerdesk.notifications.outage_notices import outage_facts
    from powerdesk.notifications.services import notice_raise

    if not texts_to(outage.station_id, Audience.HOUSEHOLDS, events):
        customers = ()
    if not customers and not liaisons:
        return None
    households = audience.households_below(outage.device, "still_open") if customers else []
    recipients = [
        *liaisons,
        *(r for r in households if r.who.get("customer_id") in customers),
    ]
    if not recipients:
        return None
    facts = outage_facts(outage)
    facts["inapp"] = {"kind": "outage"}
    notice = notice_raise(
        station=outage.station,
        event=Event.OUTAGE_KNOWN,
        key=key,
        recipients=recipients,
        facts=facts,
        subject=outage,
    )
    return None if notice is None else recipients


def texts_to(station_id: int, kind: str, events: Sequence[str]) -> bool:
    """Whether the station texts ``kind`` (an ``Audience``) of each of ``events``."""
    from powerdesk.notifications.services import audiences

    return all(kind in audiences(station_id, event) for event in events)


def _already_told_lines(outage: Outage, told: AlreadyTold) -> None:
    """The outage's history names the households not texted of it: those told of an open
    outage below it, and those told of one above it (a line each)."""
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_part, note_said

    for code, customers, outages in (
        ("already_told", told.below, told.outages_below),
        ("already_told_above", told.above, told.outages_above),
    ):
        if not customers:
            continue
        devices = [o.device.name or o.device.code for o in outages]
        said = note_said(
            code,
            n=len(customers),
            devices=note_part("items", items=devices),
            outages=[o.pk for o in outages],
            customers=sorted(customers),
        )
        outage_history_add(outage, None, ALREADY_TOLD, said=said)
