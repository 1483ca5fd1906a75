"""Times told to households under two fault outages one inside another: never an earlier time
than the one that keeps them dark longer.

A revision of an inner outage earlier than a wider one's still keeping its households dark is
not texted to them (``later_wider``); a revision of a wider outage earlier than an inner one's
still keeping some of its households dark is not texted to those (``later_inner``, review46, 2:
they were texted the inner one's later time, at its first text: ``under_earlier_wider``, or at
its revision: ``inner_later``, fix53e). Their villages' liaisons
are spared alike (``outage_notices.outage_recipients``' ``spare``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from powerdesk.notifications.told import open_faults, transformer_areas

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

FAR = dt.datetime.max.replace(tzinfo=dt.UTC)  # a time not yet known: the latest


def wider_of(outage: Outage) -> list[Outage]:
    """The open fault outages on a device above ``outage``'s."""
    return _wider_faults([outage]).get(outage.pk, [])


def _wider_faults(outages: Iterable[Outage]) -> dict[int, list[Outage]]:
    """For each of ``outages`` (by its pk), the open fault outages of its station on a device
    above its own. Two queries however many outages (the open faults of their feeders, and the
    parent links walked up in memory: ``network.selectors.devices_above``)."""
    from powerdesk.network.selectors import devices_above
    from powerdesk.outages.models import Outage as OutageModel

    outages = list(outages)
    if not outages:
        return {}
    faults = list(
        OutageModel.objects.filter(
            station_id__in={o.station_id for o in outages},
            device__feeder_id__in={o.device.feeder_id for o in outages},
            kind=OutageModel.Kind.UNPLANNED,
            status=OutageModel.Status.ACTIVE,
        ).select_related("device")
    )
    if not faults:
        return {o.pk: [] for o in outages}
    on_device: dict[int, list[Outage]] = {}
    for f in faults:
        on_device.setdefault(f.device_id, []).append(f)
    above = devices_above((o.device_id for o in outages), (f.device for f in faults))
    return {
        o.pk: [
            f
            for device in above.get(o.device_id, [])
            if device != o.device_id
            for f in on_device[device]
            if f.station_id == o.station_id
        ]
        for o in outages
    }


def _customers_in(areas: set[int]) -> frozenset[int]:
    from powerdesk.customers.models import Customer

    return frozenset(
        Customer.objects.filter(transformer_id__in=list(areas)).values_list("pk", flat=True)
    )


def under_later_wider(outage: Outage, at: dt.datetime) -> frozenset[int]:
    """``later_wider``'s households."""
    return later_wider(outage, at)[0]


def later_wider(outage: Outage, at: dt.datetime) -> tuple[frozenset[int], list[Outage]]:
    """``later_wider_of`` for one outage revised to ``at``: the households it spares and the
    wider outages keeping them dark until later."""
    found = later_wider_of([(outage, at)], households=True).get(outage.pk)
    return (found.customers, list(found.outages)) if found else (frozenset(), [])


@dataclass(frozen=True)
class LaterWider:
    """The wider fault outages above an outage still off whose restoration is later than its
    time (``outages``); the latest of them (``by``: one with no time yet is the latest, then the
    first recorded) and its time (``at``: as its households were texted, ``back_as_told``; None
    while it has none); and, when asked for, the households below the outage they keep dark
    (``customers``)."""

    outages: tuple[Outage, ...]
    by: Outage
    at: dt.datetime | None
    customers: frozenset[int] = frozenset()


def later_wider_of(
    items: Iterable[tuple[Outage, dt.datetime]], *, households: bool = False
) -> dict[int, LaterWider]:
    """For each ``(outage, at)`` (by the outage's pk), the wider fault outages above it still
    off, and still keeping some of its place dark, whose restoration (as its households were
    texted, else as its texts would say it now: ``back_as_told``; not yet known is the latest)
    is later than ``at``: a revision of ``outage`` to ``at`` would tell the households they keep
    dark an earlier time than theirs, while their power is back only when they are restored too
    (fix42b: told its later time, then the inner one's earlier one again). The liaison's page,
    a repeat caller and the public list say the latest one's time (``LaterWider.by``). Left
    out: none later, or none still keeping its place dark (a partial restore of the wider one
    gave it power back: the outage alone holds it, at its own time, review50, 4). A fixed
    number of queries however many outages (review46, 9); ``households``: with the households
    (one more)."""
    from powerdesk.notifications.estimates_told import back_as_told
    from powerdesk.outages.restoration import dark_device_ids_of

    items = list(items)
    wider = _wider_faults(o for o, _at in items)
    candidates = {f.pk: f for found in wider.values() for f in found}
    if not candidates:
        return {}
    back = back_as_told(candidates.values())
    later = {o.pk: [w for w in wider.get(o.pk, []) if back.get(w.pk, FAR) > at] for o, at in items}
    asked = {o.pk: o for o, _at in items if later[o.pk]}
    if not asked:
        return {}
    # Only those still keeping some of its place dark: a partial restore of a wider outage
    # that gave power back above it leaves it alone holding its place (review50, 4).
    dark = dark_device_ids_of({**asked, **{w.pk: w for pk in asked for w in later[pk]}}.values())
    found: dict[int, LaterWider] = {}
    for pk in asked:
        holding = [w for w in later[pk] if dark[pk] & dark[w.pk]]
        if holding:
            by = max(holding, key=lambda w: (back.get(w.pk) or FAR, -w.pk))
            found[pk] = LaterWider(tuple(holding), by, back.get(by.pk))
    if households and found:
        return _with_households(found, dark)
    return found


def _with_households(
    found: dict[int, LaterWider], dark: dict[int, set[int]]
) -> dict[int, LaterWider]:
    """``found`` with the households below each outage its later wider ones keep dark
    (``dark``: what each outage keeps dark, ``dark_device_ids_of``)."""
    from powerdesk.customers.models import Customer

    areas = {
        pk: dark[pk] & set().union(*(dark[w.pk] for w in f.outages)) for pk, f in found.items()
    }
    wanted = set().union(*areas.values())
    by_area: dict[int, set[int]] = {}
    for customer, area in Customer.objects.filter(transformer_id__in=list(wanted)).values_list(
        "pk", "transformer_id"
    ):
        by_area.setdefault(area, set()).add(customer)
    return {
        pk: replace(f, customers=frozenset(c for a in areas[pk] for c in by_area.get(a, ())))
        for pk, f in found.items()
    }


def later_inner(outage: Outage, at: dt.datetime) -> tuple[frozenset[int], list[Outage]]:
    """The households below ``outage`` still dark from an open fault outage below it whose
    restoration, as its households were texted (else as its texts would say it now:
    ``back_as_told``), is ``ETR_MOVE`` or more later than ``at``; and those inner outages. A
    revision of ``outage`` to ``at`` would tell them an earlier time than the inner one's (its
    first text told them its later time: ``under_earlier_wider``), while their power is back
    only when it is restored too (review46, 2). An inner outage with no time yet spares nobody:
    its households hold the wider one's time."""
    from powerdesk.network.selectors import subtree_ids
    from powerdesk.notifications.estimates_told import ETR_MOVE, back_as_told
    from powerdesk.outages.restoration import dark_device_ids_of

    below_ids = set(subtree_ids(outage.device)) - {outage.device_id}
    inner = list(open_faults(outage.station_id).filter(device_id__in=below_ids))
    if not inner:
        return frozenset(), []
    back = back_as_told(inner)
    later = [o for o in inner if o.pk in back and back[o.pk] - at >= ETR_MOVE]
    if not later:
        return frozenset(), []
    dark = dark_device_ids_of([outage, *later])
    areas = dark[outage.pk] & set().union(*(dark[o.pk] for o in later))
    if not areas:
        return frozenset(), []
    return _customers_in(areas), [o for o in later if dark[o.pk] & areas]


def under_earlier_wider(outage: Outage, at: dt.datetime, among: Collection[int]) -> frozenset[int]:
    """Of ``among`` (households below ``outage`` texted of a wider fault outage above it), those
    whose power is back by ``ETR_MOVE`` or more before ``at`` as their texts said: every open
    wider outage still keeping them dark ends that early (``back_as_told``; not yet known is the
    latest), and ``at`` differs by ``ETR_MOVE`` or more from the time each was last texted of
    them (``households_told``: a revision of a wider one that spared it, ``later_inner``, left
    it an older time, fix54d). ``outage`` keeps them dark until later than they were told: its
    first text tells them its time (walk47, 2), as a revision would (``inner_later``, fix53e),
    or one of a wider one earlier than its (fix54d)."""
    return earlier_wider(outage, at, among)[0]


def earlier_wider(
    outage: Outage, at: dt.datetime, among: Collection[int]
) -> tuple[frozenset[int], list[Outage]]:
    """``under_earlier_wider``'s households, and the wider outages keeping them dark."""
    from powerdesk.notifications.estimates_told import ETR_MOVE, back_as_told, households_told
    from powerdesk.outages.restoration import dark_device_ids_of

    if not among:
        return frozenset(), []
    wider = wider_of(outage)
    if not wider:
        return frozenset(), []
    back = back_as_told(wider)
    dark = dark_device_ids_of(wider)
    # The time each holds: its last text of them, not a revision of theirs that skipped it
    # (``later_inner``: its time may be later than theirs' newest, fix54d); of those told of
    # ``outage`` too, its text or a wider one's since, whichever came last (fix58d).
    held = households_told(among, [outage.pk, *(o.pk for o in wider)])
    found = set()
    keeping: set[int] = set()
    for customer, area in transformer_areas(among).items():
        holding = [o for o in wider if area in dark[o.pk]]
        ends = [back.get(o.pk, FAR) for o in holding]
        if not ends or at - max(ends) < ETR_MOVE:
            continue  # a wider one keeps it dark as long: it holds that one's time
        told = held.get(customer)
        if abs(at - (told.at if told is not None else max(ends))) >= ETR_MOVE:
            found.add(customer)
            keeping |= {o.pk for o in holding}
    return frozenset(found), [o for o in wider if o.pk in keeping]
