"""Two runs of the families table on the same seeds, an engine against another, paired.

    nice python3 -m uv run python bench/families.py --engine-root ../main --seeds 431-460 \
        --jobs 2 --json base.json
    nice python3 -m uv run python bench/families.py --seeds 431-460 --jobs 2 --json change.json
    python3 -m uv run python bench/families_paired.py base.json change.json

For every row of the table (``bench/families_ci.table``: a setting and a generator) it prints
both engines' F1 of outages of more than one customer with 30 % of meters (strictly, and by the
customers cut) and the margin over the roll-up with calls only, and the change's difference
with a 95 % interval from a bootstrap over the seeds (the seeds resampled with replacement, the
same resample for both engines and every row: the storms are the same). Then per family and
over all, the worst row of each engine and the difference of the worst (each resample's worst
row of the change less that of the base, so a change that lifts the worst row but lowers
another below it gains only the difference of the worsts).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.families import _value  # noqa: E402
from bench.families_ci import KEYS, f1  # noqa: E402

# (name, what it is: the index in ``KEYS``, or the margin engine less roll-up)
FIGURES = (("multi", "F1 >1, 30 % meters"), ("cut", "by customers cut"), ("margin", "margin"))


def per_row(storms: list[list[Any]]) -> dict[tuple[str, str], dict[int, list[list[int]]]]:
    """A ``bench/families.py --json`` run's counts by (setting, generator), then seed."""
    by: dict[tuple[str, str], dict[int, list[list[int]]]] = {}
    for setting, generator, seed, counts in storms:
        key = (json.dumps(setting, sort_keys=True), generator)
        by.setdefault(key, {})[seed] = [counts[k] for k in KEYS]
    return by


def series(per_seed: np.ndarray, draws: np.ndarray) -> dict[str, tuple[float, np.ndarray]]:
    """Per-seed counts (seeds, ``KEYS``, 3) → each figure pooled, and over the resamples.

    >>> one = np.array([[[8, 2, 2], [6, 4, 4], [9, 1, 1], [10, 0, 0]]])
    >>> got = series(np.repeat(one, 3, axis=0), np.array([[0, 0, 1]]))
    >>> round(got["margin"][0], 3), round(float(got["multi"][1][0]), 3)
    (0.2, 0.9)
    """
    point, spread = f1(per_seed.sum(axis=0)), f1(per_seed[draws].sum(axis=1))
    return {
        "multi": (float(point[2]), spread[:, 2]),
        "cut": (float(point[3]), spread[:, 3]),
        "margin": (float(point[0] - point[1]), spread[:, 0] - spread[:, 1]),
    }


def interval(values: np.ndarray) -> str:
    return f"[{np.percentile(values, 2.5):+.3f}, {np.percentile(values, 97.5):+.3f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="bench/families.py --json of the engine compared against")
    parser.add_argument("change", help="the same seeds with the changed engine")
    parser.add_argument("--resamples", type=int, default=2000)
    args = parser.parse_args()
    base = per_row(json.loads(Path(args.base).read_text(encoding="utf-8")))
    change = per_row(json.loads(Path(args.change).read_text(encoding="utf-8")))
    if set(base) != set(change):
        raise SystemExit("the two runs are not of the same settings")
    seeds = sorted({s for runs in base.values() for s in runs})
    draws = np.random.default_rng(0).integers(0, len(seeds), size=(args.resamples, len(seeds)))
    from bench.families_ci import table  # (the table's order and family names)

    rows: list[dict[str, Any]] = []
    for row in table(
        [
            [json.loads(k[0]), k[1], s, dict(zip(KEYS, c, strict=True))]
            for k, r in base.items()
            for s, c in r.items()
        ],
        resamples=1,
    ):
        key = (row["setting"], row["generator"])
        got = {}
        for name, runs in (("base", base[key]), ("change", change[key])):
            if sorted(runs) != seeds:
                raise SystemExit(f"{row['family']} {_value(row)}: not every seed was run")
            got[name] = series(np.array([runs[s] for s in seeds], dtype=float), draws)
        rows.append({**row, **got})
    print(
        f"{len(seeds)} seeds; the change less the base, [95 %] over {args.resamples} "
        "resamples of the seeds (paired).\n\n| family | value | generator | "
        + " | ".join(f"{label}: base → change, difference [95 %]" for _, label in FIGURES)
        + " |\n|---|---|---|"
        + "---|" * len(FIGURES)
    )
    for r in rows:
        cells = [
            f"{r['base'][n][0]:.3f} → {r['change'][n][0]:.3f}, "
            f"{r['change'][n][0] - r['base'][n][0]:+.3f} "
            f"{interval(r['change'][n][1] - r['base'][n][1])}"
            for n, _ in FIGURES
        ]
        print(f"| {r['family']} | {_value(r)} | {r['generator']} | " + " | ".join(cells) + " |")
    print(
        "\nThe worst row per family (base → change), and the worst's difference [95 %]:\n\n"
        "| family | "
        + " | ".join(f"worst {label}" for _, label in FIGURES)
        + " |\n|---|"
        + "---|" * len(FIGURES)
    )
    for family in [*dict.fromkeys(r["family"] for r in rows), None]:
        mine = [r for r in rows if family is None or r["family"] == family]
        cells = []
        for n, _ in FIGURES:
            b = min(mine, key=lambda r, n=n: r["base"][n][0])
            c = min(mine, key=lambda r, n=n: r["change"][n][0])
            worst_b = np.min([r["base"][n][1] for r in mine], axis=0)
            worst_c = np.min([r["change"][n][1] for r in mine], axis=0)
            signed = n == "margin"
            fmt = "+.3f" if signed else ".3f"

            def where(r: dict[str, Any], family: str | None = family) -> str:
                return f"{'' if family else r['family'] + ' '}{_value(r)}, {r['generator']}"

            cells.append(
                f"{b['base'][n][0]:{fmt}} ({where(b)}) → {c['change'][n][0]:{fmt}} ({where(c)}), "
                f"{c['change'][n][0] - b['base'][n][0]:+.3f} {interval(worst_c - worst_b)}"
            )
        print(f"| {family or '**all**'} | " + " | ".join(cells) + " |")
    print("\nRows whose difference's whole interval is under 0 (lost beyond noise):")
    for r in rows:
        for n, label in FIGURES:
            d = r["change"][n][1] - r["base"][n][1]
            if np.percentile(d, 97.5) < 0:
                print(f"- {r['family']} {_value(r)} {r['generator']}: {label} {interval(d)}")
    print("Rows whose difference's whole interval is over 0 (gained beyond noise):")
    for r in rows:
        for n, label in FIGURES:
            d = r["change"][n][1] - r["base"][n][1]
            if np.percentile(d, 2.5) > 0:
                print(f"- {r['family']} {_value(r)} {r['generator']}: {label} {interval(d)}")


if __name__ == "__main__":
    main()
