"""How long a large network takes to load, against a plain CSV parse of the same file.

    python3 -m uv run python bench/load.py                       # 1,000,000 customers
    python3 -m uv run python bench/load.py --customers 100000 --repeat 5

It writes a generated NET.csv (cached in bench/out/load/), then, in the same process and
alternating so that both see the same load on a shared machine, times
``powerdesk.engine.network.load_network_csv`` (parse, validate, depth-first order) and a plain
parse of the same file by pandas (``pandas.read_csv`` with every column as text; installed with
the ``grid-import`` extra). It prints the best and median time of each and their ratio: the
machine is shared and noisy, so the ratio is the figure to compare between runs. Then it
times looking ids up in the loaded network: 10,000, a third of them (a storm), every id once.
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from powerdesk.engine.readwrite.network_csv import load_network_csv  # noqa: E402
from powerdesk.engine.simulation.generate import NETWORK_COLUMNS, generate_network_rows  # noqa: E402

OUT = ROOT / "bench" / "out" / "load"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"NET-{args.customers}.csv"
    if not path.exists():
        partial = path.with_suffix(".partial")
        rows = _write(partial, args.customers)
        partial.rename(path)
        print(f"wrote {path.relative_to(ROOT)}: {rows:,} rows")
    try:
        import pandas
    except ImportError:
        pandas = None
        print("pandas is not installed (uv sync --extra grid-import): timing the engine alone")

    # Wall-clock and CPU seconds of each run: on a shared machine the wall clock includes the
    # time other processes held the cores; both parsers run on one thread.
    engine: list[tuple[float, float]] = []
    plain: list[tuple[float, float]] = []
    rows = 0
    for _ in range(args.repeat):
        if pandas is not None:
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            frame = pandas.read_csv(path)
            plain.append((time.perf_counter() - wall, time.process_time() - cpu))
            del frame
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        network = load_network_csv(path)
        engine.append((time.perf_counter() - wall, time.process_time() - cpu))
        rows = len(network)
        del network
    print(f"{args.customers:,} customers, {rows:,} rows, {args.repeat} runs each")
    _report("load_network_csv", engine)
    if plain:
        _report("pandas.read_csv ", plain)
        best = min(w for w, _ in engine) / min(w for w, _ in plain)
        best_cpu = min(c for _, c in engine) / min(c for _, c in plain)
        print(f"ratio (engine / pandas), best of each: wall {best:.2f}, CPU {best_cpu:.2f}")
    _lookups(path)


def _lookups(path: Path) -> None:
    """CPU seconds to look ids up after loading, counted from the first: a network read from
    a plain file builds no dictionary of its ids while loading, only once a thirty-second as
    many as there are have been looked up, so the cost of looking up 10,000 ids (a quiet day),
    a third of them (as many as a storm's events name) and every id once is printed."""
    network = load_network_csv(path)
    keys = [i.encode().decode() for i in network.ids]  # (new strings, as events bring them)
    random.Random(1).shuffle(keys)
    index, done, times = network.index, 0, []
    gc.collect()
    cpu = time.process_time()
    for upto in sorted({min(10_000, len(keys)), len(keys) // 3, len(keys)}):
        for key in keys[done:upto]:
            index[key]
        done = upto
        times.append(f"{upto:,} {time.process_time() - cpu:.2f} s")
    print(f"ids looked up after loading, CPU: {', '.join(times)}")


def _report(label: str, runs: list[tuple[float, float]]) -> None:
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    print(
        f"{label}: wall best {min(walls):.2f} s, median {statistics.median(walls):.2f} s; "
        f"CPU best {min(cpus):.2f} s"
    )


def _write(path: Path, customers: int) -> int:
    """The generated network with a service pole above about two in five customers (a drop
    shared by neighbours): 1,000,000 customers make about 1.5 million rows."""
    rng = random.Random(7)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(NETWORK_COLUMNS)
        pole, transformer = "", ""
        for row in generate_network_rows(customers, seed=7, meter_coverage=0.3):
            if row[2] == "customer":
                if row[1] != transformer or rng.random() < 0.4:
                    transformer, pole = row[1], f"{row[1]}-D{count}"
                    writer.writerow((pole, row[1], "node", "", row[4], ""))
                    count += 1
                row = (row[0], pole, *row[2:])
            writer.writerow(row)
            count += 1
    return count


if __name__ == "__main__":
    main()
