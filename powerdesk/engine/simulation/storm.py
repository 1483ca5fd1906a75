"""Storms on a network: what really happened (the truth) and what the station learned (events).

Faults follow each device's risk (kind, lightning zone, age); some fuse faults are followed by
the recloser or breaker above locking out; customers' own service drops fail too, and some
people call about problems inside the house. Only part of the customers call, minutes to hours
after losing power, each outage with its own share of callers; smart meters send a last gasp and
a restore message when their messages get through; SCADA reports the outlet breakers; crews
confirm what they find and restore step by step, the upper device first. Customers already
out when a second fault hits send nothing new for it; but whenever power comes back to the
neighbours and not to them (an outage above theirs ends first), some of them call (again).
The station calls some callers back after their repair: they say power is on, or off again if
another outage has reached them since. What the station learned of each outage is written by
``storm_events``.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from powerdesk.engine.model.events import EventType
from powerdesk.engine.model.network import KIND_CODES, Network
from powerdesk.engine.simulation.headend import Supply
from powerdesk.engine.simulation.storm_events import Related, device_events, house_calls
from powerdesk.engine.simulation.truth import _signs, spans_of

__all__ = ["Storm", "StormConfig", "simulate_storm", "spans_of", "write_storm"]

SOURCE, RECLOSER, SECTIONALIZER, FUSE, TRANSFORMER = (
    KIND_CODES[k] for k in ("source", "recloser", "sectionalizer", "fuse", "transformer")
)


@dataclass(frozen=True)
class StormConfig:
    hours: float = 8.0
    checkpoint_minutes: float = 30.0
    faults_per_1000_customers: float = 2.5
    customer_problem_rate: float = 0.0015
    house_problem_rate: float = 0.0005  # calls with the grid fine: not outages
    nested_share: float = 0.15  # fuse faults after which the protection above locks out too
    call_share_range: tuple[float, float] = (0.05, 0.40)
    call_delay_minutes: float = 35.0
    message_delivery: float = 0.6
    message_delivery_lightning: float = 0.45
    repair_hours: float = 2.5
    crew_confirms: float = 0.6
    callback_share: float = 0.3
    scada_kinds: tuple[int, ...] = (SOURCE,)
    kind_weights: dict[int, float] = field(
        default_factory=lambda: {
            SOURCE: 0.3,
            RECLOSER: 0.6,
            SECTIONALIZER: 0.6,
            FUSE: 1.0,
            TRANSFORMER: 0.25,
        }
    )
    lightning_factor: float = 3.0
    reference_year: int = 2026


@dataclass
class Interval:
    element: int
    start: float
    end: float


@dataclass
class Storm:
    events: list[dict[str, Any]]
    truth: dict[str, Any]
    supply: Supply | None = None  # who had power when (for a head-end's pings)


def simulate_storm(network: Network, *, seed: int = 1, config: StormConfig | None = None) -> Storm:
    """A storm on ``network``: the events in time order and the truth at each checkpoint.

    >>> from powerdesk.engine.simulation.generate import generate_network_rows
    >>> net = Network.from_rows(row[:3] for row in generate_network_rows(200, seed=3))
    >>> storm = simulate_storm(net, seed=2, config=StormConfig(hours=2.0))
    >>> [cp["id"] for cp in storm.truth["checkpoints"]]
    ['cp-1', 'cp-2', 'cp-3', 'cp-4']
    >>> times = [event["t"] for event in storm.events]
    >>> times == sorted(times)
    True
    """
    cfg = config or StormConfig()
    rng = random.Random(seed)
    horizon = cfg.hours * 3600.0
    outages = _merged(
        _faults(network, rng, cfg, horizon) + _customer_problems(network, rng, cfg, horizon)
    )
    events: list[tuple[float, int, dict[str, Any]]] = []
    order = 0

    def emit(t: float, event: dict[str, Any]) -> None:
        nonlocal order
        order += 1
        events.append((round(t, 3), order, event))

    ids = network.ids
    related = Related(network, outages)
    for outage in outages:
        device_events(network, outage, related.covering(outage), rng, cfg, emit)
    house_calls(network, rng, cfg, horizon, emit)
    checkpoints = []
    steps = int(horizon // (cfg.checkpoint_minutes * 60))
    signs = _signs(network, events, outages)
    for step in range(1, steps + 1):
        t = step * cfg.checkpoint_minutes * 60.0
        emit(t - 0.001, {"type": EventType.CHECKPOINT, "id": f"cp-{step}"})
        open_now = [o for o in outages if o.start <= t < o.end]
        checkpoints.append(
            {
                "id": f"cp-{step}",
                "t": round(t - 0.001, 3),
                "open": [
                    {
                        "device": ids[o.element],
                        "since": round(o.start, 3),
                        "signed": signs.get((o.element, o.start), math.inf) <= t - 0.001,
                    }
                    for o in open_now
                ],
            }
        )
    events.sort(key=lambda e: (e[0], e[1]))
    for t, _, event in events:
        event["t"] = t
    supply = Supply(
        outages=spans_of(outages),
        delivery=cfg.message_delivery,
        lightning_delivery=cfg.message_delivery_lightning,
    )
    return Storm([e for _, _, e in events], {"checkpoints": checkpoints}, supply)


def write_storm(storm: Storm, folder: Path) -> None:
    """Write the storm's EVENTS.jsonl (the contract's) and TRUTH.json into ``folder``.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_storm(Storm([{"t": 60.0, "type": "call", "customer": "C1"}],
    ...                   {"checkpoints": []}), folder)
    >>> (folder / "EVENTS.jsonl").read_text()
    '{"t": 60.0, "type": "call", "customer": "C1"}\\n'
    """
    with (folder / "EVENTS.jsonl").open("w", encoding="utf-8") as handle:
        for event in storm.events:
            handle.write(
                json.dumps({"t": event["t"], **{k: v for k, v in event.items() if k != "t"}}) + "\n"
            )
    (folder / "TRUTH.json").write_text(json.dumps(storm.truth), encoding="utf-8")


# -- what happened ---------------------------------------------------------------------------
def _faults(
    network: Network, rng: random.Random, cfg: StormConfig, horizon: float
) -> list[Interval]:
    kinds = network.kind
    candidates = np.flatnonzero(np.isin(kinds, list(cfg.kind_weights)))
    weights = np.array([cfg.kind_weights[int(k)] for k in kinds[candidates]], dtype=float)
    weights *= np.where(network.lightning_zone[candidates], cfg.lightning_factor, 1.0)
    years = network.install_year[candidates].astype(float)
    age = np.where(years > 0, cfg.reference_year - years, 15.0)
    weights *= 1.0 + 0.04 * np.maximum(0.0, age - 10.0)
    # A device with no customers below cannot be noticed; it is not faulted.
    below = network.end_customer[candidates] - network.first_customer[candidates]
    weights *= below > 0
    count = max(1, round(cfg.faults_per_1000_customers * network.customer_count / 1000))
    np_rng = np.random.default_rng(rng.randrange(2**32))
    chosen = np_rng.choice(
        candidates,
        size=min(count, int((weights > 0).sum())),
        replace=False,
        p=weights / weights.sum(),
    )
    outages: list[Interval] = []
    for element in chosen.tolist():
        start = rng.uniform(0.0, 0.75 * horizon)
        end = start + _repair_seconds(rng, cfg)
        outages.append(Interval(element, start, end))
        if int(kinds[element]) in (FUSE, TRANSFORMER) and rng.random() < cfg.nested_share:
            upper = _protection_above(network, element)
            if upper >= 0:
                later = start + rng.uniform(60.0, 1800.0)
                # Step restoration: the upper device is closed before the one below.
                upper_end = min(end - 600.0, later + _repair_seconds(rng, cfg) * 0.5)
                if upper_end > later:
                    outages.append(Interval(upper, later, upper_end))
    return outages


def _merged(outages: list[Interval]) -> list[Interval]:
    """One device is open over the union of its faults: overlapping ones are joined."""
    by_element: dict[int, list[Interval]] = {}
    for outage in outages:
        by_element.setdefault(outage.element, []).append(outage)
    merged: list[Interval] = []
    for element, intervals in by_element.items():
        intervals.sort(key=lambda o: o.start)
        current = Interval(element, intervals[0].start, intervals[0].end)
        for o in intervals[1:]:
            if o.start <= current.end:
                current.end = max(current.end, o.end)
            else:
                merged.append(current)
                current = Interval(element, o.start, o.end)
        merged.append(current)
    return sorted(merged, key=lambda o: (o.start, o.element))


def _customer_problems(
    network: Network, rng: random.Random, cfg: StormConfig, horizon: float
) -> list[Interval]:
    count = np.random.default_rng(rng.randrange(2**32)).binomial(
        network.customer_count, cfg.customer_problem_rate
    )
    chosen = rng.sample(range(network.customer_count), int(count))
    result = []
    for number in chosen:
        start = rng.uniform(0.0, 0.85 * horizon)
        result.append(
            Interval(
                int(network.customer_element[number]),
                start,
                start + _repair_seconds(rng, cfg) * 1.5,
            )
        )
    return result


def _protection_above(network: Network, element: int) -> int:
    node = int(network.parent[element])
    while node >= 0:
        if int(network.kind[node]) in (RECLOSER, SECTIONALIZER, SOURCE):
            return node
        node = int(network.parent[node])
    return -1


def _repair_seconds(rng: random.Random, cfg: StormConfig) -> float:
    return 3600.0 * cfg.repair_hours * rng.lognormvariate(0.0, 0.5) / math.exp(0.125)
