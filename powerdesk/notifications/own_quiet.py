"""Who of a fault outage's own households and village liaisons its revision leaves out for now,
each by the text it last got (review58, H1). A household told of the fuse may have been texted
since by a wider outage (the pole's revision) or by the fuse itself as one holding the pole's time
(``inner_later``, fix58d; a liaisons-only station's group leader alike, fix58a): what it holds is
that text, and its quiet time runs from it, not from the fuse's last revision. So a revision is
not texted to one holding a time within ``ETR_MOVE`` of it, and is held for one texted less than
``ETR_QUIET`` ago (unless it moved what that one holds by ``ETR_MOVE_AT_ONCE``) until its quiet
time is over (``due``): then ``estimate_held.etr_held_scan`` sends it to those still owed it
(``again``). A fixed number of queries however many households."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from powerdesk.notifications.estimates_told import (
    ETR_MOVE,
    Told,
    households_told,
    liaisons_told,
    still_quiet,
)
from powerdesk.notifications.models import Audience, Event

if TYPE_CHECKING:
    from powerdesk.notifications.services import Recipient
    from powerdesk.outages.models import Outage


@dataclass(frozen=True)
class LeftFor:
    """The households (``customers``) and liaisons (``liaisons``) a revision leaves out now,
    the first quiet time of those held among them (``due``; None: none held), and whether it
    is texted to some household or liaison now (``sent``)."""

    customers: frozenset[int] = frozenset()
    liaisons: frozenset[int] = frozenset()
    due: dt.datetime | None = None
    sent: bool = False

    def keeps(self, again: bool) -> Callable[[Recipient], bool]:
        """Whether a recipient of the revision is texted now: not a liaison left out; and when
        it is sent again to those held (``again``), households and liaisons only (staff were
        told of it when it was first sent)."""

        def keep(r: Recipient) -> bool:
            if r.who.get("liaison_id") in self.liaisons:
                return False
            return not again or "customer_id" in r.who or "liaison_id" in r.who

        return keep


@dataclass(frozen=True)
class OwnAudience:
    """Who a revision of an outage's own to a time is not texted (``own_audience``): ``skip``,
    never (not told of it, or texted this very time already); ``spare``, as a wider outage
    (``wider``) keeps them dark until later; ``spare_inner``, as an outage within it (``inner``)
    does; ``left``, for now (``left_for_now``)."""

    skip: frozenset[int]
    spare: frozenset[int]
    wider: list[Outage]
    spare_inner: frozenset[int]
    inner: list[Outage]
    left: LeftFor


def own_audience(
    outage: Outage, after: dt.datetime, skip: frozenset[int], *, now: dt.datetime, again: bool
) -> OwnAudience:
    """Of ``outage``'s households (but ``skip``) and liaisons, who its revision to ``after``
    leaves out, and why (``OwnAudience``)."""
    from powerdesk.notifications.nested_times import later_inner, later_wider

    # Nor to those inside a wider outage ending later: never an earlier time than its; nor to
    # their village's liaisons, unless other households of the village are told (fix43b's
    # leftover: the liaisons were told the inner outage's earlier time).
    spare, wider = later_wider(outage, after)
    # Nor to those an outage within it keeps dark until later than the new time, texted its
    # later time (review46, 2): the wider one's earlier time is not when their power is back.
    spare_inner, inner = later_inner(outage, after)
    # Nor to those texted this very time already, as told of a wider one only (``inner_later``:
    # their quiet time was over before its own households' was).
    skip = skip | told_this_time(outage, after)
    # Nor, for now, to those texted since by another text (review58, H1).
    left = left_for_now(outage, after, skip | spare | spare_inner, now=now, again=again)
    return OwnAudience(skip, spare, wider, spare_inner, inner, left)


def held_until(
    outage: Outage, after: dt.datetime, skip: frozenset[int], quiet_until: dt.datetime
) -> dt.datetime:
    """When a revision of ``outage``'s own to ``after``, held by its own quiet time until
    ``quiet_until``, really reaches its households and liaisons (but ``skip``): then, if it is
    texted to some of them then; else when the first of those texted since by another text
    (their own quiet time) is. The held line says it (fix60b: it said ``quiet_until``, and a
    second line the later time when the scan held them again)."""
    left = own_audience(outage, after, skip, now=quiet_until, again=False).left
    if left.sent or left.due is None:
        return quiet_until
    return max(quiet_until, left.due)


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
    from powerdesk.notifications.services import audiences
    from powerdesk.outages.joined import customers_below

    ids = above_ids(outage)
    houses: set[int] = set()
    due: dt.datetime | None = None
    sent = False
    if Audience.HOUSEHOLDS in audiences(outage.station_id, Event.ETR_MOVED):
        customers = set(customers_below(outage.device).values_list("pk", flat=True)) - leaving
        held = households_told(customers, ids)
        houses, due = _left(held, customers, after, now, again)
        sent = bool(held.keys() - houses)
    liaisons: set[int] = set()
    if Audience.LIAISONS in audiences(outage.station_id, Event.ETR_MOVED):
        pks = [
            r.who["liaison_id"]
            for r in audience.liaisons_of(outage.station, *audience.villages_below(outage.device))
        ]
        held = liaisons_told(pks, ids)
        liaisons, due_liaisons = _left(held, pks, after, now, again)
        due = min((d for d in (due, due_liaisons) if d is not None), default=None)
        sent = sent or bool(held.keys() - liaisons)
    return LeftFor(frozenset(houses), frozenset(liaisons), due, sent)


def above_ids(outage: Outage) -> list[int]:
    """``outage`` and the fault outages above it whose texts its households and liaisons may
    hold: those still off (``nested_times.wider_of``), and those restored since it began (a
    wider one's "still open" text of its later time, ``outage_known._later_time_told``, is what
    they hold after it is restored: their power was not back)."""
    from powerdesk.network.selectors import devices_above
    from powerdesk.notifications.nested_times import wider_of
    from powerdesk.outages.models import Outage as OutageModel

    restored = list(
        OutageModel.objects.filter(
            station_id=outage.station_id,
            device__feeder_id=outage.device.feeder_id,
            kind=OutageModel.Kind.UNPLANNED,
            status=OutageModel.Status.RESTORED,
            restored_at__gte=outage.starts_at,
        )
        .exclude(device_id=outage.device_id)
        .select_related("device")
    )
    above = set(
        devices_above([outage.device_id], (o.device for o in restored)).get(outage.device_id, [])
    )
    return [
        outage.pk,
        *(o.pk for o in wider_of(outage)),
        *(o.pk for o in restored if o.device_id in above),
    ]


def _left(
    held: dict[int, Told],
    who: Collection[int],
    after: dt.datetime,
    now: dt.datetime,
    again: bool,
) -> tuple[set[int], dt.datetime | None]:
    """Of ``who`` (each holding ``held``), those left out, and the first quiet time of those
    held (``estimates_told.still_quiet``)."""
    quiet = still_quiet(held, after, now)
    left: set[int] = set()
    due: dt.datetime | None = None
    for pk in who:
        told = held.get(pk)
        if told is None:
            if again:
                left.add(pk)
            continue
        if abs(after - told.at) < ETR_MOVE:
            left.add(pk)  # holding it already, or near enough
        elif pk in quiet:
            left.add(pk)
            due = quiet[pk] if due is None else min(due, quiet[pk])
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
