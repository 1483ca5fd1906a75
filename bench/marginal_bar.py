"""Small devices named by their own odds: several bars weighed on one run of the engine.

    python3 -m uv run python bench/marginal_bar.py --seeds 1-40 --settings semiurb,rural --jobs 2

Runs each storm once with the engine as it is; at each checkpoint the solved tree is read off
(``picture.extract``) once per variant: ``hard:B`` names a device of 2-20 customers when the
best picture with it open beats the best with it closed by more than ``B`` nats, ``soft:B``
when its open score beats its closed explanations summed (``inference.marginals``) by more
than ``B``; ``hard:0`` is the engine's own picture. The engine keeps what its own picture
named (the lone calls it learns from), so a variant adopted in the engine can differ slightly;
``bench/multi_errors.py --param small_device_bar=B --param small_device_soft=1`` measures that.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.families import day_storm, grid_rows, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.multi_errors import SETTINGS, _counted, classify, report, seeds_of  # noqa: E402
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.inference.ingest import flush, learn  # noqa: E402
from powerdesk.engine.inference.picture import extract  # noqa: E402
from powerdesk.engine.inference.restoration import catch_up  # noqa: E402
from powerdesk.engine.inference.solve import solve  # noqa: E402
from powerdesk.engine.simulation.score import top_most  # noqa: E402


def variant(text: str) -> tuple[float, float, float]:
    """``hard:B``, ``soft:B``, ``mhard:B`` or ``msoft:B`` as (bar, soft, metered): ``m``, the
    bar only for small devices with a reporting meter below.

    >>> variant("hard:0"), variant("soft:-0.5"), variant("mhard:0.3")
    ((0.0, 0.0, 0.0), (-0.5, 1.0, 0.0), (0.3, 0.0, 1.0))
    """
    kind, _, bar = text.partition(":")
    return float(bar), 1.0 if kind.endswith("soft") else 0.0, 1.0 if kind[0] == "m" else 0.0


Task = tuple[str, str, int, float, bool, tuple[str, ...]]


def one(task: Task) -> list[tuple[str, str, int, dict[str, int]]]:
    name, generator, seed, meters, singles, variants = task
    setting = SETTINGS[name]
    net = network(grid_rows(setting.grid, seed), meters, seed)
    make = project_storm if generator == "project" else day_storm
    storm = make(net, setting, seed)
    engine = OutageInference(net)
    st = engine._st
    least = 1 if singles else 2
    index = net.index
    truth_by_id = {cp["id"]: cp for cp in storm.truth["checkpoints"]}
    kinds = {v: Counter[str]() for v in variants}
    for event in storm.events:
        if event["type"] != "checkpoint":
            engine.ingest(event["t"], event["type"], event.get("customer") or event["device"])
            continue
        # (``OutageInference.picture``, the solved tree read off once per variant)
        flush(st)
        now = max(event["t"], st.now)
        st.now = now
        if (st.expiries and st.expiries[0][0] <= now) or st.settling:
            catch_up(st, now)
        learn(st)
        solved = solve(st, now)
        params = st.params
        cp = truth_by_id[event["id"]]
        truth = top_most(net, {index[o["device"]] for o in cp["open"] if o["signed"]})
        truth = {e for e in truth if _counted(net, e, least)}
        for v in variants:
            bar, soft, metered = variant(v)
            st.params = replace(
                params, small_device_bar=bar, small_device_soft=soft, small_device_metered=metered
            )
            outages = extract(st, solved)
            st.params = params
            if v == "hard:0":
                st.named = {index[o.device] for o in outages if o.customers > 1}
                st.named_t = now
            predicted = top_most(net, {index[o.device] for o in outages})
            kinds[v] += classify(net, truth, {e for e in predicted if _counted(net, e, least)})
    return [(f"{name} {v}", generator, seed, dict(k)) for v, k in kinds.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="1-40")
    parser.add_argument("--settings", default="semiurb,rural")
    parser.add_argument("--generators", default="project,day")
    parser.add_argument("--meters", type=float, default=0.3)
    parser.add_argument("--singles", action="store_true")
    parser.add_argument("--variants", default="hard:0,hard:-0.2,hard:-0.5,hard:0.3,soft:0")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    variants = tuple(args.variants.split(","))
    if "hard:0" not in variants:
        variants = ("hard:0", *variants)
    tasks = [
        (name, generator, seed, args.meters, args.singles, variants)
        for name in args.settings.split(",")
        for generator in args.generators.split(",")
        for seed in seeds_of(args.seeds)
    ]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = [r for rows in pool.map(one, tasks) for r in rows]
    report(results)


if __name__ == "__main__":
    main()
