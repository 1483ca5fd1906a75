"""How sure a families run is of each setting: its margin and F1 with intervals over the seeds.

    nice python3 -m uv run python bench/families.py --seeds 401-430 --jobs 2 --json fam.json
    python3 -m uv run python bench/families_ci.py fam.json

A setting's figure in ``bench/families.py`` pools a few storms, and the seed draws the network
as well as the storm: with ten seeds a setting's margin moved by 0.1 or more between ranges of
seeds (round 20 of issue 17). From the counts of a ``--json`` run this prints, per setting and
generator, the calls-only margin over the roll-up and, with 30 % of meters, the F1 of outages of
more than one customer (strictly and by the customers cut), each with a 95 % interval from a
bootstrap over the seeds (the seeds resampled with replacement, the same resample for the
engine and the roll-up, so the margin's interval is paired), its standard error, and the *twin
ceiling* beside the strict F1 (``bench/twin_ceiling.py``: the strict F1 with only the twins
wrong). A setting is *under* the goal when its whole interval is under it, *over* when its whole
interval is over it, and *unclear* otherwise. Then the worst setting per family and counts.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.families import FAMILIES, Setting, _value  # noqa: E402
from bench.twin_ceiling import Row as TwinRow  # noqa: E402

MARGIN_GOAL = 0.10
MULTI_GOAL = 0.95
KEYS = ("engine", "rollup", "engine_multi", "engine_cut")


@dataclass(frozen=True)
class Figure:
    """A pooled figure, its standard error and 95 % interval over resampled seeds."""

    value: float
    se: float
    low: float
    high: float

    def verdict(self, goal: float) -> str:
        """``under`` if the whole interval is under ``goal``, ``over`` if it is all at or
        above it, else ``unclear``.

        >>> Figure(0.08, 0.01, 0.06, 0.099).verdict(0.10)
        'under'
        >>> Figure(0.08, 0.02, 0.05, 0.12).verdict(0.10)
        'unclear'
        """
        if self.high < goal:
            return "under"
        return "over" if self.low >= goal else "unclear"

    def text(self, signed: bool = False) -> str:
        f = "+.3f" if signed else ".3f"
        return f"{self.value:{f}} [{self.low:{f}}, {self.high:{f}}]"


def f1(counts: np.ndarray) -> np.ndarray:
    """F1 of (..., 3) counts of (true positives, false positives, misses); 1 where all are 0.

    >>> f1(np.array([[8, 2, 2], [0, 0, 0]])).tolist()
    [0.8, 1.0]
    """
    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    den = 2 * tp + fp + fn
    return np.where(den > 0, 2 * tp / np.maximum(den, 1), 1.0)


def figures(per_seed: np.ndarray, draws: np.ndarray) -> dict[str, Figure]:
    """Per-seed counts (seeds, ``KEYS``, 3) → the margin, the engine's F1 >1 with meters
    (strict and by customers cut), each pooled over the seeds, with their spread over the
    resamples ``draws`` (resamples, seeds: indices into the seeds).

    >>> one = np.array([[[8, 2, 2], [6, 4, 4], [9, 1, 1], [10, 0, 0]]])
    >>> got = figures(np.repeat(one, 3, axis=0), np.array([[0, 0, 1], [2, 2, 2]]))
    >>> round(got["margin"].value, 3), got["margin"].se, got["multi"].low == got["multi"].high
    (0.2, 0.0, True)
    """
    pooled = per_seed.sum(axis=0)
    resampled = per_seed[draws].sum(axis=1)  # (resamples, keys, 3)
    point = f1(pooled)
    spread = f1(resampled)
    series = {
        "margin": (point[0] - point[1], spread[:, 0] - spread[:, 1]),
        "engine": (point[0], spread[:, 0]),
        "rollup": (point[1], spread[:, 1]),
        "multi": (point[2], spread[:, 2]),
        "cut": (point[3], spread[:, 3]),
    }
    return {
        name: Figure(
            float(value),
            float(np.std(s)),
            float(np.percentile(s, 2.5)),
            float(np.percentile(s, 97.5)),
        )
        for name, (value, s) in series.items()
    }


def twin_ceiling(per_seed: np.ndarray) -> float:
    """The strict F1 >1 with only the twins named for the other left wrong (``TwinRow``)."""
    strict, cut = per_seed[:, 2].sum(axis=0), per_seed[:, 3].sum(axis=0)
    twins = max(0.0, float((strict[1] + strict[2]) - (cut[1] + cut[2])) / 2.0)
    return TwinRow("", "", int(strict[0] + strict[2]), twins, 0.0, 0.0).ceiling


def table(storms: list[list[Any]], resamples: int = 2000, seed: int = 0) -> list[dict[str, Any]]:
    """The rows of the families table, in ``bench/families.py``'s order (the standard setting
    in each family that has its value), from a ``--json`` run's storms."""
    by: dict[tuple[str, str], dict[int, list[list[int]]]] = {}
    for setting, generator, storm_seed, counts in storms:
        key = (json.dumps(setting, sort_keys=True), generator)
        by.setdefault(key, {})[storm_seed] = [counts[k] for k in KEYS]
    seeds = sorted({s for runs in by.values() for s in runs})
    draws = np.random.default_rng(seed).integers(0, len(seeds), size=(resamples, len(seeds)))
    rows = []
    for family, (field, values) in FAMILIES.items():
        for value in values:
            setting = asdict(replace(Setting(), **{field: value}))
            for generator in ("project", "day"):
                runs = by.get((json.dumps(setting, sort_keys=True), generator))
                if not runs:
                    continue
                if sorted(runs) != seeds:
                    raise ValueError(f"{family} {value} {generator}: not every seed was run")
                per_seed = np.array([runs[s] for s in seeds], dtype=float)
                rows.append(
                    {
                        "family": family,
                        "value": value,
                        "setting": json.dumps(setting, sort_keys=True),
                        "generator": generator,
                        **figures(per_seed, draws),
                        "ceiling": twin_ceiling(per_seed),
                    }
                )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json", help="a bench/families.py --json file")
    parser.add_argument("--resamples", type=int, default=2000)
    args = parser.parse_args()
    storms = json.loads(Path(args.json).read_text(encoding="utf-8"))
    rows = table(storms, args.resamples)
    seeds = len({s for _, _, s, _ in storms})
    print(
        f"{seeds} seeds a setting; [95 % interval] and standard error over {args.resamples} "
        "resamples of the seeds.\n\n"
        "| family | value | generator | F1 engine | F1 roll-up | margin [95 %] | SE | "
        "F1 >1 at 30 % meters [95 %] | twin ceiling | by customers cut [95 %] |\n"
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    for r in rows:
        print(
            f"| {r['family']} | {_value(r)} | {r['generator']} | {r['engine'].value:.3f} "
            f"| {r['rollup'].value:.3f} | {r['margin'].text(True)} | {r['margin'].se:.3f} "
            f"| {r['multi'].text()} | {r['ceiling']:.3f} | {r['cut'].text()} |"
        )
    print(
        "\nWorst per family (over its settings and both generators):\n\n"
        "| family | calls only: worst margin [95 %] (setting) | 30 % meters: worst F1 >1 [95 %] "
        "(setting; twin ceiling) | the same, by customers cut [95 %] (setting) |\n|---|---|---|---|"
    )
    for family in [*dict.fromkeys(r["family"] for r in rows), None]:
        mine = [r for r in rows if family is None or r["family"] == family]
        m = min(mine, key=lambda r: r["margin"].value)
        q = min(mine, key=lambda r: r["multi"].value)
        c = min(mine, key=lambda r: r["cut"].value)

        def where(r: dict[str, Any], family: str | None = family) -> str:
            return f"{'' if family else r['family'] + ' '}{_value(r)}, {r['generator']}"

        print(
            f"| {family or '**all**'} | {m['margin'].text(True)} ({where(m)}) "
            f"| {q['multi'].text()} ({where(q)}; {q['ceiling']:.3f}) "
            f"| {c['cut'].text()} ({where(c)}) |"
        )
    unique = {(r["setting"], r["generator"]) for r in rows}
    print(
        f"\nOf {len(rows)} rows ({len(unique)} settings and generators; the standard setting "
        "is in several families):"
    )
    for name, goal, label in (
        ("margin", MARGIN_GOAL, "calls-only margin (goal +0.10)"),
        ("multi", MULTI_GOAL, "F1 >1 at 30 % meters, strictly (goal 0.95)"),
        ("cut", MULTI_GOAL, "the same, by customers cut"),
    ):
        verdicts = [r[name].verdict(goal) for r in rows]
        below = sum(r[name].value < goal for r in rows)
        print(
            f"- {label}: {below} under the goal as measured; truly under (whole interval) "
            f"{verdicts.count('under')}, unclear {verdicts.count('unclear')}, "
            f"truly over {verdicts.count('over')}"
        )
        for r in rows:
            if r[name].verdict(goal) == "under":
                print(f"    under: {r['family']} {_value(r)} {r['generator']} {r[name].text()}")
    beatable = sum(
        r["multi"].verdict(MULTI_GOAL) == "under" and r["ceiling"] >= MULTI_GOAL for r in rows
    )
    print(
        f"- twin ceiling under {MULTI_GOAL}: {sum(r['ceiling'] < MULTI_GOAL for r in rows)}; "
        f"strict F1 truly under the goal with a ceiling at or over it: {beatable}"
    )


if __name__ == "__main__":
    main()
