"""Who is below each device of a station's grid, area by area (the station, each feeder, each
village): the weights every reliability figure multiplies an outage by. Households, or DL/T 836's
medium-voltage users (one per transformer area).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind

__all__ = ["AreaKey", "Basis", "GridWeights", "grid_weights"]

type AreaKey = tuple[str, int]  # ("station" | "feeder" | "village", pk)


class Basis(enum.StrEnum):
    HOUSEHOLDS = "households"
    MV_USERS = "mv_users"  # DL/T 836 中压用户: each transformer area counts one


@dataclass
class GridWeights:
    """For each device, the customers below it in each area; and each area's customers."""

    below: dict[Basis, dict[int, dict[AreaKey, int]]]
    served: dict[Basis, dict[AreaKey, int]]


def grid_weights(station: Station, *, village_id: int | None = None) -> GridWeights:
    """Who is below each device (one query for the grid's links, one for the customers).

    With ``village_id``, only that village's areas (and the station's totals) are filled in.
    """
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
    if village_id is not None:
        transformers = transformers.filter(village_id=village_id)
    households = Customer.objects.for_station(station).filter(transformer__isnull=False)
    if village_id is not None:
        households = households.filter(village_id=village_id)
    by_transformer = households.values("transformer_id", "village_id").annotate(n=Count("pk"))
    below: dict[Basis, dict[int, dict[AreaKey, int]]] = {b: defaultdict(dict) for b in Basis}
    served: dict[Basis, dict[AreaKey, int]] = {b: defaultdict(int) for b in Basis}
    station_key: AreaKey = ("station", station.pk)
    items: list[tuple[Basis, int, int | None, int]] = [
        (Basis.MV_USERS, pk, v, 1) for pk, v in transformers.values_list("pk", "village_id")
    ] + [
        (Basis.HOUSEHOLDS, row["transformer_id"], row["village_id"], row["n"])
        for row in by_transformer
    ]
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
    # transformer area: the village's and station's own count, as the village page always had.
    everyone = Customer.objects.for_station(station)
    served[Basis.HOUSEHOLDS][station_key] = everyone.count()
    villages = everyone.filter(village__isnull=False)
    if village_id is not None:
        villages = villages.filter(village_id=village_id)
    for village, n in (
        villages.values("village_id").annotate(n=Count("pk")).values_list("village_id", "n")
    ):
        served[Basis.HOUSEHOLDS][("village", village)] = n
    if village_id is not None:  # the station's MV users are still the whole station's
        served[Basis.MV_USERS][station_key] = (
            GridNode.objects.for_station(station).filter(kind=NodeKind.TRANSFORMER).count()
        )
    return GridWeights(below=below, served=served)
