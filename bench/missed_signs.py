"""Why the signs of outages never named are not counted: each sign, and what the engine made of it.

    nice -n 10 .venv/bin/python bench/missed_signs.py --seeds 1-10 --settings semiurb \
        --generators project --jobs 1 --json missed_signs.json

Round 43 of issue 17. Runs the engine as ``bench/loss_kinds.py`` does (tuning seeds of the
caller's choice, never the table's) and takes every outage of more than one customer missed with
nothing named near it and never named while it lasted (``loss_kinds``' *missed, nothing near*).
For each such outage at each checkpoint it lists every call and last gasp its customers made from
an hour before it opened to the checkpoint, and for each sign:

- ``category``: the customer's evidence category at the checkpoint (``calls`` and ``meter_off``
  are counted; ``stale``, ``silent_after_restore``, ``unheard_since_restore``, ``said_on``,
  ``meter_on`` or ``silent`` are not counted as an off-signal);
- ``latest``: whether the sign is still the customer's latest signal;
- ``before_onset``: made before the outage opened;
- ``above_out``: the device above truly out when the sign was made (its own outage explains it);
- ``restored_above``: the first restore or SCADA close above the device after the sign (device
  and minutes after the sign), and whether that device above was truly open then;
- ``said_on``: the customer said power is on after the sign; ``own``: the customer truly had
  its own fault; ``named_own``: the engine named the customer's own outage at the checkpoint.

``summary`` counts the signs by category and by cause, and prints every outage with its signs.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.families import grid_rows, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.loss_kinds import sort_losses  # noqa: E402
from bench.multi_errors import SETTINGS  # noqa: E402
from bench.storm_records import semiurban_options, storms_one_at_a_time  # noqa: E402
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.inference.evidence import CATEGORY_NAMES, UNHEARD  # noqa: E402
from powerdesk.engine.inference.scoring import _open_since_before  # noqa: E402
from powerdesk.engine.model.network import Network  # noqa: E402
from powerdesk.engine.model.params import Params  # noqa: E402
from powerdesk.engine.simulation.score import top_most  # noqa: E402

SIGNS = ("call", "ami_off")
LOOK_BACK = 3600.0  # signs this long before the outage opened are listed too


def _open_at(spans: dict[int, list[tuple[float, float]]], e: int, t: float) -> bool:
    return any(a <= t < b for a, b in spans.get(e, ()))


def _cause(sign: dict[str, Any]) -> str:
    """One cause per sign not counted, the first that holds."""
    if sign["category"] in ("calls", "meter_off"):
        return "counted"
    if sign["before_onset"]:
        return "made before the outage opened"
    if not sign["latest"]:
        return "replaced by a later signal"
    if sign["restored_above"] and sign["restored_above"]["truly_open"]:
        return "stale: a true outage above restored since"
    if sign["restored_above"]:
        return "stale: a restore/close above since (not truly open)"
    if sign["said_on"]:
        return "said on since"
    return "other: " + sign["category"]


def one(task: tuple[Any, ...]) -> list[dict[str, Any]]:
    name, generator, seed, meters, params = task
    if generator != "project":
        return []
    setting = SETTINGS[name]
    net: Network = network(grid_rows(setting.grid, seed), meters, seed)
    storm = project_storm(net, setting, seed)
    spans = storm.supply.outages if storm.supply else {}
    index = net.index
    truth_by_id = {cp["id"]: cp for cp in storm.truth["checkpoints"]}
    engine = OutageInference(net, Params(**params) if params else None)
    evidence = engine.state
    made: list[tuple[float, str, int]] = []  # (t, kind, customer element)
    restores: list[tuple[float, int, str]] = []
    said_on: dict[int, list[float]] = {}
    records: list[dict[str, Any]] = []
    named_ever: set[tuple[int, float]] = set()
    for event in storm.events:
        kind = event["type"]
        if kind != "checkpoint":
            target = event.get("customer") or event["device"]
            engine.ingest(event["t"], kind, target)
            if kind in SIGNS:
                made.append((event["t"], kind, index[target]))
            elif kind in ("restore", "scada_close"):
                restores.append((event["t"], index[target], kind))
            elif kind == "call_on":
                said_on.setdefault(index[target], []).append(event["t"])
            continue
        now = event["t"]
        picture = engine.picture(now)
        cp = truth_by_id[event["id"]]
        since = {index[o["device"]]: o["since"] for o in cp["open"]}
        truth = {
            e
            for e in top_most(net, {index[o["device"]] for o in cp["open"] if o["signed"]})
            if net.customer_number[e] < 0 and net.customers_below(e) >= 2
        }
        outages = {index[o.device] for o in picture.outages}
        named = {
            e
            for e in top_most(net, outages)
            if net.customer_number[e] < 0 and net.customers_below(e) >= 2
        }
        named_ever.update((e, since[e]) for e in truth & named)
        for side, what, e, _ in sort_losses(net, truth, named):
            if side != "missed" or what != "nothing near":
                continue
            start = since[e]
            lo, hi = int(net.first_customer[e]), int(net.end_customer[e])
            below = {int(net.customer_element[n]) for n in range(lo, hi)}
            above = set(net.ancestors(e)) - {e}
            signs = []
            for t, kind, c in made:
                if c not in below or not (start - LOOK_BACK <= t <= now):
                    continue
                number = int(net.customer_number[c])
                after = [(tr, x, k) for tr, x, k in restores if t < tr <= now and x in above]
                first = min(after) if after else None
                signs.append(
                    {
                        "t": t,
                        "kind": kind,
                        "customer": net.ids[c],
                        "metered": bool(evidence.metered[number]),
                        "category": CATEGORY_NAMES.get(evidence.category[number], "silent"),
                        "latest": abs(evidence.signal_t[number] - t) < 1e-6,
                        "before_onset": t < start,
                        "above_out": next(
                            (net.ids[a] for a in above if _open_at(spans, a, t)), None
                        ),
                        "restored_above": None
                        if first is None
                        else {
                            "device": net.ids[first[1]],
                            "kind": first[2],
                            "minutes_after": (first[0] - t) / 60.0,
                            "truly_open": _open_at(spans, first[1], first[0] - 1.0),
                        },
                        "said_on": any(t < x <= now for x in said_on.get(c, ())),
                        "own": _open_at(spans, c, t),
                        "named_own": c in outages,
                    }
                )
            for sign in signs:
                sign["cause"] = _cause(sign)
            records.append(
                {
                    "setting": name,
                    "seed": seed,
                    "t": now,
                    "device": net.ids[e],
                    "since": start,
                    "open_minutes": (now - start) / 60.0,
                    "customers": hi - lo,
                    "meters": int(evidence.meters[e]),
                    "unheard_meters": sum(
                        1
                        for n in range(lo, hi)
                        if evidence.metered[n] and evidence.category[n] == UNHEARD
                    ),
                    "prior": float(engine._st.prior[e]),
                    # What "open since before the restore above" adds to its score (meters'
                    # silence since, unrepaired time); -inf where that does not apply.
                    "since_before": float(_open_since_before(engine._st, e, now, start)),
                    "signs": signs,
                }
            )
    return [r for r in records if (index[r["device"]], r["since"]) not in named_ever]


def summary(records: list[dict[str, Any]]) -> None:
    """The signs of the outages never named, by what the engine made of them, and each outage."""
    signs = [s for r in records for s in r["signs"]]
    print(f"outages never named (checkpoints): {len(records)}; signs listed: {len(signs)}")
    print("by cause:", dict(Counter(s["cause"] for s in signs).most_common()))
    print("by category:", dict(Counter(s["category"] for s in signs).most_common()))
    print("above out when made:", sum(1 for s in signs if s["above_out"]))
    print("customer's own fault:", sum(1 for s in signs if s["own"]))
    print("named as own outage:", sum(1 for s in signs if s["named_own"]))
    print(
        "checkpoints with no counted sign:",
        sum(1 for r in records if not any(s["cause"] == "counted" for s in r["signs"])),
    )
    for r in records:
        print(
            f"\n{r['setting']} seed {r['seed']} {r['device']} ({r['customers']} customers, "
            f"{r['meters']} meters, {r['unheard_meters']} unheard; prior {r['prior']:.1f}, "
            f"open since before the restore above {r['since_before']:+.1f}) open since "
            f"{r['since'] / 60:.0f} min, checkpoint "
            f"{r['t'] / 60:.0f} min"
        )
        for s in r["signs"]:
            ra = s["restored_above"]
            restored = (
                f" {ra['kind']} {ra['device']} +{ra['minutes_after']:.0f} min"
                f"{' (truly open)' if ra['truly_open'] else ''}"
                if ra
                else ""
            )
            print(
                f"  {s['t'] / 60:6.0f} {s['kind']:7} {s['customer']:>10} {s['category']:22}"
                f" {s['cause']}{restored}{' above out' if s['above_out'] else ''}"
                f"{' own' if s['own'] else ''}{' said-on' if s['said_on'] else ''}"
            )


def options() -> argparse.ArgumentParser:
    """``bench/loss_kinds.py``'s options, of the semi-urban setting by default."""
    return semiurban_options(__doc__)


def main() -> None:
    storms_one_at_a_time(options().parse_args(), one, summary)


if __name__ == "__main__":
    main()
