"""Synthetic rural networks shaped like a mountain county's 10kV feeders.

Each feeder: an outlet breaker, a backbone of poles with one or two reclosers, branch lines
tapped off the backbone through drop-out fuses (some with sub-branches behind their own fuse),
transformers along the branches, and 10-80 customers per transformer. Lightning zones cover
whole branches; install years spread over three decades.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["NETWORK_COLUMNS", "generate_network_rows", "write_network"]

NETWORK_COLUMNS = ["id", "parent", "kind", "ami", "lightning_zone", "install_year"]
Row = tuple[str, str, str, str, str, str]


def generate_network_rows(
    customers: int,
    *,
    seed: int = 1,
    meter_coverage: float = 0.3,
    first_year: int = 1990,
    last_year: int = 2024,
) -> Iterator[Row]:
    """Rows of a network with about ``customers`` customers (exactly that many).

    >>> rows = list(generate_network_rows(200, seed=3))
    >>> rows[0]
    ('S001', '', 'source', '', '0', '2005')
    >>> sum(kind == "customer" for _id, _parent, kind, *_ in rows)
    200
    """
    rng = random.Random(seed)
    made = 0
    feeder = 0
    while made < customers:
        feeder += 1
        source = f"S{feeder:03d}"
        yield (source, "", "source", "", "0", str(rng.randint(first_year, last_year)))
        branches = rng.randint(25, 45)
        poles = branches + rng.randint(10, 30)
        recloser_at = {poles // 3, (2 * poles) // 3} if poles > 20 else set()
        parent = source
        backbone: list[str] = []
        for number in range(1, poles + 1):
            pole = f"{source}-P{number:03d}"
            yield (pole, parent, "node", "", "0", "")
            parent = pole
            backbone.append(pole)
            if number in recloser_at:
                recloser = f"{source}-R{number:03d}"
                yield (recloser, pole, "recloser", "", "0", str(rng.randint(2005, last_year)))
                parent = recloser
        taps: list[str] = []
        for branch in range(1, branches + 1):
            if made >= customers:
                break
            zone = "1" if rng.random() < 0.25 else "0"
            year = rng.randint(first_year, last_year)
            if taps and rng.random() < 0.15:
                tap = rng.choice(taps)
            else:
                tap = backbone[min(len(backbone) - 1, branch * len(backbone) // (branches + 1))]
            fuse = f"{source}-F{branch:02d}"
            yield (fuse, tap, "fuse", "", zone, str(rng.randint(max(year, 2000), last_year)))
            parent = fuse
            for pole_number in range(1, rng.randint(3, 10) + 1):
                pole = f"{fuse}-P{pole_number:02d}"
                yield (pole, parent, "node", "", zone, "")
                parent = pole
                taps.append(pole)
                if rng.random() < 0.35 or pole_number == 1:
                    transformer = f"{fuse}-T{pole_number:02d}"
                    yield (
                        transformer,
                        pole,
                        "transformer",
                        "",
                        zone,
                        str(rng.randint(year, last_year)),
                    )
                    houses = rng.randint(10, 80)
                    if customers - made - houses < 10:  # the last transformer takes the rest
                        houses = customers - made
                    for house in range(1, houses + 1):
                        ami = "1" if rng.random() < meter_coverage else "0"
                        yield (
                            f"{transformer}-C{house:02d}",
                            transformer,
                            "customer",
                            ami,
                            zone,
                            "",
                        )
                        made += 1
                    if made >= customers:
                        break


def write_network(path: Path | str | TextIO, customers: int, **options: object) -> int:
    """Write a generated NET.csv; returns the number of rows.

    >>> import io
    >>> handle = io.StringIO()
    >>> write_network(handle, 50, seed=2)
    95
    >>> handle.getvalue().splitlines()[:2]
    ['id,parent,kind,ami,lightning_zone,install_year', 'S001,,source,,0,1993']
    """
    handle = open(path, "w", newline="", encoding="utf-8") if isinstance(path, Path | str) else path  # noqa: SIM115
    try:
        writer = csv.writer(handle)
        writer.writerow(NETWORK_COLUMNS)
        count = 0
        for row in generate_network_rows(customers, **options):  # type: ignore[arg-type]
            writer.writerow(row)
            count += 1
        return count
    finally:
        if isinstance(path, Path | str):
            handle.close()
