"""How often a customer with no outage above has a call standing, against the rate the engine
weighs a call below a closed device by.

    python3 -m uv run python bench/closed_calls.py --seeds 1-5 --settings semiurb,rural --jobs 2

Runs the engine on storms of ``bench/families.py`` settings (``bench/multi_errors.py``'s names;
seeds of the caller's choice, never the table's) and, at each checkpoint, counts the customers
whose evidence is a call (the engine's ``CALL``) and sorts them by the truth: below a device
truly open (an outage's call), the customer's own supply truly open (an own fault), or neither
(a call about nothing: the house, a wrong account, an outage already over). Printed per setting
and generator, as shares of the network's customers averaged over the checkpoints: the own
faults and the nothing (what a call below a closed device truly stands against), the engine's
``false_call`` in use, and the learnt lone calls (``LoneCallRates.own_faults`` and
``not_faults``) per customer. ``--param NAME=VALUE`` runs the engine with another value of a
``Params`` rate.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if len(sys.argv) > 2 and sys.argv[1] == "--engine-root":  # another version of the engine
    sys.path.insert(0, sys.argv[2])
    del sys.argv[1:3]

import numpy as np  # noqa: E402

from bench.families import day_storm, grid_rows, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.multi_errors import SETTINGS  # noqa: E402
from bench.storm_args import (  # noqa: E402
    param_option,
    params_of,
    storm_options,
    storm_parser,
    storm_runs,
)
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.inference.evidence import CALL  # noqa: E402
from powerdesk.engine.model.network import Network  # noqa: E402
from powerdesk.engine.model.params import Params  # noqa: E402

FIELDS = ("own", "nothing", "outage", "false_call", "learnt_own", "learnt_nothing")


def sort_callers(net: Network, callers: Iterable[int], open_now: set[int]) -> tuple[int, int, int]:
    """Of the customers (by number) with a call standing: how many have their own supply truly
    open, how many are below a device truly open, and how many neither (``open_now``: the
    elements truly open).

    >>> from powerdesk.engine.model.network import Network
    >>> net = Network.from_rows([("S", "", "source"), ("T", "S", "transformer"),
    ...     ("C0", "T", "customer"), ("C1", "T", "customer"), ("C2", "S", "customer")])
    >>> numbers = [int(net.customer_number[net.index[c]]) for c in ("C0", "C1", "C2")]
    >>> sort_callers(net, numbers, {net.index["T"]})  # C0, C1 below T; C2 about nothing
    (0, 2, 1)
    >>> sort_callers(net, numbers, {net.index["C2"]})  # C2's own supply
    (1, 0, 2)
    """
    own = outage = nothing = 0
    for number in callers:
        element = int(net.customer_element[number])
        if element in open_now:
            own += 1
            continue
        node = int(net.parent[element])
        while node >= 0 and node not in open_now:
            node = int(net.parent[node])
        if node >= 0:
            outage += 1
        else:
            nothing += 1
    return own, outage, nothing


def one(task: tuple[str, str, int, dict[str, float]]) -> tuple[str, str, int, dict[str, float]]:
    name, generator, seed, params = task
    setting = SETTINGS[name]
    net = network(grid_rows(setting.grid, seed), 0.3, seed)
    storm = (project_storm if generator == "project" else day_storm)(net, setting, seed)
    chosen = replace(Params(), **params) if params else None  # type: ignore[arg-type]
    engine = OutageInference(net, chosen)
    truth = {cp["id"]: cp for cp in storm.truth["checkpoints"]}
    customers = net.customer_count
    sums = dict.fromkeys(FIELDS, 0.0)
    checkpoints = 0
    for event in storm.events:
        if event["type"] != "checkpoint":
            engine.ingest(event["t"], event["type"], event.get("customer") or event["device"])
            continue
        engine.picture(event["t"])
        open_now = {net.index[o["device"]] for o in truth[event["id"]]["open"]}
        categories = np.frombuffer(engine.state.category, dtype=np.uint8)
        callers = np.flatnonzero(categories == CALL).tolist()
        own, outage, nothing = sort_callers(net, callers, open_now)
        lone = engine.rates.lone
        for key, value in (
            ("own", own / customers),
            ("nothing", nothing / customers),
            ("outage", float(outage)),
            ("false_call", engine.params.false_call),
            ("learnt_own", lone.own_faults / customers),
            ("learnt_nothing", lone.not_faults / customers),
        ):
            sums[key] += value
        checkpoints += 1
    return name, generator, seed, {k: v / max(1, checkpoints) for k, v in sums.items()}


def options() -> argparse.ArgumentParser:
    parser = storm_parser(__doc__)
    storm_options(parser, seeds="1-5", settings="semiurb,rural")
    param_option(parser)
    return parser


def main() -> None:
    args = options().parse_args()
    params = params_of(args)
    tasks = [(name, generator, seed, params) for name, generator, seed in storm_runs(args)]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, tasks))
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for name, generator, _seed, row in results:
        groups.setdefault((name, generator), []).append(row)
    for (name, generator), rows in groups.items():
        mean = {k: sum(r[k] for r in rows) / len(rows) for k in FIELDS}
        print(
            f"{name} {generator}: per customer, standing calls with no outage above "
            f"{mean['own'] + mean['nothing']:.5f} (own faults {mean['own']:.5f}, nothing "
            f"{mean['nothing']:.5f}); false_call in use {mean['false_call']:.5f}; learnt lone "
            f"calls own {mean['learnt_own']:.5f}, nothing {mean['learnt_nothing']:.5f}; "
            f"outage calls standing {mean['outage']:.1f} a checkpoint"
        )


if __name__ == "__main__":
    main()
