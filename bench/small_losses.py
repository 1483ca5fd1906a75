"""What evidence the small devices the engine loses had, with meters reporting.

    python3 -m uv run python bench/small_losses.py --seeds 1-20 --settings rural,semiurb --jobs 2

Runs the engine on storms of ``bench/families.py`` settings (``bench/multi_errors.py``'s names;
seeds of the caller's choice, never the table's) and, at each checkpoint, takes each false and
each missed outage of 2-20 customers (``--least``/``--most``) as ``multi_errors.classify``
sorts them, and records what was below it: the engine's counts (calls, last gasps, reports of
power on, signs made stale by a restore, meters silent since one, meters unheard), the parts
of its score (calls, last gasps, silence after a restore, its prior, the hours without a
repair), how long since its first sign and since power last came back above it; and from the
storm, what was truly there (for a false one: a customer's own fault below, the device itself
open earlier; for a missed one: how long it has been open, what its customers sent since, and
whether a device above was restored since it opened, and then: which, when, whose signs came
first, and what its customers sent after). Counts are per checkpoint, as F1 counts them.
``--json`` writes every record. ``--calibrate`` also records every device of that size scored
within 6 nats of being named (not below one named) and prints, by its margin (open against
closed), per generator, the share truly open: where the margins are calibrated, 1 / (1 + e^-margin).
``--param NAME=VALUE`` runs the engine with another value of a ``Params`` rate.
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if len(sys.argv) > 2 and sys.argv[1] == "--engine-root":  # another version of the engine
    sys.path.insert(0, sys.argv[2])
    del sys.argv[1:3]

from bench.families import day_storm, grid_rows, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.multi_errors import SETTINGS  # noqa: E402
from bench.small_losses_report import calibration, summary  # noqa: E402
from bench.storm_args import (  # noqa: E402
    json_option,
    meters_option,
    param_option,
    params_of,
    storm_options,
    storm_parser,
    storm_runs,
)
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.inference.evidence import (  # noqa: E402
    AFTER_RESTORE,
    AMI_OFF,
    CALL,
    ON_AMI,
    ON_CALL,
    STALE,
    UNHEARD,
    counter,
)
from powerdesk.engine.inference.scoring import _restored_area, _unrepaired, tally_below  # noqa: E402
from powerdesk.engine.inference.solve import solve  # noqa: E402
from powerdesk.engine.model.network import Network  # noqa: E402
from powerdesk.engine.model.params import Params  # noqa: E402
from powerdesk.engine.simulation.score import top_most  # noqa: E402

INF = math.inf


def _parts(engine: OutageInference, node: int, now: float) -> dict[str, float]:
    """The parts of ``scoring.device_score`` for ``node`` (its own first sign as onset)."""
    st = engine._st
    state, params = st.evidence, st.params
    tally = tally_below(st, node)
    silent = tally.customers - tally.evidenced
    silent_metered = tally.meters - tally.evidenced_metered
    first = state.first_sign[node]
    minutes = max(1.0, (now - first) / 60.0) if first < INF else 0.0
    silence = 0.0
    if tally.silent_after:
        since = now - state.epoch[node]
        reported, others = _restored_area(st, node, tally)
        silence = params.silent_after_restore_llr(
            tally.silent_after,
            None if since >= st.grace else since,
            reported=reported,
            others_silent=others,
        )
    return {
        "calls_llr": params.call_pattern_llr(tally.calls, tally.calls + silent, minutes),
        "meters_llr": params.meter_pattern_llr(tally.meter_off, tally.meter_off + silent_metered),
        "said_on_llr": tally.said_on * st.llr[ON_AMI],
        "stale_llr": tally.stale_unmetered * st.llr[STALE],
        "silent_after_llr": silence,
        "prior": st.prior[node],
        "unrepaired": _unrepaired(st, now - first) if first < INF else 0.0,
        "silent_metered": silent_metered,
    }


def _counts(engine: OutageInference, node: int) -> dict[str, int]:
    state = engine._st.evidence
    return {
        "calls": state.count(node, CALL),
        "last_gasps": state.counts[counter(AMI_OFF, 1)][node],
        "said_on": state.count(node, ON_AMI) + state.count(node, ON_CALL),
        "stale": state.count(node, STALE),
        "silent_after": state.counts[counter(STALE, 1)][node] + state.count(node, AFTER_RESTORE),
        "unheard": state.count(node, UNHEARD),
    }


def one(task: tuple[Any, ...]) -> list[dict[str, Any]]:
    name, generator, seed, meters, least, most, calibrate, params = task
    setting = SETTINGS[name]
    net = network(grid_rows(setting.grid, seed), meters, seed)
    storm = (project_storm if generator == "project" else day_storm)(net, setting, seed)
    index = net.index
    truth = {cp["id"]: cp for cp in storm.truth["checkpoints"]}
    engine = OutageInference(net, replace(Params(), **params) if params else None)
    st = engine._st
    sent: list[tuple[float, str, int]] = []  # (t, type, customer number): customers' events
    restores: list[tuple[float, int]] = []
    seen_open: dict[int, float] = {}  # device -> last checkpoint time it was truly open
    said_on: dict[int, list[float]] = {}  # customer number -> when they said power is on
    for event in storm.events:
        if event["type"] == "call_on":
            said_on.setdefault(int(net.customer_number[index[event["customer"]]]), []).append(
                event["t"]
            )
    records: list[dict[str, Any]] = []
    for event in storm.events:
        kind = event["type"]
        if kind != "checkpoint":
            target = event.get("customer") or event["device"]
            engine.ingest(event["t"], kind, target)
            element = index[target]
            if kind in ("restore", "scada_close"):
                restores.append((event["t"], element))
            number = int(net.customer_number[element])
            if number >= 0:
                sent.append((event["t"], kind, number))
            continue
        now = event["t"]
        picture = engine.picture(now)
        cp = truth[event["id"]]
        opened = {index[o["device"]]: o for o in cp["open"]}
        signed = top_most(net, {e for e, o in opened.items() if o["signed"]})
        named = top_most(net, {index[o.device] for o in picture.outages})

        def counted(e: int) -> bool:
            return net.customer_number[e] < 0 and least <= net.customers_below(e) <= most

        signed_c = {e for e in signed if net.customer_number[e] < 0 and net.customers_below(e) >= 2}
        named_c = {e for e in named if net.customer_number[e] < 0 and net.customers_below(e) >= 2}
        kinds = _kinds(net, signed_c, named_c)
        solution = solve(st, now)
        if calibrate:
            # Every device of the size scored, not below one named: its margin (open against
            # closed) and whether it was truly open, to see how well the margins are calibrated.
            for e, opened_score in solution.open_scores.items():
                if not counted(e) or opened_score == -INF:
                    continue
                if any(a in named for a in net.ancestors(e)):
                    continue
                margin = opened_score - max(0.0, solution.alternatives.get(e, 0.0))
                if abs(margin) > 6.0:
                    continue
                records.append(
                    {
                        "setting": name,
                        "generator": generator,
                        "seed": seed,
                        "what": "scored",
                        "margin": margin,
                        "truly": e in signed,
                        "named": e in named,
                        "customers": net.customers_below(e),
                        **_counts(engine, e),
                        "meters": st.evidence.meters[e],
                    }
                )
        for e, (what, how) in kinds.items():
            if not counted(e):
                continue
            lo, hi = int(net.first_customer[e]), int(net.end_customer[e])
            first = st.evidence.first_sign[e]
            epoch = st.evidence.epoch[e]
            record: dict[str, Any] = {
                "setting": name,
                "generator": generator,
                "seed": seed,
                "t": now,
                "what": what,
                "how": how,
                "device": net.ids[e],
                "customers": hi - lo,
                "meters": st.evidence.meters[e],
                "since_first_sign": (now - first) / 60.0 if first < INF else None,
                "since_power_back": (now - epoch) / 60.0 if epoch > -INF else None,
                "open_score": solution.open_scores.get(e),
                "alternative": solution.alternatives.get(e),
                **_counts(engine, e),
                **_parts(engine, e, now),
            }
            below = [o for x, o in opened.items() if x != e and net.is_below(x, e) and o["signed"]]
            record["truly_open_below"] = len(below)
            record["own_faults_below"] = sum(
                1 for x in opened if x != e and net.is_below(x, e) and net.customer_number[x] >= 0
            )
            if what == "missed":
                since = opened[e]["since"]
                record["open_minutes"] = (now - since) / 60.0
                got = Counter(k for t, k, n in sent if since <= t <= now and lo <= n < hi)
                record["sent_since_open"] = dict(got)
                record["restored_above_since_open"] = sum(
                    1 for t, x in restores if since <= t <= now and x != e and net.is_below(e, x)
                )
                record["restored_at_since_open"] = sum(
                    1 for t, x in restores if since <= t <= now and x == e
                )
                above = [
                    (t, x)
                    for t, x in restores
                    if since <= t <= now and x != e and net.is_below(e, x)
                ]
                if above:
                    t_up, up = above[-1]
                    ulo, uhi = int(net.first_customer[up]), int(net.end_customer[up])
                    mine = [
                        t
                        for t, k, n in sent
                        if since <= t <= t_up and lo <= n < hi and k in ("call", "ami_off")
                    ]
                    theirs = [
                        t
                        for t, k, n in sent
                        if since <= t <= t_up
                        and ulo <= n < uhi
                        and not lo <= n < hi
                        and k in ("call", "ami_off")
                    ]
                    after = Counter(k for t, k, n in sent if t_up < t <= now and lo <= n < hi)
                    record["upper"] = {
                        "kind": net.kind_name(up),
                        "customers": uhi - ulo,
                        "minutes_ago": (now - t_up) / 60.0,
                        "mine_first": (min(mine) - since) / 60.0 if mine else None,
                        "theirs_first": (min(theirs) - since) / 60.0 if theirs else None,
                        "mine_signs": len(mine),
                        "after": dict(after),
                    }
            else:
                last = seen_open.get(e)
                record["was_open_minutes_ago"] = (now - last) / 60.0 if last is not None else None
                hour = Counter(k for t, k, n in sent if now - 3600.0 <= t <= now and lo <= n < hi)
                record["sent_last_hour"] = dict(hour)
                record["restored_above_last_hour"] = sum(
                    1 for t, x in restores if now - 3600.0 <= t <= now and net.is_below(e, x)
                )
                # A customer below with a sign now who later says power is on (a call logged
                # on the wrong account, or power back since).
                category = st.evidence.category
                record["said_on_later"] = any(
                    category[n] in (CALL, AMI_OFF) and any(t > now for t in said_on.get(n, ()))
                    for n in range(lo, hi)
                )
            records.append(record)
        for e in opened:
            seen_open[e] = now
    return records


def _kinds(net: Network, truth: set[int], predicted: set[int]) -> dict[int, tuple[str, str]]:
    """Each false and missed element, sorted as ``multi_errors.classify`` sorts them."""
    false, missed = predicted - truth, truth - predicted
    span = {e: (int(net.first_customer[e]), int(net.end_customer[e])) for e in false | missed}
    twins = {span[e] for e in false} & {span[e] for e in missed}
    result: dict[int, tuple[str, str]] = {}
    for e in false:
        if span[e] in twins:
            how = "twin"
        elif any(net.is_below(m, e) for m in missed):
            how = "too high"
        elif any(net.is_below(e, m) for m in missed):
            how = "too low"
        else:
            how = "nothing near"
        result[e] = ("false", how)
    for m in missed:
        if span[m] in twins:
            how = "twin"
        elif any(net.is_below(m, e) for e in false):
            how = "above named"
        elif any(net.is_below(e, m) for e in false):
            how = "below named"
        else:
            how = "nothing near"
        result[m] = ("missed", how)
    return result


def options() -> argparse.ArgumentParser:
    parser = storm_parser(__doc__)
    storm_options(parser, seeds="1-10", settings="rural,semiurb")
    meters_option(parser)
    parser.add_argument("--least", type=int, default=2)
    parser.add_argument("--most", type=int, default=20)
    json_option(parser)
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="also record every device of the size scored within 6 of naming (its margin)",
    )
    param_option(parser)
    return parser


def main() -> None:
    args = options().parse_args()
    params = params_of(args)
    tasks = [
        (name, generator, seed, args.meters, args.least, args.most, args.calibrate, params)
        for name, generator, seed in storm_runs(args)
    ]
    with ProcessPoolExecutor(args.jobs) as pool:
        records = [r for rows in pool.map(one, tasks) for r in rows]
    if args.json:
        Path(args.json).write_text(json.dumps(records), encoding="utf-8")
    summary(records)
    calibration(records)


if __name__ == "__main__":
    main()
