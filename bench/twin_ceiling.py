"""How far the twins alone keep each setting of a families run from the goal with meters.

    python3 -m uv run python bench/families.py --seeds 1-10 --json families.json
    python3 -m uv run python bench/twin_ceiling.py families.json

A fuse that feeds one transformer and nothing else, and that transformer, cut the same
customers: nothing in the stream tells which went before a crew says (round 9 of issue 17;
``bench/twin_choice.py`` counts, storm by storm, that no rule does better than naming the fuse,
which the engine does). Scored strictly, each such outage named for the other is one false and
one missed; scored by the customers cut (``Score.multi_by_customers``) it is found. So, from
the counts of a ``bench/families.py --json`` run (30 % of meters, outages of more than one
customer), per setting and generator: ``k`` = (lost strictly - lost by customers cut) / 2
twins named for the other, of ``n`` true outages; with every other outage right and those
twins left, the strict F1 is ``1 - k / n``: the *twin ceiling*, the best strict F1 any reading
of this evidence reaches there (up to the few twins whose own factors tip the other way). It
prints the settings by their ceiling, the lowest first, and how many are under the goal
(0.95) by the ceiling alone.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GOAL = 0.95
DEFAULTS = {
    "call_share": 0.2,
    "delay_median": 20.0,
    "wrong_account": 0.02,
    "single_share": 0.25,
    "delivery": 0.6,
    "confirms": 0.4,
    "grid": "generated (standard)",
}


@dataclass(frozen=True)
class Row:
    """One setting and generator, pooled over its storms."""

    setting: str
    generator: str
    outages: int  # true outages of more than one customer, per checkpoint
    twins: float  # twins named for the other
    strict: float  # F1, strictly
    cut: float  # F1, by the customers cut

    @property
    def ceiling(self) -> float:
        """The strict F1 with every outage right but the twins named for the other.

        >>> Row("standard", "project", outages=100, twins=5.0, strict=0.9, cut=0.98).ceiling
        0.95
        """
        return 1.0 - self.twins / self.outages if self.outages else 1.0


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def rows(storms: list[list[Any]]) -> list[Row]:
    """Pool ``bench/families.py --json`` storms by setting and generator.

    >>> counts = {"engine_multi": [90, 10, 10], "engine_cut": [98, 2, 2]}
    >>> [r.ceiling for r in rows([[{"grid": "generated deep"}, "day", 1, counts]])]
    [0.92]
    """
    pooled: dict[tuple[str, str], dict[str, list[int]]] = {}
    for setting, generator, _seed, counts in storms:
        name = ", ".join(f"{k}={v}" for k, v in sorted(setting.items()) if DEFAULTS.get(k) != v)
        into = pooled.setdefault(
            (name or "standard", generator), {"engine_multi": [0, 0, 0], "engine_cut": [0, 0, 0]}
        )
        for key in into:
            for i in range(3):
                into[key][i] += counts[key][i]
    out = []
    for (name, generator), c in pooled.items():
        strict, cut = c["engine_multi"], c["engine_cut"]
        twins = max(0.0, ((strict[1] + strict[2]) - (cut[1] + cut[2])) / 2.0)
        out.append(Row(name, generator, strict[0] + strict[2], twins, _f1(*strict), _f1(*cut)))
    return sorted(out, key=lambda r: (r.ceiling, r.setting, r.generator))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json", help="a bench/families.py --json file")
    args = parser.parse_args()
    found = rows(json.loads(Path(args.json).read_text(encoding="utf-8")))
    print(
        "| setting | generator | outages | twins named for the other | F1 >1 | by customers cut "
        "| twin ceiling |\n|---|---|---:|---:|---:|---:|---:|"
    )
    for r in found:
        print(
            f"| {r.setting} | {r.generator} | {r.outages:,} | {r.twins:g} | {r.strict:.3f} "
            f"| {r.cut:.3f} | {r.ceiling:.3f} |"
        )
    under = sum(r.ceiling < GOAL for r in found)
    print(f"\n{under} of {len(found)} settings under {GOAL} by the twin ceiling alone.")


if __name__ == "__main__":
    main()
