"""Who already knows their power is off: a household is texted of one open fault outage that
keeps it dark, not of every one.

Two fault outages open at once on one feeder may cover the same households: a branch outage
texted first and a wider one recorded above it (the feeder-level prediction confirmed over it),
or a wider one texted first and a smaller one recorded below it (a crew finds a fuse blown too).
When the second is recorded, the households already texted of the first, and still dark from
it, are not texted again (``outage_already_told``). When one of them is restored while the other
is still open, its households still dark are not told that power is back: it is not. Those
never texted of the outage still keeping them dark (the smaller one taken in by the wider one
they were told of) are texted that it is still open (``still_out``,
``power_back.notify_power_back``); the same when part of an outage's households get power back
at a step (``power_back.notify_part_back``). A planned outage in progress keeps its households
dark too, but they knew of it before it began: nobody is texted that it is still open.

The revisions of an outage's expected restoration follow its first text (``left_out_of_estimates``):
they go where it went, or a "still open" text of the outage since, and to the households under it
never told of any outage keeping them dark; not to those told of another one instead, nor to
those whose power came back at a step.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType

from powerdesk.notifications.models import Channel, Delivery, DeliveryState, Event

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage


@dataclass(frozen=True)
class AlreadyTold:
    """Households below a device already texted that their power is off by the notice of
    another fault outage still open and still keeping them dark: one below the device (that an
    outage on it takes in) or one above it (that takes it in), with those outages."""

    below: frozenset[int] = frozenset()
    above: frozenset[int] = frozenset()
    outages_below: tuple[Outage, ...] = ()
    outages_above: tuple[Outage, ...] = ()

    @property
    def customers(self) -> frozenset[int]:
        return self.below | self.above


def open_faults(station_id: int) -> QuerySet[Outage]:
    """The station's fault outages still off."""
    from powerdesk.outages.models import Outage

    return Outage.objects.filter(
        station_id=station_id, kind=Outage.Kind.UNPLANNED, status=Outage.Status.ACTIVE
    ).select_related("device")


def _in_progress(station_id: int) -> QuerySet[Outage]:
    """The outages with the power off now: fault outages, and planned ones under way."""
    from powerdesk.outages.models import Outage

    return Outage.objects.filter(station_id=station_id, status=Outage.Status.ACTIVE).select_related(
        "device"
    )


def told_of(station_id: int, outage_ids: Iterable[int]) -> dict[int, set[int]]:
    """The customers each outage's "power is off" notices texted (its first notice, and any
    "still open" one since): a delivery that failed for good, or was withdrawn, told nobody."""
    from powerdesk.outages.models import Outage

    ids = list(outage_ids)
    if not ids:
        return {}
    rows = (
        Delivery.objects.filter(
            notice__station_id=station_id,
            notice__event=Event.OUTAGE_KNOWN,
            notice__subject_type=ContentType.objects.get_for_model(Outage),
            notice__subject_id__in=ids,
            channel=Channel.SMS,
            customer_id__isnull=False,
        )
        .exclude(state__in=[DeliveryState.FAILED_PERMANENT, DeliveryState.WITHDRAWN])
        .values_list("notice__subject_id", "customer_id")
        .distinct()
    )
    found: dict[int, set[int]] = {}
    for outage_id, customer_id in rows:
        if outage_id is not None:
            found.setdefault(int(outage_id), set()).add(customer_id)
    return found


def transformer_areas(customer_ids: Iterable[int]) -> dict[int, int | None]:
    """Each of the households ``customer_ids``' transformer area (by its pk)."""
    from powerdesk.customers.models import Customer

    return dict(
        Customer.objects.filter(pk__in=set(customer_ids)).values_list("pk", "transformer_id")
    )


def outage_already_told(
    station_id: int, device: GridNode, *, outage_pk: int | None = None
) -> AlreadyTold:
    """The households below ``device`` that the notice of another fault outage still open
    texted, and that it still keeps dark: one below ``device`` (on it or further down the line:
    one a wider outage now takes in) or one above it (a wider one that takes in an outage on
    ``device``). Told within that outage's life, they are not texted again. ``outage_pk``: the
    outage being told, left out."""
    from powerdesk.network.selectors import subtree_ids
    from powerdesk.outages.predicted import devices_above
    from powerdesk.outages.restoration import dark_device_ids_of

    below_ids = set(subtree_ids(device))
    above_ids = devices_above(device) - {device.pk}
    outages = [
        o
        for o in open_faults(station_id).filter(device_id__in=below_ids | above_ids)
        if o.pk != outage_pk
    ]
    if not outages:
        return AlreadyTold()
    told = told_of(station_id, (o.pk for o in outages))
    if not told:
        return AlreadyTold()
    dark = dark_device_ids_of(outages)
    transformer = transformer_areas(c for found in told.values() for c in found)
    below: dict[int, set[int]] = {}
    above: dict[int, set[int]] = {}
    for o in outages:
        for customer in told.get(o.pk, ()):
            area = transformer.get(customer)
            if area is None or area not in dark[o.pk] or area not in below_ids:
                continue  # power back for it (a part restored), or not below ``device``
            (below if o.device_id in below_ids else above).setdefault(o.pk, set()).add(customer)
    told_below = frozenset(c for found in below.values() for c in found)
    told_above = frozenset(c for found in above.values() for c in found) - told_below
    return AlreadyTold(
        below=told_below,
        above=told_above,
        outages_below=tuple(o for o in outages if o.pk in below),
        outages_above=tuple(o for o in outages if above.get(o.pk, set()) - told_below),
    )


@dataclass(frozen=True)
class StillOut:
    """The households below a restored outage (or of those given power back at a step) still
    dark from another outage with the power off on its feeder — a fault outage, or a planned one
    in progress (``customers``); the outages keeping each dark, nearest first (``covering``); and
    of them those never texted of any outage keeping them dark, by the fault outage to tell them
    of (the nearest: the one with the fewest elements dark). The households under a planned
    outage in progress knew of it before it began: none is to be told it is still open."""

    customers: frozenset[int] = frozenset()
    outages: tuple[Outage, ...] = ()
    to_tell: dict[Outage, frozenset[int]] = field(default_factory=dict)
    covering: dict[int, tuple[Outage, ...]] = field(default_factory=dict)

    def only(self, customers: Collection[int]) -> StillOut:
        """The same reckoning for ``customers`` only (those still dark from the restored outage
        until now: the others were reckoned at the step that gave them power back)."""
        covering = {c: found for c, found in self.covering.items() if c in customers}
        to_tell = {o: frozenset(c & set(customers)) for o, c in self.to_tell.items()}
        return StillOut(
            customers=frozenset(covering),
            outages=tuple(o for o in self.outages if any(o in f for f in covering.values())),
            to_tell={o: c for o, c in to_tell.items() if c},
            covering=covering,
        )

    def nearest(self, customer_id: int | None) -> Outage | None:
        """The nearest outage keeping the household dark, if any."""
        found = self.covering.get(customer_id or 0)
        return found[0] if found else None


def still_out(outage: Outage, *, among: Iterable[int] | None = None) -> StillOut:
    """Who of the households below ``outage`` (restored now; ``among``: only those, given power
    back at a step) is still without power from another outage with the power off on its
    feeder: not told that power is back (it is not); those never texted of an outage keeping
    them dark are to be told the nearest fault outage is still open."""
    from powerdesk.network.selectors import subtree_ids
    from powerdesk.outages.joined import customers_below
    from powerdesk.outages.restoration import dark_device_ids_of

    others = [
        o
        for o in _in_progress(outage.station_id).filter(device__feeder_id=outage.device.feeder_id)
        if o.pk != outage.pk
    ]
    if not others:
        return StillOut()
    below_ids = set(subtree_ids(outage.device))
    dark = dark_device_ids_of(others)
    keeping = sorted((o for o in others if dark[o.pk] & below_ids), key=lambda o: len(dark[o.pk]))
    if not keeping:
        return StillOut()
    households = customers_below(outage.device)
    if among is not None:
        households = households.filter(pk__in=list(among))
    covering: dict[int, tuple[Outage, ...]] = {}
    for customer, area in households.values_list("pk", "transformer_id"):
        found = tuple(o for o in keeping if area in dark[o.pk])
        if found:
            covering[customer] = found
    faults = [o for o in keeping if o.kind == o.Kind.UNPLANNED]
    told = told_of(outage.station_id, (o.pk for o in faults))
    to_tell: dict[Outage, set[int]] = {}
    for customer, found in covering.items():
        if any(o.kind != o.Kind.UNPLANNED for o in found):
            continue  # under planned work it was told of before it began
        if not any(customer in told.get(o.pk, ()) for o in found):
            to_tell.setdefault(found[0], set()).add(customer)
    return StillOut(
        customers=frozenset(covering),
        outages=tuple(o for o in keeping if any(o in found for found in covering.values())),
        to_tell={o: frozenset(c) for o, c in to_tell.items()},
        covering=covering,
    )


def dark_customers(outage: Outage) -> set[int]:
    """The households still without power from ``outage``: below a device of it still open."""
    from powerdesk.customers.models import Customer
    from powerdesk.outages.restoration import dark_device_ids_of

    dark = dark_device_ids_of([outage])[outage.pk]
    return set(Customer.objects.filter(transformer_id__in=list(dark)).values_list("pk", flat=True))


def left_out_of_estimates(outage: Outage) -> frozenset[int]:
    """The households below a fault outage its estimate texts leave out: those whose power came
    back at a step, and those told of another open outage still keeping them dark instead
    (``outage_already_told``) that were never texted of this one. The others hear it: those its
    "power is off" text (or a "still open" one since) told, and those never told of any."""
    return estimates_left_out(outage).customers


@dataclass(frozen=True)
class LeftOut:
    """``left_out_of_estimates``' households (``customers``), and of them those told of a wider
    open outage above it still keeping them dark, never texted of this one (``wider_only``):
    they hold its time, and are texted this one's when it is later by ``ETR_MOVE`` or more
    (``inner_later``)."""

    customers: frozenset[int] = frozenset()
    wider_only: frozenset[int] = frozenset()
    # Those its "power is off" notices told, still dark from it (its revisions reach them).
    told: frozenset[int] = frozenset()


def estimates_left_out(outage: Outage) -> LeftOut:
    """``left_out_of_estimates``, with those told of a wider outage only (``LeftOut``)."""
    from powerdesk.outages.joined import customers_below

    below = set(customers_below(outage.device).values_list("pk", flat=True))
    back = below - dark_customers(outage)
    if outage.kind != outage.Kind.UNPLANNED:
        return LeftOut(frozenset(back))
    others = outage_already_told(outage.station_id, outage.device, outage_pk=outage.pk)
    told = told_of(outage.station_id, [outage.pk]).get(outage.pk, set())
    return LeftOut(
        frozenset(back | (others.customers - told)),
        frozenset(others.above - told - back),
        frozenset((told & below) - back),
    )
