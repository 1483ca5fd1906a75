"""F1 of ``bench/paired.py``'s engines from its ``--json``, with the change's interval.

    python3 -m uv run python bench/paired_ci.py paired.json [more.json ...]

For each setting and generator: each engine's F1 (found, false, missed) pooled over the
storms, and against the first engine (the defaults) the change in F1 with a 95 % bootstrap
over the seeds (the seeds resampled, both engines on the same resample, 2,000 resamples), and
how many storms each lost fewer / more outages. Several files of the same engines (other seeds)
are pooled.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.paired import lost  # noqa: E402


def f1(found: int, false: int, missed: int) -> float:
    """F1 from pooled counts.

    >>> round(f1(698, 62, 68), 3)
    0.915
    """
    return 2 * found / max(1, 2 * found + false + missed)


def compare(
    base: list[tuple[int, int, int]], other: list[tuple[int, int, int]], rounds: int = 2000
) -> tuple[float, float, float, int, int]:
    """The change in pooled F1 from ``base`` to ``other`` (one (found, false, missed) per
    storm, paired), its 95 % bootstrap interval over the storms, and storms better / worse.

    >>> change, low, high, better, worse = compare([(5, 1, 1), (5, 0, 0)], [(6, 0, 0), (5, 0, 0)])
    >>> round(change, 3), better, worse, low <= change <= high
    (0.091, 1, 0, True)
    """

    def pooled(rows: list[tuple[int, int, int]]) -> float:
        return f1(*(sum(r[i] for r in rows) for i in range(3)))

    change = pooled(other) - pooled(base)
    rng = random.Random(0)
    n = len(base)
    draws = []
    for _ in range(rounds):
        pick = [rng.randrange(n) for _ in range(n)]
        draws.append(pooled([other[i] for i in pick]) - pooled([base[i] for i in pick]))
    draws.sort()
    low, high = draws[int(0.025 * rounds)], draws[int(0.975 * rounds) - 1]
    better = sum(1 for b, o in zip(base, other, strict=True) if sum(o[1:]) < sum(b[1:]))
    worse = sum(1 for b, o in zip(base, other, strict=True) if sum(o[1:]) > sum(b[1:]))
    return change, low, high, better, worse


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    engines: list[dict[tuple[str, str], dict[int, Any]]] = []
    for name in args.files:
        lists = json.loads(Path(name).read_text(encoding="utf-8"))
        while len(engines) < len(lists):
            engines.append(defaultdict(dict))
        for k, runs in enumerate(lists):
            for setting, generator, seed, kinds in runs:
                engines[k][(setting, generator)][seed] = lost(kinds)
    for key in sorted(engines[0]):
        seeds = sorted(set.intersection(*(set(e[key]) for e in engines)))
        base = [engines[0][key][s] for s in seeds]
        totals = [sum(r[i] for r in base) for i in range(3)]
        head = f"{key[0]}, {key[1]}, {len(seeds)} storms"
        print(f"{head}: defaults {f1(*totals):.3f} {tuple(totals)}")
        for k in range(1, len(engines)):
            rows = [engines[k][key][s] for s in seeds]
            totals = [sum(r[i] for r in rows) for i in range(3)]
            change, low, high, better, worse = compare(base, rows)
            print(
                f"  engine {k}: {f1(*totals):.3f} {tuple(totals)}, {change:+.3f} "
                f"[{low:+.3f}, {high:+.3f}], storms better / worse {better} / {worse}"
            )


if __name__ == "__main__":
    main()
