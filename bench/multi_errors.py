"""Where the engine loses F1 on outages of more than one customer, with 30 % of meters.

    python3 -m uv run python bench/multi_errors.py --seeds 1-40 --settings standard,deep
    python3 -m uv run python bench/multi_errors.py --seeds 1-10 --generators project --jobs 2
    python3 -m uv run python bench/multi_errors.py --seeds 1-10 --meters 0 --singles  # calls only

Runs the engine on storms of ``bench/families.py`` settings (seeds of the caller's choice:
never the table's) and sorts each false and each missed outage of more than one customer, per
checkpoint, into kinds:

- ``twin``: a device named where another truly went that cuts exactly the same customers (a
  fuse feeding one transformer and nothing else); both the false and the missed one count.
- ``too high``: a device named above a truly open one (a branch fuse where a transformer went).
- ``too low``: a device named below a truly open one (a transformer inside an open fuse).
- ``false, nothing near`` and ``missed, nothing near``: the rest.

Each kind is split by the size of the device (customers below it). With ``--singles`` the
outages of one customer are sorted too (band ``1``): with ``--meters 0`` that is where the F1
of all outages with calls only is lost.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # (imported by another bench script: its engine root stays first)
    sys.path.insert(0, str(ROOT))
if len(sys.argv) > 2 and sys.argv[1] == "--engine-root":  # another version of the engine
    sys.path.insert(0, sys.argv[2])
    del sys.argv[1:3]

from bench.families import (  # noqa: E402
    FAMILIES,
    Setting,
    day_storm,
    grid_rows,
    ping_stream,
    project_storm,
)
from bench.grids import network  # noqa: E402
from bench.station_history import (  # noqa: E402
    PastLoneCalls,
    history_lone_calls,
    past_lone_calls,
)
from bench.storm_args import (  # noqa: E402
    json_option,
    meters_option,
    param_option,
    params_of,
    pings_option,
    storm_options,
    storm_parser,
    storm_runs,
)
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.model.network import Network  # noqa: E402
from powerdesk.engine.model.params import Params  # noqa: E402
from powerdesk.engine.simulation.score import top_most  # noqa: E402

SETTINGS: dict[str, Setting] = {"standard": Setting()}
for _family, (_field, _values) in FAMILIES.items():
    for _value in _values:
        _setting = replace(Setting(), **{_field: _value})
        if _setting != Setting():
            _name = str(_value).replace("simbench 1-MVLV-", "").replace("generated ", "")
            SETTINGS[f"{_field}={_name}"] = _setting
for _name in ("deep", "shallow", "wide", "narrow"):
    SETTINGS[_name] = replace(Setting(), grid=f"generated {_name}")
SETTINGS["rural"] = replace(Setting(), grid="simbench 1-MVLV-rural-all-0-sw")
SETTINGS["semiurb"] = replace(Setting(), grid="simbench 1-MVLV-semiurb-all-0-sw")


def size_band(customers: int) -> str:
    if customers <= 1:
        return "1"
    return "2-20" if customers <= 20 else "21-100" if customers <= 100 else ">100"


def classify(net: Network, truth: set[int], predicted: set[int]) -> Counter[str]:
    """Kinds of the false and missed outages (of more than one customer, unless the caller
    passes single customers too) at one checkpoint."""
    kinds: Counter[str] = Counter()
    false, missed = predicted - truth, truth - predicted
    kinds["found"] += len(truth & predicted)
    span = {e: (int(net.first_customer[e]), int(net.end_customer[e])) for e in false | missed}
    twins = {span[e] for e in false} & {span[e] for e in missed}
    for e in false:
        band = size_band(net.customers_below(e))
        if span[e] in twins:
            kinds[f"false twin {band}"] += 1
        elif any(net.is_below(m, e) for m in missed):
            kinds[f"false too high {band}"] += 1
        elif any(net.is_below(e, m) for m in missed):
            kinds[f"false too low {band}"] += 1
        else:
            kinds[f"false nothing near {band}"] += 1
    for m in missed:
        band = size_band(net.customers_below(m))
        if span[m] in twins:
            kinds[f"missed twin {band}"] += 1
        elif any(net.is_below(m, e) for e in false):
            kinds[f"missed, above named {band}"] += 1
        elif any(net.is_below(e, m) for e in false):
            kinds[f"missed, below named {band}"] += 1
        else:
            kinds[f"missed nothing near {band}"] += 1
    return kinds


HISTORY_OFFSETS = (80, 100, 119)  # a storm's past storms: seeds below 200 (never the table's)


def one(task: tuple[Any, ...]) -> tuple[str, str, int, dict[str, int]]:
    """One storm: ``(setting, generator, seed, params, meters, singles)``, then optionally the
    station's history (past storms, which shares it sets, at most how many calls it counts)."""
    name, generator, seed, params, meters, singles = task[:6]
    extra: list[Any] = [*task[6:], *[0, "qr", math.inf, 0][len(task) - 6 :]]
    history, history_shares, history_calls, pings = extra
    setting = SETTINGS[name]
    net = network(grid_rows(setting.grid, seed), meters, seed)
    least = 1 if singles else 2
    make = project_storm if generator == "project" else day_storm
    storm = make(net, setting, seed)
    chosen = replace(Params(), **cast(dict[str, Any], params)) if params else None
    if history:
        # The station's past storms (same setting and generator, other seeds): what their lone
        # calls turned out to be sets this storm's prior share of own faults.
        past = PastLoneCalls()
        for offset in HISTORY_OFFSETS[:history]:
            past_net = network(grid_rows(setting.grid, seed + offset), meters, seed + offset)
            past += past_lone_calls(past_net, make(past_net, setting, seed + offset).events)
        chosen = history_lone_calls(
            past,
            chosen,
            most=history_calls,
            own_share="q" in history_shares,
            said_on_share="r" in history_shares,
        )
    engine = OutageInference(net, chosen)
    stream = ping_stream(engine, net, storm, pings, seed) if pings else None
    kinds = engine_kinds(
        engine, net, storm, least, storm.events if stream is None else stream.run(storm.events)
    )
    if stream is not None:
        kinds["pings sent"], kinds["pings answered"] = stream.sent, stream.answered
    return name, generator, seed, dict(kinds)


def engine_kinds(
    engine: OutageInference, net: Any, storm: Any, least: int, events: Any
) -> Counter[str]:
    """The engine fed ``events`` (the storm's, or a ping stream's): the kinds of its found, false
    and missed outages of more than ``least`` customers at the storm's checkpoints."""
    index = net.index
    truth_by_id = {cp["id"]: cp for cp in storm.truth["checkpoints"]}
    kinds: Counter[str] = Counter()
    for event in events:
        if event["type"] == "checkpoint":
            picture = engine.picture(event["t"])
            cp = truth_by_id[event["id"]]
            truth = top_most(net, {index[o["device"]] for o in cp["open"] if o["signed"]})
            predicted = top_most(net, {index[o.device] for o in picture.outages})
            kinds += classify(
                net,
                {e for e in truth if _counted(net, e, least)},
                {e for e in predicted if _counted(net, e, least)},
            )
            continue
        engine.ingest(event["t"], event["type"], event.get("customer") or event["device"])
    return kinds


def _counted(net: Network, e: int, least: int) -> bool:
    """Whether an outage at ``e`` is scored: devices of at least ``least`` customers, and (with
    ``least`` 1) customers themselves."""
    if net.customer_number[e] >= 0:
        return least <= 1
    return net.customers_below(e) >= least


def options() -> argparse.ArgumentParser:
    parser = storm_parser(__doc__)
    storm_options(parser, seeds="1-40", settings="standard", settings_help=", ".join(SETTINGS))
    json_option(parser, "write every storm's counts here")
    meters_option(parser, 0.3, "share of meters reporting")
    parser.add_argument(
        "--singles", action="store_true", help="count outages of one customer too (F1 of all)"
    )
    parser.add_argument(
        "--history",
        type=int,
        default=0,
        help="past storms (1-3) whose lone calls set the prior share of own faults",
    )
    parser.add_argument(
        "--history-calls",
        type=float,
        default=float("inf"),
        help="the history counts as this many calls at most",
    )
    parser.add_argument(
        "--history-shares",
        default="qr",
        help="which shares the history sets: q (own faults), r (said on), qr (both)",
    )
    param_option(parser)
    pings_option(parser)
    return parser


def main() -> None:
    args = options().parse_args()
    params = params_of(args)
    tasks = [
        (
            name,
            generator,
            seed,
            params,
            args.meters,
            args.singles,
            args.history,
            args.history_shares,
            args.history_calls,
            args.pings,
        )
        for name, generator, seed in storm_runs(args)
    ]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, tasks))
    if args.json:
        Path(args.json).write_text(json.dumps(results), encoding="utf-8")
    report(results)


def report(results: list[tuple[str, str, int, dict[str, int]]]) -> None:
    groups: dict[tuple[str, str], Counter[str]] = {}
    storms: Counter[tuple[str, str]] = Counter()
    for name, generator, _seed, kinds in results:
        groups.setdefault((name, generator), Counter()).update(kinds)
        storms[(name, generator)] += 1
    for (name, generator), kinds in groups.items():
        sent, answered = kinds.pop("pings sent", 0), kinds.pop("pings answered", 0)
        tp = kinds["found"]
        fp = sum(v for k, v in kinds.items() if k.startswith("false"))
        fn = sum(v for k, v in kinds.items() if k.startswith("missed"))
        twin_fp = sum(v for k, v in kinds.items() if k.startswith("false twin"))
        twin_fn = sum(v for k, v in kinds.items() if k.startswith("missed twin"))
        strict = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        loose_tp = tp + twin_fp
        loose = (
            2 * loose_tp / (2 * loose_tp + fp - twin_fp + fn - twin_fn)
            if loose_tp + fp + fn
            else 1.0
        )
        print(
            f"{name} {generator}: F1 >1 {strict:.3f} (by customers cut {loose:.3f}); "
            f"found {tp}, false {fp}, missed {fn}"
            + (
                f"; pings sent per storm {sent / storms[(name, generator)]:.0f}, "
                f"answered {answered / max(1, sent):.0%}"
                if sent
                else ""
            )
        )
        for kind, count in sorted(kinds.items()):
            if kind != "found":
                print(f"    {kind}: {count}")


if __name__ == "__main__":
    main()
