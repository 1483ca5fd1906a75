"""Where F1 of outages of more than one customer is lost, kind by kind, with what evidence.

    python3 -m uv run python bench/loss_kinds.py --seeds 1-10 --settings semiurb,rural \
        --generators project --jobs 1 --json loss_kinds.json

Runs the engine on storms of ``bench/multi_errors.py``'s settings (seeds of the caller's
choice, never the table's) and sorts every false and missed outage of more than one customer, at
every checkpoint, as F1 counts them, into one kind:

- *wrong level*: the outage named at a device above it (too high) or below it (too low), by how
  many protective levels (line sections, ``switch``, and bus nodes not counted); a false and
  a missed outage each, paired;
- *split*: one outage named as two or more devices below it; *merged*: two or more outages
  named as one device above them;
- *twin*: a device serving exactly the same customers named;
- *late*: missed with nothing named near it, and named at a later checkpoint while still open;
- *missed*: missed with nothing named near, never named while it lasted;
- *false*: named with nothing truly open near it.

Each record keeps what evidence the engine held on the device truly open (or on the device
named, for a false one): its customers' calls and last gasps (the engine's counts), its
reporting meters and how many are silent, whether a crew confirmed it, whether a device above
was restored since it opened, and how long it had been open. ``summary`` prints the kinds with
the F1 the row would have with that kind alone mended, then the evidence of each kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.families import day_storm, grid_rows, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.multi_errors import SETTINGS  # noqa: E402
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
from powerdesk.engine.inference.evidence import AMI_OFF, CALL, counter  # noqa: E402
from powerdesk.engine.model.network import Network  # noqa: E402
from powerdesk.engine.model.params import Params  # noqa: E402
from powerdesk.engine.simulation.score import top_most  # noqa: E402


def levels(net: Network, low: int, high: int) -> int:
    """Protective devices from ``low`` up to ``high`` (``high`` counted, ``low`` not; line
    sections and bus nodes left out): how many levels apart two devices are."""
    count = 0
    for a in net.ancestors(low):
        if net.kind_name(a) not in ("switch", "node"):
            count += 1
        if a == high:
            return count
    return count


def signed_and_named(
    net: Network, checkpoint: dict[str, Any], picture: Any, *, shared: bool = True
) -> tuple[set[int], set[int]]:
    """At a storm's ``checkpoint`` (its truth), the top-most devices truly open with a sign (the
    outages F1 counts) and the top-most the engine's ``picture`` names; ``shared``: of these,
    the devices of more than one customer only (no customer's own)."""
    index = net.index
    signed = top_most(net, {index[o["device"]] for o in checkpoint["open"] if o["signed"]})
    named = top_most(net, {index[o.device] for o in picture.outages})
    if not shared:
        return signed, named

    def kept(devices: set[int]) -> set[int]:
        return {e for e in devices if net.customer_number[e] < 0 and net.customers_below(e) >= 2}

    return kept(signed), kept(named)


def sort_losses(net: Network, truth: set[int], named: set[int]) -> list[tuple[str, str, int, int]]:
    """Every false and missed outage at one checkpoint: ``(side, kind, device, levels)``, side
    ``false`` or ``missed``; the device is the one named (false) or truly open (missed).

    >>> net = Network.from_rows([("S", "", "source"), ("R", "S", "recloser"),
    ...     ("F1", "R", "fuse"), ("F2", "R", "fuse"), ("C1", "F1", "customer"),
    ...     ("C2", "F1", "customer"), ("C3", "F2", "customer"), ("C4", "F2", "customer")])
    >>> i = net.index
    >>> sort_losses(net, {i["R"]}, {i["F1"]})
    [('false', 'too low', 2, 1), ('missed', 'too low', 1, 1)]
    >>> sorted(k for _, k, _, _ in sort_losses(net, {i["F1"], i["F2"]}, {i["R"]}))
    ['merged', 'merged', 'merged']
    >>> sorted(k for _, k, _, _ in sort_losses(net, {i["R"]}, {i["F1"], i["F2"]}))
    ['split', 'split', 'split']
    """
    false, missed = named - truth, truth - named
    out: list[tuple[str, str, int, int]] = []
    span = {e: (int(net.first_customer[e]), int(net.end_customer[e])) for e in false | missed}
    for e in sorted(false):
        below = [m for m in missed if m != e and net.is_below(m, e)]
        above = [m for m in missed if m != e and net.is_below(e, m)]
        if any(span[m] == span[e] for m in missed):
            out.append(("false", "twin", e, 0))
        elif len(below) >= 2:
            out.append(("false", "merged", e, 0))
        elif below:
            out.append(("false", "too high", e, levels(net, below[0], e)))
        elif above:
            m = above[0]
            siblings = [f for f in false if f != m and net.is_below(f, m)]
            kind = "split" if len(siblings) >= 2 else "too low"
            out.append(("false", kind, e, levels(net, e, m)))
        else:
            out.append(("false", "nothing near", e, 0))
    for m in sorted(missed):
        below = [e for e in false if e != m and net.is_below(e, m)]
        above = [e for e in false if e != m and net.is_below(m, e)]
        if any(span[e] == span[m] for e in false):
            out.append(("missed", "twin", m, 0))
        elif len(below) >= 2:
            out.append(("missed", "split", m, 0))
        elif below:
            out.append(("missed", "too low", m, levels(net, below[0], m)))
        elif above:
            e = above[0]
            together = [x for x in missed if x != e and net.is_below(x, e)]
            kind = "merged" if len(together) >= 2 else "too high"
            out.append(("missed", kind, m, levels(net, m, e)))
        else:
            out.append(("missed", "nothing near", m, 0))
    return out


def one(task: tuple[Any, ...]) -> list[dict[str, Any]]:
    name, generator, seed, meters, params = task
    setting = SETTINGS[name]
    net = network(grid_rows(setting.grid, seed), meters, seed)
    storm = (project_storm if generator == "project" else day_storm)(net, setting, seed)
    index = net.index
    truth_by_id = {cp["id"]: cp for cp in storm.truth["checkpoints"]}
    engine = OutageInference(net, replace(Params(), **params) if params else None)
    evidence = engine._st.evidence
    restores: list[tuple[float, int]] = []
    confirmed: list[tuple[float, int]] = []
    records: list[dict[str, Any]] = []
    found_at: dict[tuple[int, float], float] = {}  # (device, since) -> first checkpoint named
    was_open: set[int] = set()  # devices truly open at an earlier checkpoint
    said_on: dict[int, list[float]] = {}  # customer number -> when they said power is on
    for event in storm.events:
        if event["type"] == "call_on":
            number = int(net.customer_number[index[event["customer"]]])
            said_on.setdefault(number, []).append(event["t"])
    for event in storm.events:
        kind = event["type"]
        if kind != "checkpoint":
            target = event.get("customer") or event["device"]
            engine.ingest(event["t"], kind, target)
            if kind in ("restore", "scada_close"):
                restores.append((event["t"], index[target]))
            elif kind == "confirm_open":
                confirmed.append((event["t"], index[target]))
            continue
        now = event["t"]
        picture = engine.picture(now)
        cp = truth_by_id[event["id"]]
        since = {index[o["device"]]: o["since"] for o in cp["open"]}
        truth, named = signed_and_named(net, cp, picture)
        for e in truth & named:
            found_at.setdefault((e, since[e]), now)
        base = {"setting": name, "generator": generator, "seed": seed, "t": now}
        records.append({**base, "side": "found", "n": len(truth & named)})
        for side, what, e, apart in sort_losses(net, truth, named):
            meters = int(evidence.meters[e])
            gasps = int(evidence.counts[counter(AMI_OFF, 1)][e])
            record = {
                **base,
                "side": side,
                "kind": what,
                "levels": apart,
                "device": net.ids[e],
                "customers": net.customers_below(e),
                "calls": int(evidence.count(e, CALL)),
                "last_gasps": gasps,
                "meters": meters,
            }
            if side == "missed":
                start = since[e]
                record["since"] = start
                record["open_minutes"] = (now - start) / 60.0
                record["confirmed"] = any(t >= start and x == e for t, x in confirmed)
                record["restored_above"] = any(
                    start <= t <= now and x != e and net.is_below(e, x) for t, x in restores
                )
            if side == "false":
                lo, hi = int(net.first_customer[e]), int(net.end_customer[e])
                # What was truly there: a customer's own fault below, the device itself open
                # earlier (restored since), a customer with a sign now who later says power is
                # on (a wrong account, or power back since), or nothing of these.
                if any(x in since and net.customer_number[x] >= 0 for x in _customers(net, e)):
                    record["truly"] = "own fault below"
                elif e in was_open:
                    record["truly"] = "open earlier"
                elif any(
                    evidence.category[n] in (CALL, AMI_OFF)
                    and any(t > now for t in said_on.get(n, ()))
                    for n in range(lo, hi)
                ):
                    record["truly"] = "said on later"
                else:
                    record["truly"] = "none of these"
            records.append(record)
        was_open.update(since)
    for record in records:
        if record["side"] == "missed" and record["kind"] == "nothing near":
            key = (index[record["device"]], record["since"])
            if key in found_at and found_at[key] > record["t"]:
                record["kind"] = "late"
    return records


def _customers(net: Network, e: int) -> list[int]:
    """The elements of the customers below ``e``."""
    lo, hi = int(net.first_customer[e]), int(net.end_customer[e])
    return [int(net.customer_element[n]) for n in range(lo, hi)]


def _signs(record: dict[str, Any]) -> str:
    n = record["calls"] + record["last_gasps"]
    return "no sign" if n == 0 else "1 sign" if n == 1 else "2+ signs"


def _meters(record: dict[str, Any]) -> str:
    m = record["meters"]
    return "0 meters" if m == 0 else "1-2 meters" if m <= 2 else "3+ meters"


def summary(records: list[dict[str, Any]]) -> None:
    """Per setting: the kinds, their false and missed outages, and the F1 with that kind mended
    (a wrong-level, split or merged outage found, a false one dropped, a missed one found)."""
    by_setting: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_setting[(r["setting"], r["generator"])].append(r)
    for (name, generator), rows in sorted(by_setting.items()):
        found = sum(r["n"] for r in rows if r["side"] == "found")
        lost = [r for r in rows if r["side"] != "found"]
        false = sum(1 for r in lost if r["side"] == "false")
        missed = sum(1 for r in lost if r["side"] == "missed")
        f1 = 2 * found / max(1, 2 * found + false + missed)
        print(
            f"\n{name}, {generator}: F1 >1 {f1:.3f} (found {found}, false {false}, missed {missed})"
        )
        print("| kind | false | missed | F1 with it mended |")
        print("|---|---:|---:|---:|")
        kinds = Counter((r["kind"], r["levels"]) for r in lost)
        for kind, apart in sorted(kinds, key=lambda k: -kinds[k]):
            fs = sum(
                1
                for r in lost
                if (r["kind"], r["levels"]) == (kind, apart) and r["side"] == "false"
            )
            ms = sum(
                1
                for r in lost
                if (r["kind"], r["levels"]) == (kind, apart) and r["side"] == "missed"
            )
            mended = 2 * (found + ms) / max(1, 2 * (found + ms) + false - fs + missed - ms)
            label = f"{kind} by {apart}" if kind in ("too high", "too low") else kind
            print(f"| {label} | {fs} | {ms} | {mended:.3f} |")
        print("\n| side, kind | evidence (device truly open if missed; named if false) |")
        print("|---|---|")
        for side in ("false", "missed"):
            for kind in sorted({r["kind"] for r in lost if r["side"] == side}):
                group = [r for r in lost if r["side"] == side and r["kind"] == kind]
                parts = [
                    ", ".join(f"{k} {v}" for k, v in Counter(map(_signs, group)).most_common()),
                    ", ".join(f"{k} {v}" for k, v in Counter(map(_meters, group)).most_common()),
                    "silent meters (reporting, no last gasp) "
                    + str(sum(r["meters"] - r["last_gasps"] for r in group)),
                    "calls " + str(sum(r["calls"] for r in group)),
                ]
                if side == "false":
                    truly = Counter(r["truly"] for r in group).most_common()
                    parts.append("truly: " + ", ".join(f"{k} {v}" for k, v in truly))
                if side == "missed":
                    parts.append(f"crew confirmed {sum(r['confirmed'] for r in group)}")
                    parts.append(
                        f"restore above since open {sum(r['restored_above'] for r in group)}"
                    )
                    short = sum(1 for r in group if r["open_minutes"] < 15)
                    parts.append(f"open < 15 min {short}")
                sizes = Counter(
                    "2-20"
                    if r["customers"] <= 20
                    else "21-100"
                    if r["customers"] <= 100
                    else ">100"
                    for r in group
                )
                parts.append("sizes " + ", ".join(f"{k} {v}" for k, v in sorted(sizes.items())))
                print(f"| {side}, {kind} ({len(group)}) | {'; '.join(parts)} |")


def options(doc: str | None = __doc__, settings: str = "semiurb,rural") -> argparse.ArgumentParser:
    """The options of this script, and of ``bench/missed_signs.py`` (its ``doc``, its default
    ``settings``), which runs the engine alike."""
    parser = storm_parser(doc)
    storm_options(parser, seeds="1-10", settings=settings)
    meters_option(parser, 0.3, "share of meters reporting")
    json_option(parser, "write every record here")
    param_option(parser)
    return parser


def main() -> None:
    args = options().parse_args()
    params = params_of(args)
    tasks = [
        (name, generator, seed, args.meters, params) for name, generator, seed in storm_runs(args)
    ]
    records: list[dict[str, Any]] = []
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            for part in pool.map(one, tasks):
                records += part
    else:
        for task in tasks:
            records += one(task)
            print(*task[:3], "done", flush=True)
            if args.json:
                Path(args.json).write_text(json.dumps(records), encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps(records), encoding="utf-8")
    summary(records)


if __name__ == "__main__":
    main()
