"""Storm families: the engine against the classic roll-up on storms it was not tuned on.

    python3 -m uv run python bench/families.py                    # the table (seeds 101-103)
    python3 -m uv run python bench/families.py --quick            # one seed, a few families
    python3 -m uv run python bench/families.py --seeds 1 --families "call share"
    python3 -m uv run python bench/families.py --seeds 1-40 --jobs 2 --json out.json

Each family varies one assumption at a time over a realistic range, all else at a middle
value: the share of customers without power who call (5-40 %), the median call delay (5-60
minutes), calls logged against the wrong account (0-5 %; that household is called back and
says power is on), single-customer faults (10-40 % of faults), meter delivery (30-95 %),
crew confirmations (0-80 %), and the grid's shape (generated deep and shallow, wide and
narrow; simbench MV/LV grids, rural and semi-urban, if the ``grid-import`` extra is installed).
Every setting runs with both storm generators: the project's (``powerdesk.engine.simulate``,
outage by outage) and ``bench/daysim.py`` (each household's day), on ~5,000 customers, with
calls only (F1 of all outages, engine and roll-up) and with 30 % of meters reporting (F1 of
outages of more than one customer). Per family it prints the worst setting; then the worst
over all.

Outages of more than one customer are scored strictly (the named device must be the one that
went: the goal's figure) and, in a second column, by the customers cut (a fuse feeding one
transformer and nothing else cuts the same customers as that transformer: no sign tells them
apart and the crew patrols the same stretch; ``Score.multi_by_customers``), for the engine and
the roll-up alike.

The engine is never fitted to these storms: its tests use seeds 1-3 (``tests/engine``), the
table seeds 101 and up.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # (imported by another bench script: its engine root stays first)
    sys.path.insert(0, str(ROOT))
if len(sys.argv) > 2 and sys.argv[1] == "--engine-root":  # another version of the engine
    sys.path.insert(0, sys.argv[2])
    del sys.argv[1:3]

from bench.baselines import RollupBaseline  # noqa: E402
from bench.daysim import DayConfig, simulate_day  # noqa: E402
from bench.grids import SHAPES, Shape, network, shaped_rows, simbench_rows  # noqa: E402
from bench.storm_args import (  # noqa: E402
    generators_option,
    jobs_option,
    json_option,
    pings_option,
    seeds_of,
    seeds_option,
    storm_parser,
)
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.model.network import Network  # noqa: E402
from powerdesk.engine.simulation.headend import PingLoop  # noqa: E402
from powerdesk.engine.simulation.score import score_prediction  # noqa: E402
from powerdesk.engine.simulation.storm import Storm, StormConfig, simulate_storm  # noqa: E402
from powerdesk.engine.simulation.truth import signed_from_stream  # noqa: E402

OUT = ROOT / "bench" / "out"
CUSTOMERS = 5000


@dataclass(frozen=True)
class Setting:
    """One storm's assumptions, in terms both generators understand."""

    call_share: float = 0.2
    delay_median: float = 20.0  # minutes
    wrong_account: float = 0.02
    single_share: float = 0.25
    delivery: float = 0.6
    confirms: float = 0.4
    grid: str = "generated (standard)"


FAMILIES: dict[str, tuple[str, list[Any]]] = {
    "call share": ("call_share", [0.05, 0.1, 0.2, 0.4]),
    "call delay median (min)": ("delay_median", [5.0, 15.0, 30.0, 60.0]),
    "wrong-account calls": ("wrong_account", [0.0, 0.01, 0.025, 0.05]),
    "single-customer faults": ("single_share", [0.1, 0.2, 0.3, 0.4]),
    "meter delivery": ("delivery", [0.3, 0.6, 0.95]),
    "crew confirmations": ("confirms", [0.0, 0.4, 0.8]),
    "grid": (
        "grid",
        [*SHAPES, "simbench 1-MVLV-rural-all-0-sw", "simbench 1-MVLV-semiurb-all-0-sw"],
    ),
}


def grid_rows(name: str, seed: int) -> list[tuple[str, str, str]]:
    if name.startswith("simbench "):
        code = name.split(" ", 1)[1]
        cache = OUT / f"simbench-{code}.json"
        if not cache.exists():  # importing a simbench grid takes a minute
            OUT.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps(simbench_rows(code, (1, 2), 1)), encoding="utf-8")
        return [tuple(r) for r in json.loads(cache.read_text(encoding="utf-8"))]  # type: ignore[misc]
    shape: Shape = SHAPES[name]
    return shaped_rows(CUSTOMERS, shape, seed)


def project_storm(net: Network, s: Setting, seed: int) -> Storm:
    device_rate = 2.5 / 1000
    config = StormConfig(
        customer_problem_rate=device_rate * s.single_share / (1.0 - s.single_share),
        call_share_range=(s.call_share * 0.5, min(1.0, s.call_share * 1.5)),
        call_delay_minutes=s.delay_median / math.log(2.0),
        message_delivery=s.delivery,
        message_delivery_lightning=max(0.0, s.delivery - 0.15),
        crew_confirms=s.confirms,
    )
    storm = simulate_storm(net, seed=seed, config=config)
    return _with_wrong_accounts(net, storm, s.wrong_account, seed)


def _with_wrong_accounts(net: Network, storm: Storm, share: float, seed: int) -> Storm:
    """Log a share of the calls against a household nearby, who later says power is on; the
    truth is then signed by the calls as moved, as the household-day generator's is."""
    if share <= 0.0:
        return storm
    rng = random.Random(seed * 7919)
    events = []
    for event in storm.events:
        if event["type"] == "call" and rng.random() < share:
            number = int(net.customer_number[net.index[event["customer"]]])
            other = min(net.customer_count - 1, max(0, number + rng.randint(-60, 60)))
            who = net.ids[int(net.customer_element[other])]
            events.append({**event, "customer": who})
            events.append(
                {
                    "t": event["t"] + rng.uniform(1800.0, 3 * 3600.0),
                    "type": "call_on",
                    "customer": who,
                }
            )
        else:
            events.append(event)
    events.sort(key=lambda e: (e["t"], e["type"] != "checkpoint"))
    truth = signed_from_stream(net, events, storm.truth)
    return Storm(events=events, truth=truth, supply=storm.supply)


def day_storm(net: Network, s: Setting, seed: int) -> Storm:
    config = DayConfig(
        single_share=s.single_share,
        call_share=s.call_share,
        call_delay_median_minutes=s.delay_median,
        wrong_account=s.wrong_account,
        meter_delivery=s.delivery,
        crew_confirms=s.confirms,
    )
    return simulate_day(net, seed=seed, config=config)


def run(
    method: str, net: Network, storm: Storm, pings: int = 0, seed: int = 0
) -> tuple[Any, float, int, tuple[int, int]]:
    """Score ``method`` on ``storm``; with ``pings`` the engine asks for that many meters to be
    pinged every five minutes (``ping_stream``). Returns the score, the seconds, the events
    taken in (answers to pings among them) and the pings sent and answered."""
    engine: Any = OutageInference(net) if method == "engine" else RollupBaseline(net)
    checkpoints = []
    events = 0
    stream = ping_stream(engine, net, storm, pings, seed) if pings and method == "engine" else None
    started = time.perf_counter()
    for event in storm.events if stream is None else stream.run(storm.events):
        if event["type"] == "checkpoint":
            picture = engine.picture(event["t"])
            outages = (
                [(o.device, o.customers) for o in picture.outages]
                if method == "engine"
                else picture
            )
            checkpoints.append(
                {
                    "id": event["id"],
                    "t": event["t"],
                    "outages": [{"device": d, "customers": c} for d, c in outages],
                }
            )
            continue
        engine.ingest(event["t"], event["type"], event.get("customer") or event.get("device"))
        events += 1
    seconds = time.perf_counter() - started
    sent = (0, 0) if stream is None else (stream.sent, stream.answered)
    return score_prediction(net, storm.truth, {"checkpoints": checkpoints}), seconds, events, sent


PING_MINUTES = 5.0


def ping_stream(engine: Any, net: Network, storm: Storm, most: int, seed: int) -> PingLoop:
    """The head-end's loop beside ``storm``: every ``PING_MINUTES`` the engine names at most
    ``most`` meters, and the powered ones answer at their delivery (``simulation.headend``)."""
    if storm.supply is None:
        raise ValueError("this storm does not say who had power when: no pings")

    def ask(t: float) -> list[str]:
        return [r.customer for r in engine.pings(t, most)]

    return PingLoop(net, storm.supply, ask, every=PING_MINUTES * 60.0, seed=seed)


KEYS = ("engine", "rollup", "engine_multi", "rollup_multi", "engine_cut", "rollup_cut")


def storm_counts(task: tuple[Any, ...]) -> dict[str, list[int]]:
    """One storm's (true positives, false positives, misses): engine and roll-up with calls
    only (all outages), and with 30 % of meters (outages of more than one customer, strictly
    and by customers cut); ``(setting, generator, seed)``, then optionally how many meters the
    engine may ask to be pinged at a time (with 30 % of meters; ``pings`` counts them)."""
    setting, generator, seed = task[:3]
    most = task[3] if len(task) > 3 else 0
    counts = {k: [0, 0, 0] for k in KEYS}
    counts["pings"] = [0, 0, 0]  # (sent, answered, storms)
    rows = grid_rows(setting.grid, seed)
    for coverage in (0.0, 0.3):
        net = network(rows, coverage, seed)
        make = project_storm if generator == "project" else day_storm
        storm = make(net, setting, seed)
        for method in ("engine", "rollup"):
            pings = most if coverage > 0.0 else 0
            score, _, _, (sent, answered) = run(method, net, storm, pings, seed)
            if pings and method == "engine":
                counts["pings"] = [sent, answered, 1]
            key = method if coverage == 0.0 else f"{method}_multi"
            part = score.all if coverage == 0.0 else score.multi
            for i, v in enumerate((part.tp, part.fp, part.fn)):
                counts[key][i] += v
            if coverage > 0.0:
                cut = score.multi_by_customers
                for i, v in enumerate((cut.tp, cut.fp, cut.fn)):
                    counts[f"{method}_cut"][i] += v
    return counts


def pooled(storms: list[dict[str, list[int]]]) -> dict[str, float]:
    """F1 of engine and roll-up pooled over storms (``storm_counts``)."""
    counts = {k: [sum(c[k][i] for c in storms) for i in range(3)] for k in KEYS}
    f1 = {k: _f1(*v) for k, v in counts.items()}
    return {
        "engine": f1["engine"],
        "rollup": f1["rollup"],
        "margin": f1["engine"] - f1["rollup"],
        "multi30": f1["engine_multi"],
        "rollup_multi30": f1["rollup_multi"],
        "multi30_cut": f1["engine_cut"],
        "rollup_multi30_cut": f1["rollup_cut"],
        "lost_multi30": counts["engine_multi"][1] + counts["engine_multi"][2],
    }


def measure(setting: Setting, generator: str, seeds: list[int]) -> dict[str, float]:
    """Pooled over the seeds: F1 of engine and roll-up with calls only, and the engine's F1 of
    outages of more than one customer with 30 % of meters."""
    return pooled([storm_counts((setting, generator, seed)) for seed in seeds])


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def options() -> argparse.ArgumentParser:
    parser = storm_parser(__doc__)
    seeds_option(parser, "101,102,103")
    parser.add_argument("--families", default=",".join(FAMILIES))
    generators_option(parser)
    parser.add_argument("--quick", action="store_true", help="one seed; first and last values")
    jobs_option(parser)
    json_option(parser, "write every storm's counts here")
    pings_option(parser)
    return parser


def main() -> None:
    args = options().parse_args()
    seeds = seeds_of(args.seeds)
    if args.quick:
        seeds = seeds[:1]
    settings: list[tuple[str, Any, Setting]] = []
    for family in args.families.split(","):
        field, values = FAMILIES[family]
        if args.quick:
            values = [values[0], values[-1]]
        for value in values:
            settings.append((family, value, replace(Setting(), **{field: value})))
    generators = args.generators.split(",")
    # Each storm once (the middle setting is in several families), in parallel if asked.
    tasks = list(
        dict.fromkeys(
            (s, g, seed, args.pings) for _, _, s in settings for g in generators for seed in seeds
        )
    )
    with ProcessPoolExecutor(args.jobs) as pool:
        results = dict(zip(tasks, pool.map(storm_counts, tasks, chunksize=4), strict=True))
    if args.json:
        Path(args.json).write_text(
            json.dumps([[asdict(s), g, seed, c] for (s, g, seed, _), c in results.items()]),
            encoding="utf-8",
        )
    rows: list[dict[str, Any]] = []
    print(
        "| family | value | generator | F1 engine | F1 roll-up | margin | F1 >1 at 30 % meters "
        "| by customers cut | roll-up F1 >1 (by customers cut) |\n"
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
        flush=True,
    )
    for family, value, setting in settings:
        for generator in generators:
            figures = pooled([results[(setting, generator, seed, args.pings)] for seed in seeds])
            row = {"family": family, "value": value, "generator": generator, **figures}
            rows.append(row)
            print(_line(row), flush=True)
    print("\nWorst per family (over its settings and both generators):\n")
    print(
        "| family | worst margin (setting) | worst F1 >1 at 30 % meters (setting) "
        "| the same, by customers cut (setting) |\n|---|---|---|---|"
    )
    for family in dict.fromkeys(r["family"] for r in rows):
        mine = [r for r in rows if r["family"] == family]
        m = min(mine, key=lambda r: r["margin"])
        q = min(mine, key=lambda r: r["multi30"])
        c = min(mine, key=lambda r: r["multi30_cut"])
        print(
            f"| {family} | {m['margin']:+.3f} ({_value(m)}, {m['generator']}) "
            f"| {q['multi30']:.3f} ({_value(q)}, {q['generator']}) "
            f"| {c['multi30_cut']:.3f} ({_value(c)}, {c['generator']}) |"
        )
    m = min(rows, key=lambda r: r["margin"])
    q = min(rows, key=lambda r: r["multi30"])
    c = min(rows, key=lambda r: r["multi30_cut"])
    print(
        f"| **all** | {m['margin']:+.3f} ({m['family']} {_value(m)}, {m['generator']}) "
        f"| {q['multi30']:.3f} ({q['family']} {_value(q)}, {q['generator']}) "
        f"| {c['multi30_cut']:.3f} ({c['family']} {_value(c)}, {c['generator']}) |"
    )
    under = sum(r["multi30"] < 0.95 for r in rows)
    lost = sum(results[t]["engine_multi"][1] + results[t]["engine_multi"][2] for t in tasks)
    under_cut = sum(r["multi30_cut"] < 0.95 for r in rows)
    print(
        f"\nSettings under 0.95 with 30 % meters: {under} of {len(rows)} "
        f"({under_cut} by customers cut); outages of more than one customer lost "
        f"(false + missed, each storm once): {lost}."
    )
    if args.pings:
        sent = [results[t]["pings"][0] for t in tasks]
        answered = sum(results[t]["pings"][1] for t in tasks)
        print(
            f"Pings (at most {args.pings} every {PING_MINUTES:g} minutes, 30 % meters): "
            f"{sum(sent) / len(sent):.0f} sent per storm (most {max(sent)}), "
            f"{answered / max(1, sum(sent)):.0%} answered."
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "families.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


def _value(r: dict[str, Any]) -> str:
    v = r["value"]
    if isinstance(v, float) and v <= 1.0 and r["family"] != "call delay median (min)":
        return f"{v * 100:g}%"  # (2.5 %, not "2%")
    return str(v)


def _line(r: dict[str, Any]) -> str:
    return (
        f"| {r['family']} | {_value(r)} | {r['generator']} | {r['engine']:.3f} "
        f"| {r['rollup']:.3f} | {r['margin']:+.3f} | {r['multi30']:.3f} | {r['multi30_cut']:.3f} "
        f"| {r['rollup_multi30']:.3f} ({r['rollup_multi30_cut']:.3f}) |"
    )


if __name__ == "__main__":
    main()
