"""Times told to households under two fault outages one inside another: never an earlier time
than the one that keeps them dark longer.

A revision of an inner outage earlier than a wider one's still keeping its households dark is
not texted to them (``later_wider``); a revision of a wider outage earlier than an inner one's
still keeping some of its households dark is not texted to those (``later_inner``, review46, 2:
they were texted the inner one's later time, ``under_earlier_wider``). Their villages' liaisons
are spared alike (``outage_notices.outage_recipients``' ``spare``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from powerdesk.notifications.told import _open_faults, _transformers

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

FAR = dt.datetime.max.replace(tzinfo=dt.UTC)  # a time not yet known: the latest


def _wider_of(outage: Outage) -> list[Outage]:
    """The open fault outages on a device above ``outage``'s."""
    from powerdesk.outages.predicted import devices_above

    above_ids = devices_above(outage.device) - {outage.device_id}
    return list(_open_faults(outage.station_id).filter(device_id__in=above_ids))


def _customers_in(areas: set[int]) -> frozenset[int]:
    from powerdesk.customers.models import Customer

    return frozenset(
        Customer.objects.filter(transformer_id__in=list(areas)).values_list("pk", flat=True)
    )


def under_later_wider(outage: Outage, at: dt.datetime) -> frozenset[int]:
    """``later_wider``'s households."""
    return later_wider(outage, at)[0]


def later_wider(outage: Outage, at: dt.datetime) -> tuple[frozenset[int], list[Outage]]:
    """The households below ``outage`` still dark from a wider fault outage above it whose
    restoration (as its households were texted, else as its texts would say it now:
    ``back_as_told``; not yet known is the latest) is later than ``at``: a revision of
    ``outage`` to ``at`` would tell them an earlier time than the wider one's, while their power
    is back only when it is restored too (fix42b: told its later time, then the inner one's
    earlier one again); and those wider outages."""
    from powerdesk.notifications.estimate_texts import back_as_told
    from powerdesk.outages.restoration import dark_device_ids_of

    wider = _wider_of(outage)
    if not wider:
        return frozenset(), []
    back = back_as_told(wider)
    later = [o for o in wider if back.get(o.pk, FAR) > at]
    if not later:
        return frozenset(), []
    dark = dark_device_ids_of([outage, *later])
    areas = dark[outage.pk] & set().union(*(dark[o.pk] for o in later))
    return _customers_in(areas), later


def later_inner(outage: Outage, at: dt.datetime) -> tuple[frozenset[int], list[Outage]]:
    """The households below ``outage`` still dark from an open fault outage below it whose
    restoration, as its households were texted (else as its texts would say it now:
    ``back_as_told``), is ``ETR_MOVE`` or more later than ``at``; and those inner outages. A
    revision of ``outage`` to ``at`` would tell them an earlier time than the inner one's (its
    first text told them its later time: ``under_earlier_wider``), while their power is back
    only when it is restored too (review46, 2). An inner outage with no time yet spares nobody:
    its households hold the wider one's time."""
    from powerdesk.network.selectors import subtree_ids
    from powerdesk.notifications.estimate_texts import ETR_MOVE, back_as_told
    from powerdesk.outages.restoration import dark_device_ids_of

    below_ids = set(subtree_ids(outage.device)) - {outage.device_id}
    inner = list(_open_faults(outage.station_id).filter(device_id__in=below_ids))
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
    latest). ``outage`` keeps them dark until later than they were told: its first text tells
    them its time (walk47, 2), as a revision would."""
    from powerdesk.notifications.estimate_texts import ETR_MOVE, back_as_told
    from powerdesk.outages.restoration import dark_device_ids_of

    if not among:
        return frozenset()
    wider = _wider_of(outage)
    if not wider:
        return frozenset()
    back = back_as_told(wider)
    dark = dark_device_ids_of(wider)
    found = set()
    for customer, area in _transformers(among).items():
        ends = [back.get(o.pk, FAR) for o in wider if area in dark[o.pk]]
        if ends and at - max(ends) >= ETR_MOVE:
            found.add(customer)
    return frozenset(found)
