"""The outages named falsely, sign by sign, and the outages named after a restore above.

    nice -n 10 .venv/bin/python bench/false_signs.py --seeds 1-10 --settings semiurb \
        --generators project --jobs 1 --json false_signs.json

Round 45 of issue 17, the false side of round 43's ``bench/missed_signs.py``. Runs the engine as
``bench/loss_kinds.py`` does (tuning seeds of the caller's choice, never the table's) and, at
every checkpoint, takes every device of more than one customer the picture names (top-most, as
F1 counts them), truly open or not. Each gets an *age*: how its off-signals below (calls and
last gasps the engine counts) stand to the last time power came back above it (the evidence's
epoch, a restore or SCADA close above since the device's own last restore):

- ``no restore above``: power has not come back above it since its own last restore;
- ``old only``: every off-signal came before that, none since (an outage left over from before
  the restore above, standing on signs the restore left standing);
- ``fresh only``: every one came since; ``old and fresh``: both; ``no off-signal``.

For a device named falsely, each of its off-signals is *old* (made before that last restore
above) or *fresh* (made since, or with nothing restored above), and gets one cause, the first
that holds (the simulator's supply spans, at the moment the sign was made): the customer's
own fault; the named device itself open then (restored since); a device between it and the
customer open; a device above it open; no outage at all (a call on the wrong account, a
problem in the house).
``summary`` prints the named devices by age, true and false; the false ones by their signs'
ages and causes; and the signs by kind, age and cause.
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
from bench.loss_kinds import signed_and_named, sort_losses  # noqa: E402
from bench.multi_errors import SETTINGS  # noqa: E402
from bench.storm_records import semiurban_options, storms_one_at_a_time  # noqa: E402
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.inference.evidence import AMI_OFF, CALL, INF  # noqa: E402
from powerdesk.engine.model.network import Network  # noqa: E402
from powerdesk.engine.model.params import Params  # noqa: E402

Spans = dict[int, list[tuple[float, float]]]


def age(times: list[float], epoch: float) -> str:
    """How a device's off-signals (their ``times``) stand to the last time power came back
    above it (``epoch``; -infinity: it has not).

    >>> age([600.0, 900.0], 3000.0), age([600.0, 3600.0], 3000.0), age([3600.0], 3000.0)
    ('old only', 'old and fresh', 'fresh only')
    >>> age([600.0], -float("inf")), age([], 3000.0)
    ('no restore above', 'no off-signal')
    """
    if not times:
        return "no off-signal"
    if epoch == -INF:
        return "no restore above"
    old = sum(1 for t in times if t < epoch)
    return "old only" if old == len(times) else "fresh only" if not old else "old and fresh"


def _open_at(spans: Spans, e: int, t: float) -> bool:
    return any(a <= t < b for a, b in spans.get(e, ()))


def cause(net: Network, spans: Spans, device: int, customer: int, t: float) -> str:
    """What truly was when ``customer`` below the falsely named ``device`` made a sign at ``t``:
    the first that holds of its own fault, ``device`` open then, a device between them open, a
    device above ``device`` open, nothing.

    >>> net = Network.from_rows([("S", "", "source"), ("R", "S", "recloser"),
    ...     ("F", "R", "fuse"), ("T", "F", "transformer"), ("C", "T", "customer")])
    >>> i = net.index
    >>> spans = {i["R"]: [(0.0, 600.0)], i["T"]: [(900.0, 1200.0)]}
    >>> [cause(net, spans, i["F"], i["C"], t) for t in (300.0, 1000.0, 2000.0)]
    ['above it open', 'below it open', 'no outage']
    """
    if _open_at(spans, customer, t):
        return "own fault"
    if _open_at(spans, device, t):
        return "device itself open then"
    above = net.ancestors(customer)
    between = above[: above.index(device)] if device in above else above
    if any(_open_at(spans, a, t) for a in between):
        return "below it open"
    if any(_open_at(spans, a, t) for a in net.ancestors(device)):
        return "above it open"
    return "no outage"


def one(task: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Every named device of more than one customer at every checkpoint of one storm (the
    project's generator only: the day generator keeps no supply spans)."""
    name, generator, seed, meters, params = task
    if generator != "project":
        return []
    setting = SETTINGS[name]
    net = network(grid_rows(setting.grid, seed), meters, seed)
    storm = project_storm(net, setting, seed)
    spans: Spans = storm.supply.outages if storm.supply else {}
    truth_by_id = {cp["id"]: cp for cp in storm.truth["checkpoints"]}
    engine = OutageInference(net, Params(**params) if params else None)
    evidence = engine.state
    records: list[dict[str, Any]] = []
    last_meter: dict[int, tuple[bool, float]] = {}  # (power on, when): each meter's latest
    for event in storm.events:
        if event["type"] != "checkpoint":
            engine.ingest(event["t"], event["type"], event.get("customer") or event["device"])
            if event["type"] in ("ami_off", "ami_on"):
                number = int(net.customer_number[net.index[event["customer"]]])
                last_meter[number] = (event["type"] == "ami_on", event["t"])
            continue
        now = event["t"]
        picture = engine.picture(now)
        cp = truth_by_id[event["id"]]
        truth, named = signed_and_named(net, cp, picture)
        kinds = {e: what for side, what, e, _ in sort_losses(net, truth, named) if side == "false"}
        for e in sorted(named):
            epoch = float(evidence.epoch[e])
            lo, hi = int(evidence.first[e]), int(evidence.endc[e])
            offs = [n for n in range(lo, hi) if evidence.category[n] in (CALL, AMI_OFF)]
            record: dict[str, Any] = {
                "setting": name,
                "seed": seed,
                "t": now,
                "device": net.ids[e],
                "customers": hi - lo,
                "meters": int(evidence.meters[e]),
                "true": e in truth,
                "kind": kinds.get(e, "found"),
                "age": age([evidence.signal_t[n] for n in offs], epoch),
                "minutes_since_restore_above": (now - epoch) / 60.0 if epoch > -INF else None,
            }
            if e not in truth:
                signs = []
                for n in offs:
                    t = evidence.signal_t[n]
                    c = int(net.customer_element[n])
                    signs.append(
                        {
                            "customer": net.ids[c],
                            "kind": "call" if evidence.category[n] == CALL else "last gasp",
                            "old": epoch > -INF and t < epoch,
                            "cause": cause(net, spans, e, c, t),
                            "meter": meter_of(engine, n, last_meter),
                        }
                    )
                record["signs"] = signs
            records.append(record)
    return records


def meter_of(
    engine: OutageInference, number: int, last_meter: dict[int, tuple[bool, float]]
) -> str:
    """A sign's customer's meter (round 46): none that reports; one known to have had power
    (``live``: its latest message said power is on, sent since power last came back above it,
    or it sent nothing and power never came back above, the storm having begun with power
    on); or one not known to (its latest message a last gasp, or nothing heard since the last
    restore above). ``last_meter``: each meter's latest message, (power on, when)."""
    evidence = engine.state
    if not evidence.metered[number]:
        return "no meter"
    epoch = float(evidence.epoch[int(engine.network.customer_element[number])])
    on, when = last_meter.get(number, (True, -INF))
    return "live meter" if on and when >= epoch else "meter not known live"


def summary(records: list[dict[str, Any]]) -> None:
    """Named devices by age (true / false), the false ones by their signs, the signs."""
    print("named devices of more than one customer, by the age of their off-signals:")
    by_age = Counter((r["age"], r["true"]) for r in records)
    for what in sorted({a for a, _ in by_age}):
        true, false = by_age[(what, True)], by_age[(what, False)]
        print(f"  {what:18} {true:5} true {false:4} false (precision {true / (true + false):.2f})")
    false = [r for r in records if not r["true"]]
    print(f"\nfalse (checkpoints): {len(false)}, by their signs' age and causes:")
    grouped = Counter(
        (
            "no sign"
            if not r["signs"]
            else "all old"
            if all(s["old"] for s in r["signs"])
            else "all fresh"
            if not any(s["old"] for s in r["signs"])
            else "old and fresh",
            " + ".join(sorted({s["cause"] for s in r["signs"]})),
        )
        for r in false
    )
    for (when, causes), n in grouped.most_common():
        print(f"  {n:4}  {when:13} {causes}")
    signs = Counter(
        (s["kind"], "old" if s["old"] else "fresh", s["cause"]) for r in false for s in r["signs"]
    )
    print(f"\ntheir signs: {sum(signs.values())}")
    for (kind, when, what), n in sorted(signs.items()):
        print(f"  {n:4}  {kind:9} {when:5} {what}")
    meters = Counter((s["kind"], s.get("meter", "?")) for r in false for s in r["signs"])
    print("\ntheir signs by the customer's meter:")
    for (kind, meter), n in sorted(meters.items()):
        print(f"  {n:4}  {kind:9} {meter}")


def options() -> argparse.ArgumentParser:
    """``bench/loss_kinds.py``'s options, of the semi-urban setting by default."""
    return semiurban_options(__doc__)


def main() -> None:
    storms_one_at_a_time(options().parse_args(), one, summary)


if __name__ == "__main__":
    main()
