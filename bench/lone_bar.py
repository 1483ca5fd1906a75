"""At which chance of an own fault to name a lone call: F1 with calls only, bar by bar.

    python3 -m uv run python bench/lone_bar.py --seeds 1-40 --jobs 2
    python3 -m uv run python bench/lone_bar.py --seeds 1-4 --settings standard --bars 0.5,0.4

The engine names a lone call (one no outage above explains) as the customer's own fault when
its score, the log-odds of an own fault against nothing (``Params.lone_call_llr``), is over
zero: a chance over one half. A lower bar ``b`` would name besides each lone call whose chance
is over ``b`` and under one half, unless a device above it is named, and change nothing the
engine weighs or keeps. So each storm is run once with the engine as it is, and at each
checkpoint those calls are read from its own scores (``scoring.customer_score``) and added to
its picture with their chance as their confidence; every bar asked for is scored from the
same pictures. The bar 0.5 is the engine itself.

Storms are ``bench/families.py``'s settings (``bench/multi_errors.py``'s names) with both
generators; seeds of the caller's choice (never the table's, 201-210). For each setting and
bar it prints the engine's F1 of all outages, the margin over the roll-up, and what it lost
on outages of one customer (false, missed).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.baselines import RollupBaseline  # noqa: E402
from bench.families import FAMILIES, day_storm, grid_rows, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.multi_errors import SETTINGS  # noqa: E402
from bench.storm_args import (  # noqa: E402
    json_option,
    meters_option,
    storm_options,
    storm_parser,
    storm_runs,
)
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.inference.evidence import CALL  # noqa: E402
from powerdesk.engine.inference.scoring import customer_score  # noqa: E402
from powerdesk.engine.model.network import Network  # noqa: E402
from powerdesk.engine.simulation.score import Score, score_prediction  # noqa: E402
from powerdesk.engine.simulation.storm import Storm  # noqa: E402

# Calls only, one name per storm: the meter-delivery settings and the grid family's duplicate
# names give the same storms.
CALLS_ONLY = [n for n in SETTINGS if not n.startswith(("delivery=", "grid="))]


def faint_calls(
    engine: OutageInference, named: list[str], now: float, bar: float
) -> list[tuple[str, int, float]]:
    """The lone calls of the engine's last picture (made at ``now``, naming ``named``) whose
    chance of an own fault is over ``bar`` and at most one half, none below a device named:
    what a lower bar would name besides, as outages of one customer.

    >>> from powerdesk.engine.model.network import Network
    >>> net = Network.from_rows([("S", "", "source"), ("T", "S", "transformer")]
    ...     + [(f"C{i}", "T", "customer") for i in range(9)])
    >>> engine = OutageInference(net)
    >>> engine.ingest(0.0, "call", "C0")
    >>> engine.picture(60.0).outages  # a minute old: a hair under even odds
    []
    >>> [(d, n, round(c, 3)) for d, n, c in faint_calls(engine, [], 60.0, 0.4)]
    [('C0', 1, 0.499)]
    """
    st = engine._st  # (the engine's state: its scores are what is measured)
    net, state = engine.network, engine.state
    low = math.log(bar / (1.0 - bar))
    above = [net.index[d] for d in named]
    found = []
    for number in sorted(state.offs):
        if state.category[number] != CALL:
            continue
        score = customer_score(st, number, now)
        if not low < score <= 0.0:
            continue
        element = int(state.customer_element[number])
        if any(net.is_below(element, e) for e in above):
            continue
        found.append((net.ids[element], 1, 1.0 / (1.0 + math.exp(-score))))
    return found


def kept(outage: tuple[str, int, float], bar: float) -> bool:
    """Whether an outage of a picture with the faint lone calls added is named at ``bar``:
    those are outages of one customer with their chance (at most one half) as confidence.

    >>> kept(("C1", 1, 0.45), 0.5), kept(("C1", 1, 0.45), 0.4), kept(("F", 9, 0.45), 0.5)
    (False, True, True)
    """
    _, customers, confidence = outage
    return customers > 1 or confidence > bar


def counts(score: Score) -> dict[str, list[int]]:
    all_, multi = score.all, score.multi
    return {
        "all": [all_.tp, all_.fp, all_.fn],
        "multi": [multi.tp, multi.fp, multi.fn],
    }


def one_storm(task: tuple[str, str, int, list[float], float]) -> dict[str, Any]:
    """One storm run once; its counts at each bar, and the roll-up's."""
    name, generator, seed, bars, meters = task
    setting = SETTINGS[name]
    net = network(grid_rows(setting.grid, seed), meters, seed)
    make = project_storm if generator == "project" else day_storm
    storm = make(net, setting, seed)
    engine = OutageInference(net)
    rollup = RollupBaseline(net)
    pictures: list[tuple[dict[str, Any], list[tuple[str, int, float]]]] = []
    rolled: list[dict[str, Any]] = []
    for event in storm.events:
        if event["type"] == "checkpoint":
            picture = engine.picture(event["t"])
            outages = [(o.device, o.customers, o.confidence) for o in picture.outages]
            named = [o.device for o in picture.outages]
            outages += faint_calls(engine, named, event["t"], min(bars))
            pictures.append((event, outages))
            rolled.append(
                {
                    "id": event["id"],
                    "outages": [{"device": d} for d, _ in rollup.picture(event["t"])],
                }
            )
            continue
        target = event.get("customer") or event["device"]
        engine.ingest(event["t"], event["type"], target)
        rollup.ingest(event["t"], event["type"], target)
    result: dict[str, Any] = {"setting": name, "generator": generator, "seed": seed}
    for bar in bars:
        result[f"{bar:g}"] = counts(_score(net, storm, pictures, bar))
    result["rollup"] = counts(score_prediction(net, storm.truth, {"checkpoints": rolled}))
    return result


def _score(
    net: Network,
    storm: Storm,
    pictures: list[tuple[dict[str, Any], list[tuple[str, int, float]]]],
    bar: float,
) -> Score:
    checkpoints = [
        {"id": event["id"], "outages": [{"device": o[0]} for o in outages if kept(o, bar)]}
        for event, outages in pictures
    ]
    return score_prediction(net, storm.truth, {"checkpoints": checkpoints})


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def family_of(name: str) -> list[str]:
    """The families a setting's row is in (the standard storm is in several)."""
    if name == "standard":
        return list(FAMILIES)
    field = SETTINGS[name]
    names = {
        "call_share": "call share",
        "delay_median": "call delay median (min)",
        "wrong_account": "wrong-account calls",
        "single_share": "single-customer faults",
        "confirms": "crew confirmations",
        "delivery": "meter delivery",
    }
    key = name.split("=")[0]
    if key in names:
        return [names[key]]
    assert field.grid != "generated (standard)"
    return ["grid"]


def report(results: list[dict[str, Any]], bars: list[float]) -> None:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in results:
        groups.setdefault((r["setting"], r["generator"]), []).append(r)

    def pooled(rows: list[dict[str, Any]], key: str, part: str) -> list[int]:
        return [sum(r[key][part][i] for r in rows) for i in range(3)]

    rows_out: list[dict[str, Any]] = []
    print(
        "| setting | generator | roll-up | "
        + " | ".join(f"F1 at {b:g} (margin; one customer false/missed)" for b in bars)
        + " |"
    )
    print("|---|---|---:|" + "---:|" * len(bars))
    for (name, generator), rows in groups.items():
        roll = f1(*pooled(rows, "rollup", "all"))
        cells = []
        row: dict[str, Any] = {"setting": name, "generator": generator, "rollup": roll}
        for b in bars:
            a = pooled(rows, f"{b:g}", "all")
            m = pooled(rows, f"{b:g}", "multi")
            engine = f1(*a)
            row[f"{b:g}"] = engine
            cells.append(f"{engine:.3f} ({engine - roll:+.3f}; {a[1] - m[1]}/{a[2] - m[2]})")
        rows_out.append(row)
        print(f"| {name} | {generator} | {roll:.3f} | " + " | ".join(cells) + " |")
    print("\nWorst margin per family, and storms better / worse than at the highest bar:\n")
    top = max(bars)
    families = dict.fromkeys(f for r in rows_out for f in family_of(r["setting"]))
    for family in families:
        mine = [r for r in rows_out if family in family_of(r["setting"])]
        cells = []
        for b in bars:
            w = min(mine, key=lambda r: r[f"{b:g}"] - r["rollup"])
            cells.append(f"{w[f'{b:g}'] - w['rollup']:+.3f} ({w['setting']}, {w['generator']})")
        print(f"- {family}: " + "; ".join(f"{b:g}: {c}" for b, c in zip(bars, cells, strict=True)))
    for b in bars:
        w = min(rows_out, key=lambda r: r[f"{b:g}"] - r["rollup"])
        means = {
            g: sum(r[f"{b:g}"] - r["rollup"] for r in rows_out if r["generator"] == g)
            / max(1, sum(r["generator"] == g for r in rows_out))
            for g in ("project", "day")
        }
        better = worse = 0
        for r in results:
            new, old = f1(*r[f"{b:g}"]["all"]), f1(*r[f"{top:g}"]["all"])
            better += new > old + 1e-12
            worse += new < old - 1e-12
        print(
            f"bar {b:g}: worst margin {w[f'{b:g}'] - w['rollup']:+.3f} ({w['setting']}, "
            f"{w['generator']}); mean margin project {means['project']:+.3f}, "
            f"day {means['day']:+.3f}; storms better {better}, worse {worse} (of {len(results)})"
        )


def options() -> argparse.ArgumentParser:
    parser = storm_parser(__doc__)
    storm_options(parser, seeds="1-40", settings=",".join(CALLS_ONLY))
    parser.add_argument("--bars", default="0.5,0.45,0.4,0.35,0.3")
    meters_option(parser, 0.0, "share of meters reporting")
    json_option(parser, "write every storm's counts here")
    parser.add_argument("--load", help="report the counts of an earlier --json instead")
    return parser


def main() -> None:
    args = options().parse_args()
    bars = sorted({float(b) for b in args.bars.split(",")}, reverse=True)
    if args.load:
        results = json.loads(Path(args.load).read_text(encoding="utf-8"))
    else:
        tasks = [
            (name, generator, seed, bars, args.meters) for name, generator, seed in storm_runs(args)
        ]
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(one_storm, tasks, chunksize=2))
        if args.json:
            Path(args.json).write_text(json.dumps(results), encoding="utf-8")
    report(results, bars)


if __name__ == "__main__":
    main()
