"""The evidence ceiling of "F1 of outages of more than one customer": an oracle on the same signs.

    python3 -m uv run python bench/ceiling.py --seeds 1-40 --settings semiurb,rural --jobs 2

At each checkpoint the oracle names exactly the truly open devices of more than one customer
(the truth's, as ``bench/multi_errors.py`` scores it) that have at least one sign of their own
the engine could have seen by then, and nothing else. No method that reads the same events can
name an outage that has left no sign of its own, so its F1 is an upper bound for any of them
(the oracle names nothing false). A sign of a device's outage is, from the events as logged:

- ``calls``: a call or a last gasp from a customer below it, while it was open and the top-most
  open device above that customer (a call while a breaker above was also out is the breaker's:
  it is as likely with the device closed as open), or a crew's or SCADA's report of the device
  itself open;
- ``silence``: besides, a reporting meter below it that stayed dark when a device above it came
  back (it was then the top-most open device above that meter), counted once the engine's watch
  after that restore has ended (``Params.restore_grace_minutes``); with meters delivering about
  60 % of their messages, the silence of one meter is a weak sign.

- ``two``: (a harder bar, for comparison) two calls or last gasps of its own from different
  customers, or a crew's or SCADA's report of the device open.

The truth counts an outage as soon as a call or a last gasp below it is generated after it
began, even one logged on the wrong account, or made while a larger outage above was out
(``signed``); the report gives, per setting, the truth's outages left with no sign of each kind.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import bench.daysim as daysim  # noqa: E402
import powerdesk.engine.simulation.storm as storm_module  # noqa: E402
from bench.families import day_storm, grid_rows, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.multi_errors import SETTINGS  # noqa: E402
from bench.storm_args import meters_option, storm_options, storm_parser, storm_runs  # noqa: E402
from powerdesk.engine.model.events import EventType  # noqa: E402
from powerdesk.engine.model.network import Network  # noqa: E402
from powerdesk.engine.model.params import Params  # noqa: E402
from powerdesk.engine.simulation.score import top_most  # noqa: E402
from powerdesk.engine.simulation.storm import Interval  # noqa: E402

KINDS = ("calls", "silence", "two")


@dataclass(frozen=True)
class Outages:
    """A storm's true outages (devices and customers' own), as arrays."""

    element: np.ndarray
    end_element: np.ndarray  # one past the last element below
    start: np.ndarray
    end: np.ndarray

    @classmethod
    def of(cls, net: Network, intervals: list[Interval]) -> Outages:
        element = np.array([o.element for o in intervals], dtype=np.int64)
        return cls(
            element=element,
            end_element=net.end[element].astype(np.int64),
            start=np.array([o.start for o in intervals], dtype=np.float64),
            end=np.array([o.end for o in intervals], dtype=np.float64),
        )

    def top_open(self, element: int, t: float) -> int:
        """The top-most outage open at ``t`` above (or at) ``element``: its position, or -1.

        >>> o = Outages(np.array([0, 1]), np.array([5, 3]), np.array([0.0, 5.0]),
        ...             np.array([10.0, 20.0]))
        >>> o.top_open(2, 6.0), o.top_open(2, 12.0), o.top_open(4, 12.0), o.top_open(2, 1.0)
        (0, 1, -1, 0)
        """
        mask = (
            (self.element <= element)
            & (element < self.end_element)
            & (self.start <= t)
            & (t < self.end)
        )
        hits = np.flatnonzero(mask)
        if not len(hits):
            return -1
        return int(hits[np.argmin(self.element[hits])])


def first_signs(
    net: Network, events: list[dict[str, Any]], outages: Outages, grace: float
) -> dict[str, dict[int, float]]:
    """Per kind of sign, when each outage (by position) had it first: ``calls`` and ``silence``
    as the module says; ``two``, a second call or last gasp of its own from another customer,
    or a crew's or SCADA's report of the device open (what is left when one sign alone, at
    about even odds under a small fuse, is not enough).

    >>> net = Network.from_rows([("S", "", "source"), ("F", "S", "fuse"), ("A", "F", "customer"),
    ...                          ("B", "F", "customer")], ami=[-1, -1, 1, 0])
    >>> o = Outages.of(net, [Interval(0, 0.0, 100.0), Interval(1, 10.0, 500.0)])
    >>> signs = first_signs(net, [{"type": "call", "customer": "A", "t": 50.0},
    ...                           {"type": "call", "customer": "B", "t": 200.0},
    ...                           {"type": "call", "customer": "B", "t": 300.0}], o, 60.0)
    >>> signs["calls"], signs["silence"], signs["two"]
    ({0: 50.0, 1: 200.0}, {0: 50.0, 1: 160.0}, {})
    """
    index = net.index
    calls: dict[int, float] = {}
    two: dict[int, float] = {}
    callers: dict[int, set[int]] = {}
    for event in events:
        kind = event["type"]
        t = float(event["t"])
        if kind in (EventType.CALL, EventType.AMI_OFF):
            customer = index[event["customer"]]
            top = outages.top_open(customer, t)
            if top >= 0:
                seen = callers.setdefault(top, set())
                seen.add(customer)
                if len(seen) >= 2 and t < two.get(top, np.inf):
                    two[top] = t
        elif kind in (EventType.SCADA_OPEN, EventType.CONFIRM_OPEN):
            element = index[event["device"]]
            hits = np.flatnonzero(
                (outages.element == element) & (outages.start <= t) & (t < outages.end)
            )
            top = int(hits[0]) if len(hits) else -1
            if top >= 0 and t < two.get(top, np.inf):
                two[top] = t
        else:
            continue
        if top >= 0 and t < calls.get(top, np.inf):
            calls[top] = t
    silence = dict(calls)
    metered = np.flatnonzero(net.ami[net.customer_element] == 1)
    meter_elements = net.customer_element[metered]
    for position in range(len(outages.element)):
        restored = float(outages.end[position])
        lo, hi = int(outages.element[position]), int(outages.end_element[position])
        for element in meter_elements[(meter_elements >= lo) & (meter_elements < hi)]:
            top = outages.top_open(int(element), restored)
            if top < 0 or int(outages.element[top]) == int(element):
                continue  # power came back, or the meter's own supply is out
            t = restored + grace
            if t < silence.get(top, np.inf):
                silence[top] = t
    return {"calls": calls, "silence": silence, "two": two}


def one(task: tuple[str, str, int, float]) -> tuple[str, str, int, dict[str, int]]:
    """One storm: per checkpoint the truth's outages of more than one customer, and how many
    of them have a sign of each kind by then."""
    name, generator, seed, meters = task
    setting = SETTINGS[name]
    net = network(grid_rows(setting.grid, seed), meters, seed)
    captured: list[list[Interval]] = []
    original = storm_module._signs

    def capture(
        network_: Network, events: list[Any], outages: list[Interval]
    ) -> dict[tuple[int, float], float]:
        captured.append(list(outages))
        return original(network_, events, outages)

    storm_module._signs = capture  # type: ignore[assignment]
    daysim._signs = capture  # type: ignore[assignment]
    try:
        make = project_storm if generator == "project" else day_storm
        storm = make(net, setting, seed)
    finally:
        storm_module._signs = original  # type: ignore[assignment]
        daysim._signs = original  # type: ignore[assignment]
    intervals = captured[-1]
    outages = Outages.of(net, intervals)
    where = {(o.element, round(o.start, 3)): p for p, o in enumerate(intervals)}
    signs = first_signs(net, storm.events, outages, Params().restore_grace_minutes * 60.0)
    counts: Counter[str] = Counter()
    index = net.index
    lone, answers = stray_signs(net, storm.events, outages)
    for cp in storm.truth["checkpoints"]:
        t = float(cp["t"])
        since = {index[o["device"]]: float(o["since"]) for o in cp["open"] if o["signed"]}
        truth = top_most(net, set(since))
        for e in truth:
            if net.customer_number[e] >= 0 or net.customers_below(e) < 2:
                continue
            counts["truth"] += 1
            position = where[(e, since[e])]
            for kind in KINDS:
                if signs[kind].get(position, np.inf) <= t:
                    counts[kind] += 1
            first = signs["calls"].get(position, np.inf)
            if first <= t < signs["two"].get(position, np.inf):
                counts[f"single true {age_band(t - first)}"] += 1
        for customer, times in lone.items():
            answered = max((a for a in answers.get(customer, ()) if a <= t), default=-np.inf)
            fresh = [s for s in times if answered < s <= t]
            top = outages.top_open(customer, t)
            if not fresh or (top >= 0 and int(outages.element[top]) != customer):
                continue  # answered, or under an outage open now
            if net.customers_below(int(net.parent[customer])) >= 2:
                counts[f"single stray {age_band(t - min(fresh))}"] += 1
    return name, generator, seed, dict(counts)


AGES = (900.0, 1800.0, 3600.0, 7200.0, 14400.0)


def age_band(seconds: float) -> str:
    """The age band of a sign, by its upper bound in minutes.

    >>> age_band(60.0), age_band(5000.0), age_band(20000.0)
    ('15', '120', 'more')
    """
    for edge in AGES:
        if seconds < edge:
            return str(int(edge // 60))
    return "more"


def stray_signs(
    net: Network, events: list[dict[str, Any]], outages: Outages
) -> tuple[dict[int, list[float]], dict[int, list[float]]]:
    """The calls and last gasps no device's outage explains (the customer's own fault, a wrong
    account, the house, nothing), by customer; and when each customer was said on or restored.

    >>> net = Network.from_rows([("S", "", "source"), ("A", "S", "customer")])
    >>> o = Outages.of(net, [Interval(1, 0.0, 50.0)])
    >>> stray_signs(net, [{"type": "call", "customer": "A", "t": 10.0},
    ...                   {"type": "call_on", "customer": "A", "t": 60.0}], o)
    ({1: [10.0]}, {1: [60.0]})
    """
    index = net.index
    lone: dict[int, list[float]] = {}
    answers: dict[int, list[float]] = {}
    for event in events:
        kind = event["type"]
        if event.get("customer") is None:
            continue
        customer, t = index[event["customer"]], float(event["t"])
        if kind in (EventType.CALL, EventType.AMI_OFF):
            top = outages.top_open(customer, t)
            if top < 0 or int(outages.element[top]) == customer:
                lone.setdefault(customer, []).append(t)
        elif kind in (EventType.CALL_ON, EventType.AMI_ON, EventType.RESTORE):
            answers.setdefault(customer, []).append(t)
    return lone, answers


def told_by_age(counts: Counter[str]) -> tuple[float, list[str]]:
    """The best F1 of an oracle that names every outage with two signs of its own and, of those
    resting on one sign, all or none of an age band (the bands in order of their share true),
    where the signs no outage explains are as many false ones; and the bands it names.

    >>> told_by_age(Counter({"truth": 10, "two": 6, "single true 15": 3, "single stray 15": 1,
    ...                      "single true 60": 1, "single stray 60": 5}))
    (0.9, ['15'])
    """
    bands = [str(int(e // 60)) for e in AGES] + ["more"]
    truth, found = counts["truth"], counts["two"]
    false = 0
    best = (f1(found, truth), [])
    chosen: list[str] = []
    for band in sorted(
        bands,
        key=lambda b: (
            -counts[f"single true {b}"]
            / max(1, counts[f"single true {b}"] + counts[f"single stray {b}"])
        ),
    ):
        found += counts[f"single true {band}"]
        false += counts[f"single stray {band}"]
        chosen = [*chosen, band]
        score = 2 * found / (2 * found + false + truth - found) if truth else 1.0
        if score > best[0]:
            best = (score, chosen)
    return best


def f1(found: int, truth: int) -> float:
    """The oracle's F1: it names ``found`` of ``truth`` outages and nothing false.

    >>> f1(90, 100), f1(0, 0)
    (0.9473684210526315, 1.0)
    """
    return 2 * found / (found + truth) if truth else 1.0


def options() -> argparse.ArgumentParser:
    parser = storm_parser(__doc__)
    storm_options(parser, seeds="1-40", settings="semiurb,rural")
    meters_option(parser)
    return parser


def main() -> None:
    args = options().parse_args()
    tasks = [(name, generator, seed, args.meters) for name, generator, seed in storm_runs(args)]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, tasks))
    groups: dict[tuple[str, str], Counter[str]] = {}
    for name, generator, _seed, counts in results:
        groups.setdefault((name, generator), Counter()).update(counts)
    for (name, generator), counts in groups.items():
        truth = counts["truth"]
        print(
            f"{name} {generator}: truth {truth} (outages of more than one customer, per "
            f"checkpoint); ceiling F1 >1 with calls, last gasps, crews, SCADA "
            f"{f1(counts['calls'], truth):.3f} (no sign {truth - counts['calls']}); "
            f"with meters silent after a restore above {f1(counts['silence'], truth):.3f} "
            f"(no sign {truth - counts['silence']}); with two signs of its own (calls, last "
            f"gasps, or a crew or SCADA) {f1(counts['two'], truth):.3f} "
            f"(fewer {truth - counts['two']})"
        )
        score, chosen = told_by_age(counts)
        bands = ", ".join(
            f"{b}: {counts[f'single true {b}']} true / {counts[f'single stray {b}']} unexplained"
            for b in [str(int(e // 60)) for e in AGES] + ["more"]
        )
        print(f"    one sign, by age (minutes, up to): {bands}")
        print(f"    told apart by age alone: {score:.3f} (naming the bands {', '.join(chosen)})")


if __name__ == "__main__":
    main()
