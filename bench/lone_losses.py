"""What the engine loses on outages of one customer with calls only, sorted by what they were.

    python3 -m uv run python bench/lone_losses.py --seeds 1-20 --settings single_share=0.4

Runs the engine on storms of ``bench/families.py`` settings (``bench/multi_errors.py``'s names;
seeds of the caller's choice, never the table's) with calls only and, at each checkpoint, sorts
each customer named alone who is not truly out on their own (false) and each customer truly out
on their own, with a sign, not named (missed):

- false: ``in a larger outage`` (the customer is out, from a device above), ``said on later``
  (the customer later says power is on: a wrong account, or a callback), ``never answered``
  (a call about the house or nothing, never cleared);
- missed: ``below a device named`` (a device above named instead), ``weighed, chance c``
  (a lone call the engine weighs, its chance of an own fault ``c`` at most one half: the
  chance in tenths), ``set aside by a restore above`` (the call came before power came back
  above, and counts as that outage's), ``no call yet`` (its sign was a call logged on another
  account, or comes later in the stream), ``other``.

Counts are per checkpoint (a customer missed at four checkpoints counts four times), as the
F1 of ``bench/families.py`` counts them.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.families import day_storm, grid_rows, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.loss_kinds import signed_and_named  # noqa: E402
from bench.multi_errors import SETTINGS  # noqa: E402
from bench.storm_args import storm_options, storm_parser, storm_runs  # noqa: E402
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402


def one(task: tuple[str, str, int]) -> tuple[str, str, Counter[str]]:
    name, generator, seed = task
    setting = SETTINGS[name]
    net = network(grid_rows(setting.grid, seed), 0.0, seed)
    storm = (project_storm if generator == "project" else day_storm)(net, setting, seed)
    said_on: dict[str, list[float]] = {}
    calls: dict[str, list[float]] = {}
    for event in storm.events:
        if event["type"] == "call_on":
            said_on.setdefault(event["customer"], []).append(event["t"])
        elif event["type"] == "call":
            calls.setdefault(event["customer"], []).append(event["t"])
    engine = OutageInference(net)
    st = engine._st  # (the engine's state: which calls it weighs as lone, and since when)
    truth = {cp["id"]: cp for cp in storm.truth["checkpoints"]}
    kinds: Counter[str] = Counter()
    for event in storm.events:
        if event["type"] != "checkpoint":
            engine.ingest(event["t"], event["type"], event.get("customer") or event["device"])
            continue
        now = event["t"]
        picture = engine.picture(now)
        cp = truth[event["id"]]
        signed, named = signed_and_named(net, cp, picture, shared=False)
        truly_open = {net.index[o["device"]] for o in cp["open"]}
        for element in named - signed:
            if net.customer_number[element] < 0:
                continue
            customer = net.ids[element]
            if any(e == element or net.is_below(element, e) for e in truly_open):
                kinds["false: in a larger outage"] += 1
            elif any(t > now for t in said_on.get(customer, [])):
                kinds["false: said on later"] += 1
            else:
                kinds["false: never answered"] += 1
        for element in signed - named:
            if net.customer_number[element] < 0:
                continue
            number = int(net.customer_number[element])
            customer = net.ids[element]
            called = st.lone_pending.get(number)
            if any(net.is_below(element, e) for e in named):
                kinds["missed: below a device named"] += 1
            elif called is not None:
                score = st.params.lone_call_llr(now - called)
                chance = 1.0 / (1.0 + math.exp(-score))
                kinds[f"missed: weighed, chance {math.floor(chance * 10) / 10:.1f}"] += 1
            elif not any(t <= now for t in calls.get(customer, [])):
                kinds["missed: no call yet"] += 1
            elif _restored_above_since(st, element, max(t for t in calls[customer] if t <= now)):
                kinds["missed: set aside by a restore above"] += 1
            else:
                kinds["missed: other"] += 1
        kinds["found"] += sum(net.customer_number[e] >= 0 for e in named & signed)
    return name, generator, kinds


def _restored_above_since(st: Any, element: int, t: float) -> bool:
    node = st.evidence.cparent[element]
    while node >= 0:
        if st.restored_at.get(node, -math.inf) > t:
            return True
        node = st.evidence.cparent[node]
    return False


def options() -> argparse.ArgumentParser:
    parser = storm_parser(__doc__)
    storm_options(parser, seeds="1-20", settings="single_share=0.4")
    return parser


def main() -> None:
    args = options().parse_args()
    tasks = storm_runs(args)
    groups: dict[tuple[str, str], Counter[str]] = {}
    with ProcessPoolExecutor(args.jobs) as pool:
        for name, generator, kinds in pool.map(one, tasks):
            groups.setdefault((name, generator), Counter()).update(kinds)
    for (name, generator), kinds in groups.items():
        false = sum(v for k, v in kinds.items() if k.startswith("false"))
        missed = sum(v for k, v in kinds.items() if k.startswith("missed"))
        print(
            f"{name} {generator}: one customer found {kinds['found']}, false {false}, "
            f"missed {missed}"
        )
        for kind, count in sorted(kinds.items()):
            if kind != "found":
                print(f"    {kind}: {count}")


if __name__ == "__main__":
    main()
