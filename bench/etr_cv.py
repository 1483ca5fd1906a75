"""Choosing the restoration model's settings without the held-out year: rolling cross-validation
inside the training years of the demo's history, on several seeds of it.

    .venv/bin/python bench/etr_cv.py [--seeds 2013 7 99] [--newest 0 150]
        [--shrink 3] [--calibrate 0.5] [--blocks 3] [--oracle]

For each seed the demo's history is built as for ``bench/etr.py`` and only the outages restored
before its held-out year are used. Each of those years from the third on is estimated by a
model learnt from the outages restored before the year began (``--newest N``: only the newest N
of them, to see a station with little history; 0 for all), at the start, with the crew on site
and once the cause is found, as ``bench/etr.py`` does. It prints the median absolute error
against the same baseline (the median per kind of device of the outages learnt from), how often
the 80 % interval held, and its mean width, per seed and on average; ``--oracle`` adds the
error and coverage at the start of the generator's oracle (``bench/etr_oracle.py``) on the same
years. ``--shrink``, ``--calibrate`` and ``--blocks`` replace ``etr_fit``'s settings of the
same names.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

STAGES = ("start", "on_site", "cause_found")


def one_seed(seed: int, newest: list[int], settings: dict[str, float], oracle: bool) -> Any:
    from demo_history import TODAY, demo_history

    station_id = demo_history(seed=seed)
    from powerdesk.outages.etr_features import at_start, restored_faults, training_samples
    from powerdesk.outages.etr_model import fit

    if settings:
        from powerdesk.outages import etr_fit

        for name, value in settings.items():
            setattr(etr_fit, name.upper(), type(getattr(etr_fit, name.upper()))(value))
    cut = dt.datetime.combine(TODAY - dt.timedelta(days=365), dt.time(0), tzinfo=dt.UTC)
    samples, _n = training_samples(station_id, before=cut)
    outages = restored_faults(station_id, cut)
    groups: list[list[Any]] = []
    for f, y in samples:
        if f.stage == "start":
            groups.append([])
        groups[-1].append((f, y))
    assert len(groups) == len(outages)
    years = sorted({o.starts_at.year for o in outages})[2:]
    truth = {o.pk: minutes(o) for o in outages}
    estimates = {}
    if oracle:
        from etr_oracle import oracle_estimates

        estimates = oracle_estimates(station_id, [o.pk for o in outages], seed=seed)
    results: dict[str, Any] = {}
    for limit in newest:
        rows: dict[str, list[tuple[float, bool, float, float]]] = {s: [] for s in STAGES}
        base_errors, oracle_rows = [], []
        for year in years:
            begins = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
            learn = [i for i, o in enumerate(outages) if o.restored_at and o.restored_at < begins]
            learn = learn[-limit:] if limit else learn
            check = [i for i, o in enumerate(outages) if o.starts_at.year == year]
            model = fit([s for i in learn for s in groups[i]], outages=len(learn))
            by_kind: dict[str, list[float]] = {}
            for i in learn:
                by_kind.setdefault(groups[i][0][0].device_kind, []).append(groups[i][0][1])
            everything = [m for v in by_kind.values() for m in v]
            for i in check:
                final = groups[i][-1][0]
                off = truth[outages[i].pk]
                kind = statistics.median(by_kind.get(final.device_kind, everything))
                base_errors.append(abs(kind - off))
                moments = {"start": (at_start(final), 0.0)}
                arrived = final.arrived_after
                if arrived is not None:
                    moments["on_site"] = (at_start(final, arrived=arrived), arrived)
                if final.cause:
                    moments["cause_found"] = (final, final.cause_after or arrived or 0.0)
                for stage, (features, _moment) in moments.items():
                    q = model.predict(features)
                    rows[stage].append(
                        (abs(q.median - off), q.low <= off <= q.high, q.high - q.low, 0.0)
                    )
                if oracle:
                    low, median, high = estimates[outages[i].pk]
                    oracle_rows.append((abs(median - off), low <= off <= high))
        base = statistics.median(base_errors)
        found = {
            stage: {
                "error": statistics.median(r[0] for r in got),
                "ratio": statistics.median(r[0] for r in got) / base,
                "coverage": 100 * sum(r[1] for r in got) / len(got),
                "width": statistics.mean(r[2] for r in got),
                "n": len(got),
            }
            for stage, got in rows.items()
            if got
        }
        if oracle:
            error = statistics.median(r[0] for r in oracle_rows)
            found["oracle"] = {
                "error": error,
                "ratio": error / base,
                "coverage": 100 * sum(r[1] for r in oracle_rows) / len(oracle_rows),
                "width": 0.0,
                "n": len(oracle_rows),
            }
        results[str(limit)] = found
    return {"years": years, "results": results}


def minutes(outage: Any) -> float:
    return float((outage.restored_at - outage.starts_at).total_seconds() / 60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[2013, 7, 99])
    parser.add_argument("--newest", type=int, nargs="+", default=[0])
    parser.add_argument("--shrink", type=float)
    parser.add_argument("--calibrate", type=float)
    parser.add_argument("--blocks", type=int)
    parser.add_argument("--oracle", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a seed, in a child
    args = parser.parse_args()
    settings = {
        k: v for k in ("shrink", "calibrate", "blocks") if (v := getattr(args, k)) is not None
    }
    if args.one is not None:
        print("JSON" + json.dumps(one_seed(args.one, args.newest, settings, args.oracle)))
        return
    # One process per seed: each builds its own demo database (Django is set up once a process).
    children = {
        seed: subprocess.Popen(
            [sys.executable, __file__, "--one", str(seed), *child_args(args)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in args.seeds
    }
    found = {}
    for seed, child in children.items():
        out, _err = child.communicate()
        if child.returncode:
            raise SystemExit(f"seed {seed} failed")
        found[seed] = json.loads(out.split("JSON", 1)[1])
    print(f"settings: {settings or 'etr_fit as it is'}")
    for limit in args.newest:
        learnt = f"newest {limit}" if limit else "all"
        for seed, got in found.items():
            years = got["years"]
            print(f"seed {seed}, years {years[0]}-{years[-1]}, learnt from {learnt} before each:")
            for stage, r in got["results"][str(limit)].items():
                print("  " + line(stage, r))
        print(f"mean over seeds, learnt from {learnt}:")
        for stage in (*STAGES, "oracle"):
            mine = [g["results"][str(limit)][stage] for g in found.values()]
            mine = [r for r in mine if r]
            if not mine:
                continue
            mean = {k: statistics.mean(r[k] for r in mine) for k in mine[0]}
            print("  " + line(stage, mean))


def line(stage: str, r: dict[str, float]) -> str:
    width = f", mean width {r['width']:4.0f} min" if r["width"] else ""
    return (
        f"{stage:<12} {r['n']:5.0f} outages: median abs error {r['error']:5.1f} min "
        f"(ratio {r['ratio']:.3f}); 80% interval coverage {r['coverage']:5.1f}%{width}"
    )


def child_args(args: argparse.Namespace) -> list[str]:
    out = ["--newest", *map(str, args.newest)]
    for name in ("shrink", "calibrate", "blocks"):
        if getattr(args, name) is not None:
            out += [f"--{name}", str(getattr(args, name))]
    return out + (["--oracle"] if args.oracle else [])


if __name__ == "__main__":
    main()
