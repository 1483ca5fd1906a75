"""Where a method's errors are, on the benchmark's cached storms.

    python3 -m uv run python bench/errors.py bench/out/100000-0
    python3 -m uv run python bench/errors.py bench/out/10000-0* --method rollup

For each storm folder (made by ``bench/storm.py``) it runs the method, scores it as the
contract does, and counts the misses by class, summed over the folders: false alarms and missed
outages, by kind of device, one customer or more, and how they relate to the truth (a false
alarm below or above a truly open device, a missed outage with something predicted below or
above it, or nothing near). The classes point at what to work on next.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.baselines import RollupBaseline  # noqa: E402
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.model.network import Network  # noqa: E402
from powerdesk.engine.readwrite.events_jsonl import read_events  # noqa: E402
from powerdesk.engine.readwrite.network_csv import load_network_csv  # noqa: E402
from powerdesk.engine.simulation.score import top_most  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--method", choices=["engine", "rollup"], default="engine")
    args = parser.parse_args()
    total: collections.Counter[tuple[str, ...]] = collections.Counter()
    for folder in args.folders:
        total.update(classify(folder, args.method))
    print(f"{'count':>6}  error  device       size    relation")
    for (error, kind, size, relation), count in total.most_common():
        print(f"{count:>6}  {error:<5}  {kind:<11}  {size:<6}  {relation}")


def classify(folder: Path, method: str) -> collections.Counter[tuple[str, ...]]:
    network = load_network_csv(folder / "NET.csv")
    truth = json.loads((folder / "TRUTH.json").read_text(encoding="utf-8"))
    by_id = {cp["id"]: cp for cp in truth["checkpoints"]}
    engine: Any = OutageInference(network) if method == "engine" else RollupBaseline(network)
    index = network.index
    counts: collections.Counter[tuple[str, ...]] = collections.Counter()
    for event in read_events(folder / "EVENTS.jsonl"):
        if event.type != "checkpoint":
            engine.ingest(event.t, event.type, event.target)
            continue
        picture = engine.picture(event.t)
        named = (
            [o.device for o in picture.outages] if method == "engine" else [d for d, _ in picture]
        )
        checkpoint = by_id[event.target]
        open_now = {index[o["device"]] for o in checkpoint["open"]}
        truth_set = top_most(
            network, {index[o["device"]] for o in checkpoint["open"] if o["signed"]}
        )
        predicted = top_most(network, {index[d] for d in named})
        for element in predicted - truth_set:
            counts[
                ("false", *_kind(network, element), _near(network, element, open_now, "truly open"))
            ] += 1
        for element in truth_set - predicted:
            counts[
                ("miss", *_kind(network, element), _near(network, element, predicted, "predicted"))
            ] += 1
    return counts


def _kind(network: Network, element: int) -> tuple[str, str]:
    single = network.customer_number[element] >= 0 or network.customers_below(element) == 1
    return network.kind_name(element), "one" if single else "more"


def _near(network: Network, element: int, others: set[int], what: str) -> str:
    for other in others:
        if other == element:
            return "truly open, no sign yet"
        if other <= element < network.end[other]:
            return f"below a {what} device"
        if element <= other < network.end[element]:
            return f"above a {what} device"
    return f"no {what} device near"


if __name__ == "__main__":
    main()
