"""What the lone calls the engine weighs turn out to be, named or not, and made amid a burst of
nearby calls or alone.

    python3 -m uv run python bench/lone_kinds.py --seeds 41-80 --settings single_share=0.4

Runs the engine on storms of ``bench/families.py`` settings (``bench/multi_errors.py``'s names;
seeds of the caller's choice, never the table's) with calls only and, at each checkpoint, takes
every call the engine weighs as a lone call (unanswered, its customer under no device named
open) and sorts it by what it was: the customer's ``own`` outage, a call about ``nothing`` never
answered (a problem in the house), one ``said on later`` (a wrong account, the customer called
back), or the first call of a ``larger`` outage above; by whether the engine named the customer
(its chance of an own fault above one half); and by whether it was made amid a *burst*: at least
``--calls`` other customers within ``--span`` places of the caller in the network's order of
customers called within ``--minutes`` of it (calls up to the checkpoint). Counts are per
checkpoint, as the F1 of ``bench/families.py`` counts them.
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.families import day_storm, grid_rows, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.multi_errors import SETTINGS  # noqa: E402
from bench.storm_args import storm_options, storm_parser, storm_runs  # noqa: E402
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.inference.evidence import CALL  # noqa: E402
from powerdesk.engine.simulation.score import top_most  # noqa: E402

KINDS = ("own", "nothing", "said on later", "larger")


def one(task: tuple[str, str, int, int, float, int]) -> tuple[str, str, Counter[str]]:
    name, generator, seed, span, minutes, need = task
    setting = SETTINGS[name]
    net = network(grid_rows(setting.grid, seed), 0.0, seed)
    storm = (project_storm if generator == "project" else day_storm)(net, setting, seed)
    said_on: dict[str, list[float]] = {}
    for event in storm.events:
        if event["type"] == "call_on":
            said_on.setdefault(event["customer"], []).append(event["t"])
    engine = OutageInference(net)
    st = engine._st  # (the engine's state: which calls it weighs as lone, and since when)
    truth = {cp["id"]: cp for cp in storm.truth["checkpoints"]}
    calls: list[tuple[float, int]] = []  # (time, customer number), in time order
    counts: Counter[str] = Counter()
    for event in storm.events:
        if event["type"] != "checkpoint":
            engine.ingest(event["t"], event["type"], event.get("customer") or event["device"])
            if event["type"] == "call":
                calls.append((event["t"], int(net.customer_number[net.index[event["customer"]]])))
            continue
        now = event["t"]
        picture = engine.picture(now)
        cp = truth[event["id"]]
        named = top_most(net, {net.index[o.device] for o in picture.outages})
        truly_open = {net.index[o["device"]] for o in cp["open"]}
        for number, t in st.lone_pending.items():
            if st.evidence.category[number] != CALL:
                continue
            element = int(st.evidence.customer_element[number])
            if any(d != element and net.is_below(element, d) for d in named):
                continue
            customer = net.ids[element]
            if element in truly_open:
                kind = "own"
            elif any(net.is_below(element, d) for d in truly_open):
                kind = "larger"
            elif any(x > now for x in said_on.get(customer, [])):
                kind = "said on later"
            else:
                kind = "nothing"
            lo = bisect.bisect_left(calls, (t - minutes * 60.0, -1))
            hi = bisect.bisect_right(calls, (t + minutes * 60.0, sys.maxsize))
            near = sum(1 for _, n in calls[lo:hi] if n != number and abs(n - number) <= span)
            burst = "burst" if near >= need else "alone"
            counts[f"{'named' if element in named else 'not named'}|{kind}"] += 1
            counts[f"{burst}|{kind}"] += 1
    return name, generator, counts


def options() -> argparse.ArgumentParser:
    parser = storm_parser(__doc__)
    storm_options(parser, seeds="41-50", settings="single_share=0.4")
    parser.add_argument("--span", type=int, default=60, help="places either side of the caller")
    parser.add_argument("--minutes", type=float, default=30.0, help="of the call, either side")
    parser.add_argument("--calls", type=int, default=2, help="other callers that make a burst")
    return parser


def main() -> None:
    args = options().parse_args()
    tasks = [(*task, args.span, args.minutes, args.calls) for task in storm_runs(args)]
    groups: dict[tuple[str, str], Counter[str]] = {}
    with ProcessPoolExecutor(args.jobs) as pool:
        for name, generator, counts in pool.map(one, tasks):
            groups.setdefault((name, generator), Counter()).update(counts)
    print("| setting | generator | lone calls | " + " | ".join(KINDS) + " | own share |")
    print("|---|---|---|" + "---:|" * (len(KINDS) + 1))
    for (name, generator), counts in groups.items():
        for group in ("named", "not named", "burst", "alone"):
            row = [counts[f"{group}|{kind}"] for kind in KINDS]
            total = sum(row)
            share = f"{row[0] / total:.2f}" if total else "-"
            cells = " | ".join(str(v) for v in row)
            print(f"| {name} | {generator} | {group} {total} | {cells} | {share} |")


if __name__ == "__main__":
    main()
