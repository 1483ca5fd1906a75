"""Who is below each device of a station's grid, area by area (the station, each feeder, each
village): the weights every reliability figure multiplies an outage by. Households, or DL/T 836's
medium-voltage users (one per transformer area).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.reliability.weights_kept import kept_weights

__all__ = [
    "AreaKey",
    "Basis",
    "GridWeights",
    "grid_weights",
    "grid_weights_on",
    "last_day",
    "served_by",
]

type AreaKey = tuple[str, int]  # ("station" | "feeder" | "village", pk)


class Basis(enum.StrEnum):
    HOUSEHOLDS = "households"
    MV_USERS = "mv_users"  # DL/T 836 中压用户: each transformer area counts one


@dataclass
class GridWeights:
    """For each device, the customers below it in each area; and each area's customers."""

    below: dict[Basis, dict[int, dict[AreaKey, int]]]
    served: dict[Basis, dict[AreaKey, int]]


def served_by(day: dt.date | None) -> Q:
    """The customers served on ``day`` (None: today, every customer on record): those connected
    by it, and those recorded before the station kept the date (``Customer.connected_on``)."""
    if day is None:
        return Q()
    return Q(connected_on__isnull=True) | Q(connected_on__lte=day)


def last_day(until: dt.datetime) -> dt.date:
    """The last day of a period that ends at ``until`` (the day before a midnight)."""
    return (timezone.localtime(until) - dt.timedelta(microseconds=1)).date()


def grid_weights(
    station: Station, *, village_id: int | None = None, on: dt.date | None = None
) -> GridWeights:
    """Who is below each device (one query for the grid's links, one for its transformers, one
    for the customers).

    With ``village_id``, only that village's areas (and the station's totals) are filled in.
    With ``on``, only the customers served that day (``served_by``): a past period's figures
    are divided by the customers of that period, not by those imported since.
    """
    return grid_weights_on(station, [on], village_id=village_id)[0]


def grid_weights_on(
    station: Station, days: Sequence[dt.date | None], *, village_id: int | None = None
) -> list[GridWeights]:
    """``grid_weights`` on each of ``days``, from the same three queries; kept per process while
    the grid and the customers stay as they were (``weights_kept``). What it gives is shared:
    read it, never change it."""
    return kept_weights(
        station.pk,
        (tuple(days), village_id),
        lambda: _weigh(station, days, village_id=village_id),
    )


def _weigh(
    station: Station, days: Sequence[dt.date | None], *, village_id: int | None
) -> list[GridWeights]:
    nodes = (
        GridNode.objects.for_station(station).order_by().values_list("pk", "parent_id", "feeder_id")
    )
    parent: dict[int, int | None] = {}
    feeder_of: dict[int, int] = {}
    for pk, parent_id, feeder_id in nodes:
        parent[pk] = parent_id
        feeder_of[pk] = feeder_id
    transformers = (
        GridNode.objects.for_station(station).filter(kind=NodeKind.TRANSFORMER).order_by()
    )
    mv_users = list(transformers.values_list("pk", "village_id"))
    # The station's customers by transformer area, village and the day they were connected:
    # each day's counts are summed from these rows.
    customers = list(
        Customer.objects.for_station(station)
        .order_by()
        .values_list("transformer_id", "village_id", "connected_on")
        .annotate(n=Count("pk"))
    )
    station_key: AreaKey = ("station", station.pk)
    found = []
    for day in days:
        below: dict[Basis, dict[int, dict[AreaKey, int]]] = {b: defaultdict(dict) for b in Basis}
        served: dict[Basis, dict[AreaKey, int]] = {b: defaultdict(int) for b in Basis}
        counted = [
            (transformer, village, n)
            for transformer, village, connected, n in customers
            if day is None or connected is None or connected <= day
        ]
        households: dict[tuple[int, int | None], int] = defaultdict(int)
        for transformer, village, n in counted:
            if transformer is not None and village_id in (None, village):
                households[(transformer, village)] += n
        items: list[tuple[Basis, int, int | None, int]] = [
            (Basis.MV_USERS, pk, v, 1) for pk, v in mv_users if village_id in (None, v)
        ] + [(Basis.HOUSEHOLDS, t, v, n) for (t, v), n in households.items()]
        for basis, transformer, village, n in items:
            keys: list[AreaKey] = [station_key, ("feeder", feeder_of[transformer])]
            if village is not None:
                keys.append(("village", village))
            for key in keys:
                served[basis][key] += n
            node: int | None = transformer
            while node is not None:
                weights = below[basis][node]
                for key in keys:
                    weights[key] = weights.get(key, 0) + n
                node = parent.get(node)
        # Households count as served whether or not the grid import placed them under a
        # transformer area: the village's and station's own count, as the village page always
        # had.
        served[Basis.HOUSEHOLDS][station_key] = sum(n for _t, _v, n in counted)
        villages: dict[int, int] = defaultdict(int)
        for _t, village, n in counted:
            if village is not None and village_id in (None, village):
                villages[village] += n
        for village, n in villages.items():
            served[Basis.HOUSEHOLDS][("village", village)] = n
        if village_id is not None:  # the station's MV users are still the whole station's
            served[Basis.MV_USERS][station_key] = len(mv_users)
        found.append(GridWeights(below=below, served=served))
    return found
