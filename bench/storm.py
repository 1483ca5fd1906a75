"""Outage-inference benchmark: speed, memory and accuracy on simulated storms.

    python3 -m uv run python bench/storm.py                 # 10k, 100k and 1M customers
    python3 -m uv run python bench/storm.py --sizes 10000   # a quick run

For each network size and smart-meter coverage (0 %: calls only, 30 %, 100 %), it generates
networks and storms (cached in bench/out/), then runs each method in a process of its own:
this engine, the classic roll-up of outage management systems, a naive baseline (each call its
own outage) and the informed oracle (the truth's signed outages: the ceiling). It prints one
table: events per second (on the wall clock, and per CPU second of the process: the figure a shared
machine does not slow) and p50/p99 latency of taking an event in, the mean time to produce
the picture at a checkpoint, network load time, peak memory of the process, and F1 for all
outages and for outages of more than one customer.

A storm on 10,000 customers has only about 25 faults, too few for its F1 to mean much, so a size
below 100,000 customers runs enough storms (seeds 7, 8, ...) to match one storm on 100,000: ten
at 10,000. Their figures are pooled: F1 from the summed hits and misses, events/s from the summed
events and time, the median p50 and the worst p99, the mean load time and picture time, the
largest peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # (another engine root given first stays first)
    sys.path.insert(0, str(ROOT))

from bench.baselines import (  # noqa: E402
    NaiveBaseline,
    OracleBaseline,
    OutOracle,
    RollupBaseline,
)
from bench.families import ping_stream  # noqa: E402
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.model.params import Params  # noqa: E402
from powerdesk.engine.readwrite.events_jsonl import read_events  # noqa: E402
from powerdesk.engine.readwrite.network_csv import load_network_csv  # noqa: E402
from powerdesk.engine.simulation.generate import write_network  # noqa: E402
from powerdesk.engine.simulation.score import score_prediction  # noqa: E402
from powerdesk.engine.simulation.storm import simulate_storm, write_storm  # noqa: E402

OUT = ROOT / "bench" / "out"
METHODS = ["engine", "rollup", "naive", "out-oracle", "oracle"]
LABELS = {
    "engine": "PowerDesk engine",
    "engine-params": "engine, --param",
    "rollup": "classic roll-up",
    "naive": "naive",
    "out-oracle": "who-is-out oracle",
    "oracle": "informed oracle",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--meters", default="0,0.3,1")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument(
        "--pings", type=int, default=0, help="the engine may ask for K meters pinged every 5 min"
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        help="NAME=VALUE: an engine parameter for the method engine-params (e.g. --methods "
        "engine,engine-params --param kept_older_signs=2: both in one run)",
    )
    parser.add_argument("--run", help=argparse.SUPPRESS)  # internal: one method in one folder
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        params = {k: float(v) for k, _, v in (p.partition("=") for p in args.param)}
        print(json.dumps(run_one(args.run, Path(args.folder), args.pings, args.seed, params)))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        for coverage in (float(m) for m in args.meters.split(",")):
            seeds = [args.seed + k for k in range(storms_for(size))]
            folders = [prepare(size, coverage, seed) for seed in seeds]
            for method in args.methods.split(","):
                runs = []
                for folder, seed in zip(folders, seeds, strict=True):
                    pings = ["--pings", str(args.pings), "--seed", str(seed)] if args.pings else []
                    if method == "engine-params":
                        pings += [f"--param={p}" for p in args.param]
                    result = subprocess.run(
                        [
                            sys.executable,
                            __file__,
                            "--run",
                            method,
                            "--folder",
                            str(folder),
                            *pings,
                        ],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
                figures = pooled(runs)
                rows.append({"customers": size, "meters": coverage, "method": method, **figures})
                print(_row(rows[-1]), file=sys.stderr, flush=True)
    print(table(rows))
    (OUT / "results.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


def storms_for(size: int) -> int:
    """As many storms as it takes to match one storm on 100,000 customers."""
    return max(1, 100_000 // size)


def pooled(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One storm's figures, or several storms' pooled (see the module docstring)."""
    if len(runs) == 1:
        return runs[0]
    events = sum(r["events"] for r in runs)
    seconds = sum(r["events"] / r["events_per_second"] for r in runs if r["events_per_second"])
    counts = {
        key: sum(r[key] for r in runs)
        for key in ("tp_all", "fp_all", "fn_all", "tp_multi", "fp_multi", "fn_multi")
    }
    cpu = sum(r["events"] / r["events_per_cpu_second"] for r in runs if r["events_per_cpu_second"])
    return {
        "events": events,
        "events_per_second": events / seconds if seconds else 0.0,
        "events_per_cpu_second": events / cpu if cpu else 0.0,
        "p50_us": statistics.median(r["p50_us"] for r in runs),
        "p99_us": max(r["p99_us"] for r in runs),
        "checkpoint_ms": statistics.mean(r["checkpoint_ms"] for r in runs),
        "load_seconds": statistics.mean(r["load_seconds"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
        "f1_all": _f1(counts["tp_all"], counts["fp_all"], counts["fn_all"]),
        "f1_multi": _f1(counts["tp_multi"], counts["fp_multi"], counts["fn_multi"]),
        "misclassified": statistics.mean(r["misclassified"] for r in runs),
        "storms": len(runs),
        **counts,
    }


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def prepare(size: int, coverage: float, seed: int) -> Path:
    folder = OUT / f"{size}-{int(coverage * 100)}{'' if seed == 7 else f'-s{seed}'}"
    if (folder / "TRUTH.json").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    write_network(folder / "NET.csv", size, seed=seed, meter_coverage=coverage)
    storm = simulate_storm(load_network_csv(folder / "NET.csv"), seed=seed)
    write_storm(storm, folder)
    return folder


def run_one(
    method: str,
    folder: Path,
    pings: int = 0,
    seed: int = 7,
    params: dict[str, float] | None = None,
) -> dict[str, Any]:
    """One method on one cached storm; with ``pings`` (the engine only, meters reporting) the
    storm is made again from its seed, for who had power when, and the head-end answers the
    engine's pings among its events (their answers count among the events taken in). The
    method ``engine-params`` is the engine with ``params`` (``--param``) over the defaults."""
    started = time.perf_counter()
    network = load_network_csv(folder / "NET.csv")
    load_seconds = time.perf_counter() - started
    truth = json.loads((folder / "TRUTH.json").read_text(encoding="utf-8"))
    events: Iterable[tuple[float, str, str]] = [
        (e.t, e.type, e.target) for e in read_events(folder / "EVENTS.jsonl")
    ]
    if method == "engine":
        engine: Any = OutageInference(network)
    elif method == "engine-params":
        chosen = replace(Params(), **cast(dict[str, Any], params or {}))
        engine = OutageInference(network, chosen)
    elif method == "rollup":
        engine = RollupBaseline(network)
    elif method == "naive":
        engine = NaiveBaseline(network)
    elif method == "out-oracle":
        engine = OutOracle(network, truth)
    else:
        engine = OracleBaseline(network, truth)
    loop = None
    if pings and method.startswith("engine"):
        storm = simulate_storm(network, seed=seed)  # (the cached storm's events, and supply)
        loop = ping_stream(engine, network, storm, pings, seed)
        events = (
            (e["t"], str(e["type"]), e.get("customer") or e.get("device") or e["id"])
            for e in loop.run(storm.events)
        )
    latencies: list[int] = []
    cpu_ns = 0
    pictures: list[float] = []
    checkpoints = []
    clock = time.perf_counter_ns
    cpu_clock = time.process_time_ns  # (the machine may be shared: events per CPU second too)
    for t, kind, target in events:
        if kind == "checkpoint":
            tick = time.perf_counter()
            outages = engine.picture(t)
            pictures.append(time.perf_counter() - tick)
            if method.startswith("engine"):
                outages = [(o.device, o.customers) for o in outages.outages]
            checkpoints.append(
                {
                    "id": target,
                    "t": t,
                    "outages": [{"device": d, "customers": c} for d, c in outages],
                }
            )
            continue
        cpu_tick = cpu_clock()
        tick = clock()
        engine.ingest(t, kind, target)
        latencies.append(clock() - tick)
        cpu_ns += cpu_clock() - cpu_tick
    score = score_prediction(network, truth, {"checkpoints": checkpoints})
    latencies.sort()
    ingest = sum(latencies) / 1e9
    return {
        "events": len(latencies),
        "events_per_second": len(latencies) / ingest if ingest else 0.0,
        "events_per_cpu_second": len(latencies) / (cpu_ns / 1e9) if cpu_ns else 0.0,
        "p50_us": latencies[len(latencies) // 2] / 1000 if latencies else 0.0,
        "p99_us": latencies[int(len(latencies) * 0.99)] / 1000 if latencies else 0.0,
        "checkpoint_ms": statistics.mean(pictures) * 1000 if pictures else 0.0,
        "load_seconds": load_seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "f1_all": score.all.f1,
        "f1_multi": score.multi.f1,
        "misclassified": score.misclassified,
        "tp_all": score.all.tp,
        "fp_all": score.all.fp,
        "fn_all": score.all.fn,
        "tp_multi": score.multi.tp,
        "fp_multi": score.multi.fp,
        "fn_multi": score.multi.fn,
        **({"pings": loop.sent, "answered": loop.answered} if loop is not None else {}),
    }


def _row(r: dict[str, Any]) -> str:
    return (
        f"| {r['customers']:>9,} | {r['meters']:>4.0%} | {LABELS[r['method']]:<16} "
        f"| {r['events']:>7,} | {r['events_per_second']:>9,.0f} "
        f"| {r['events_per_cpu_second']:>9,.0f} | {r['p50_us']:>6.1f} "
        f"| {r['p99_us']:>7.1f} | {r['checkpoint_ms']:>8.1f} | {r['load_seconds']:>6.2f} "
        f"| {r['peak_mb']:>7,.0f} | {r['f1_all']:.3f} | {r['f1_multi']:.3f} |"
    )


def table(rows: list[dict[str, Any]]) -> str:
    header = (
        "| customers | meters | method           |  events |  events/s | ev/CPU s | p50 µs "
        "|  p99 µs | picture ms | load s | peak MB | F1 all | F1 >1 |\n"
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    return "\n".join([header, *(_row(r) for r in rows)])


if __name__ == "__main__":
    main()
