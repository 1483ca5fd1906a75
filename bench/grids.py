"""Radial grids of several shapes for the storm families (``bench/families.py``).

``shaped_rows`` builds feeders of a chosen depth (levels of fuses below fuses) and width
(branches at each level), with transformer areas of a chosen size; ``simbench_grid`` imports a
simbench MV/LV grid (the ``grid-import`` extra) and hangs customers on its loads' buses. Each
returns ``(id, parent, kind)`` rows; ``network`` adds meters to a share of the customers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from powerdesk.engine.model.network import Network

Row = tuple[str, str, str]


@dataclass(frozen=True)
class Shape:
    depth: int = 2  # levels of fuses: 1 = branch fuses only
    width: tuple[int, int] = (3, 6)  # branches below each backbone pole or fuse
    transformers: tuple[int, int] = (1, 4)  # transformer areas on each branch
    households: tuple[int, int] = (10, 80)  # customers per transformer area
    reclosers: int = 1  # mid-line reclosers on each feeder's backbone


SHAPES = {
    "generated (standard)": Shape(),
    "generated deep": Shape(depth=4, width=(2, 3), transformers=(1, 2)),
    "generated shallow": Shape(depth=1, width=(20, 40), transformers=(2, 5)),
    "generated wide": Shape(depth=2, width=(6, 12), transformers=(1, 3), households=(5, 40)),
    "generated narrow": Shape(depth=3, width=(1, 2), transformers=(3, 6), households=(40, 200)),
}


def shaped_rows(customers: int, shape: Shape, seed: int) -> list[Row]:
    """Feeders of ``shape`` until there are ``customers`` customers (roughly)."""
    rng = random.Random(seed)
    rows: list[Row] = []
    made = 0
    feeder = 0
    while made < customers:
        feeder += 1
        source = f"S{feeder}"
        rows.append((source, "", "source"))
        parent = source
        poles = []
        for number in range(1, 8 + 1):
            pole = f"{source}-P{number}"
            rows.append((pole, parent, "node"))
            parent = pole
            poles.append(pole)
            if shape.reclosers and number in {3, 6}:
                recloser = f"{source}-R{number}"
                rows.append((recloser, pole, "recloser"))
                parent = recloser
        stack = [(tap, 1) for tap in poles]
        count = 0
        while stack and made < customers:
            tap, level = stack.pop(0)
            for _ in range(rng.randint(*shape.width) if level == 1 else rng.randint(1, 3)):
                count += 1
                fuse = f"{source}-F{count}"
                rows.append((fuse, tap, "fuse"))
                pole = f"{fuse}-P"
                rows.append((pole, fuse, "node"))
                for t in range(rng.randint(*shape.transformers)):
                    transformer = f"{fuse}-T{t}"
                    rows.append((transformer, pole, "transformer"))
                    for h in range(rng.randint(*shape.households)):
                        rows.append((f"{transformer}-C{h}", transformer, "customer"))
                        made += 1
                if level < shape.depth:
                    stack.append((pole, level + 1))
                if made >= customers:
                    break
            if level == 1 and len(stack) > 0 and made < customers and feeder > 50:
                break
    return rows


def simbench_rows(code: str, households_per_load: tuple[int, int], seed: int) -> list[Row]:
    """A simbench grid made radial, with customers on its loads' buses (as in the importer)."""
    from powerdesk.engine.readwrite.pandapower_import import simbench_rows as import_rows

    rng = random.Random(seed)
    rows = import_rows(code)
    # The importer names one customer per load; spread each into a few households, so that
    # an LV transformer area is a village's size.
    result: list[Row] = []
    for element, parent, kind in rows:
        if kind == "customer":
            for h in range(rng.randint(*households_per_load)):
                result.append((f"{element}-{h}", parent, kind))
        else:
            result.append((element, parent, kind))
    return result


def network(rows: list[Row], meter_share: float, seed: int) -> Network:
    rng = random.Random(seed + 1)
    ami = [
        (1 if rng.random() < meter_share else 0) if kind == "customer" else -1
        for _, _, kind in rows
    ]
    zone_of: dict[str, bool] = {}
    zones = []
    for element, parent, kind in rows:
        if kind == "fuse":
            zone_of[element] = rng.random() < 0.25
        zone = zone_of.get(parent, False)
        zone_of[element] = zone_of.get(element, zone)
        zones.append(zone_of[element])
    return Network.from_rows(rows, ami=ami, lightning_zone=zones)
