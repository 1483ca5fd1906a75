"""A second storm generator, of another design: each customer's day, with the signals falling
out of it.

``powerdesk.engine.simulate`` draws each outage's share of callers and their delays. Here the
storm is a front that passes: faults come as a Poisson process whose rate peaks with the front,
on devices by kind and lightning, and on customers' own service drops (a set share of all
faults). Then every household lives through its supply, minute by minute in effect: it is at
home or not (fewer at night), notices a loss after a lognormal delay (later when away), and
calls with its own propensity (drawn around the storm's call share); a household whose power
does not come back with the neighbours' calls again. Some calls reach the wrong account: the
call is logged against another household of the same transformer area or the next, who is
called back later and says power is on. Some households call about a problem in the house.
Meters send a last gasp and a power-back message when the head end gets them (per-feeder
delivery around the storm's); crews confirm a share of the devices before restoring them. The
truth has the same form as the other generator's.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

import numpy as np

from powerdesk.engine.model.events import EventType
from powerdesk.engine.model.network import CANDIDATE_KINDS, KIND_CODES, Network
from powerdesk.engine.simulation.headend import Supply
from powerdesk.engine.simulation.storm import Interval, Storm, _merged, _signs, spans_of

CUSTOMER = KIND_CODES["customer"]
KIND_RISK = {
    KIND_CODES["source"]: 0.2,
    KIND_CODES["recloser"]: 0.5,
    KIND_CODES["sectionalizer"]: 0.5,
    KIND_CODES["fuse"]: 1.0,
    KIND_CODES["transformer"]: 0.3,
}


@dataclass(frozen=True)
class DayConfig:
    hours: float = 8.0
    checkpoint_minutes: float = 30.0
    device_faults_per_1000: float = 2.0
    single_share: float = 0.25  # share of all faults that are one customer's own service
    call_share: float = 0.2  # mean propensity of a household without power to call
    call_delay_median_minutes: float = 20.0
    wrong_account: float = 0.02  # share of calls logged against another household
    house_calls_per_1000: float = 0.5
    meter_delivery: float = 0.6
    crew_confirms: float = 0.4
    repair_median_hours: float = 2.0
    callback_share: float = 0.4


def simulate_day(network: Network, *, seed: int, config: DayConfig) -> Storm:
    cfg = config
    rng = random.Random(seed)
    horizon = cfg.hours * 3600.0
    ids = network.ids
    faults = _faults(network, rng, cfg, horizon)
    outages = _merged(faults)
    events: list[tuple[float, int, dict[str, Any]]] = []

    def emit(t: float, event: dict[str, Any]) -> None:
        if t >= 0.0:
            events.append((round(t, 3), len(events), event))

    # Devices: crews confirm and restore; the source's breaker is on SCADA.
    for o in outages:
        kind = int(network.kind[o.element])
        if kind == KIND_CODES["source"]:
            emit(o.start, {"type": EventType.SCADA_OPEN, "device": ids[o.element]})
            emit(o.end, {"type": EventType.SCADA_CLOSE, "device": ids[o.element]})
            continue
        if rng.random() < cfg.crew_confirms:
            emit(
                rng.uniform(o.start + 600.0, max(o.start + 600.0, o.end - 60.0)),
                {"type": EventType.CONFIRM_OPEN, "device": ids[o.element]},
            )
        emit(o.end, {"type": EventType.RESTORE, "device": ids[o.element]})
    # Each customer's supply: the union of the outages above it, as intervals.
    dark = _dark_intervals(network, outages)
    n = network.customer_count
    propensity = np.clip(
        np.random.default_rng(rng.randrange(2**32)).beta(
            2.0 * cfg.call_share / (1 - cfg.call_share + 1e-9) + 0.05, 2.0, size=n
        )
        if cfg.call_share < 1.0
        else np.ones(n),
        0.0,
        1.0,
    )
    # Rescale so that the mean propensity is the storm's call share.
    propensity *= cfg.call_share / max(1e-9, float(propensity.mean()))
    propensity = np.clip(propensity, 0.0, 1.0)
    feeder_delivery: dict[int, float] = {}
    cparent = network.candidate_parent
    for number, spans in dark.items():
        element = int(network.customer_element[number])
        metered = network.ami[element] == 1
        root = element
        while int(cparent[root]) >= 0:
            root = int(cparent[root])
        delivery = feeder_delivery.setdefault(
            root, min(1.0, max(0.0, rng.gauss(cfg.meter_delivery, 0.1)))
        )
        called = False
        for k, (start, end, fresh) in enumerate(spans):
            if metered and fresh and rng.random() < delivery:
                emit(
                    start + rng.uniform(1.0, 60.0),
                    {"type": EventType.AMI_OFF, "customer": ids[element]},
                )
            if metered and rng.random() < delivery:
                back = end + rng.uniform(1.0, 300.0)
                # Power comes back only if no outage above still holds the meter dark: a
                # device restored below one still open does not re-energise it (the draws
                # are made all the same, so that the rest of the storm is unchanged).
                if k + 1 == len(spans) or spans[k + 1][0] > end:
                    emit(back, {"type": EventType.AMI_ON, "customer": ids[element]})
            if rng.random() < float(propensity[number]) * (1.0 if fresh else 0.6):
                hour = (start / 3600.0 + 18.0) % 24  # the storm begins at six in the evening
                home = 0.9 if 7 <= hour <= 22 else 0.6
                delay = cfg.call_delay_median_minutes * 60.0 * rng.lognormvariate(0.0, 0.8)
                if rng.random() > home:
                    delay += rng.uniform(1800.0, 4 * 3600.0)  # away: notices on coming home
                when = start + delay
                if when < end:
                    caller = element
                    if rng.random() < cfg.wrong_account:
                        caller = _someone_near(network, number, rng)
                        if caller != element:
                            back = when + rng.uniform(1800.0, 3 * 3600.0)
                            emit(back, {"type": EventType.CALL_ON, "customer": ids[caller]})
                    emit(when, {"type": EventType.CALL, "customer": ids[caller]})
                    called = True
            if called and rng.random() < cfg.callback_share:
                back = end + rng.uniform(600.0, 3600.0)
                still = any(s <= back < e for s, e, _ in spans)
                emit(
                    back,
                    {
                        "type": EventType.CALL if still else EventType.CALL_ON,
                        "customer": ids[element],
                    },
                )
    # Calls about problems in the house.
    for _ in range(
        np.random.default_rng(rng.randrange(2**32)).poisson(cfg.house_calls_per_1000 * n / 1000)
    ):
        number = rng.randrange(n)
        emit(
            rng.uniform(0.0, horizon),
            {"type": EventType.CALL, "customer": ids[int(network.customer_element[number])]},
        )
    storm = _with_truth(network, events, outages, cfg, horizon)
    # (A generator of its own for the feeders no outage reached: the storm is as before.)
    others = random.Random(seed * 31 + 7)
    tops = (network.candidate_parent < 0) & np.isin(network.kind, list(CANDIDATE_KINDS))
    for root in np.flatnonzero(tops).tolist():
        if root not in feeder_delivery:
            feeder_delivery[root] = min(1.0, max(0.0, others.gauss(cfg.meter_delivery, 0.1)))
    storm.supply = Supply(spans_of(outages), cfg.meter_delivery, None, feeder_delivery)
    return storm


def _faults(network: Network, rng: random.Random, cfg: DayConfig, horizon: float) -> list[Interval]:
    kinds = network.kind
    candidates = np.flatnonzero(np.isin(kinds, list(KIND_RISK)))
    below = network.end_customer[candidates] - network.first_customer[candidates]
    weights = np.array([KIND_RISK[int(k)] for k in kinds[candidates]]) * (below > 0)
    weights *= np.where(network.lightning_zone[candidates], 2.5, 1.0)
    np_rng = np.random.default_rng(rng.randrange(2**32))
    device_count = max(
        1, np_rng.poisson(cfg.device_faults_per_1000 * network.customer_count / 1000)
    )
    single_count = round(device_count * cfg.single_share / max(1e-9, 1 - cfg.single_share))
    chosen = np_rng.choice(
        candidates,
        size=min(device_count, int((weights > 0).sum())),
        replace=False,
        p=weights / weights.sum(),
    )
    customers = rng.sample(range(network.customer_count), min(single_count, network.customer_count))
    elements = chosen.tolist() + [int(network.customer_element[c]) for c in customers]
    faults = []
    for element in elements:
        # The front: most faults in its first hours (a triangular rate, peak at 1.5 h).
        start = rng.triangular(0.0, 0.8 * horizon, 1.5 * 3600.0)
        repair = 3600.0 * cfg.repair_median_hours * rng.lognormvariate(0.0, 0.6)
        if int(kinds[element]) == CUSTOMER:
            repair *= 1.3
        faults.append(Interval(element, start, start + repair))
    return faults


def _dark_intervals(
    network: Network, outages: list[Interval]
) -> dict[int, list[tuple[float, float, bool]]]:
    """Per customer number, the spans without power: (start, end, whether it was a fresh loss
    rather than power not coming back with the neighbours')."""
    spans: dict[int, list[tuple[float, float]]] = {}
    for o in outages:
        element = o.element
        if int(network.kind[element]) == CUSTOMER:
            numbers = [int(network.customer_number[element])]
        else:
            numbers = list(
                range(int(network.first_customer[element]), int(network.end_customer[element]))
            )
        for number in numbers:
            spans.setdefault(number, []).append((o.start, o.end))
    result: dict[int, list[tuple[float, float, bool]]] = {}
    for number, intervals in spans.items():
        intervals.sort()
        merged: list[tuple[float, float, bool]] = []
        for start, end in intervals:
            if merged and start <= merged[-1][1]:
                s, e, fresh = merged[-1]
                if end > e:
                    # Power comes back to the neighbours, not here: a new reason to call.
                    merged[-1] = (s, e, fresh)
                    merged.append((e, end, False))
            else:
                merged.append((start, end, True))
        result[number] = merged
    return result


def _someone_near(network: Network, number: int, rng: random.Random) -> int:
    other = min(network.customer_count - 1, max(0, number + rng.randint(-60, 60)))
    return int(network.customer_element[other])


def _with_truth(
    network: Network,
    events: list[tuple[float, int, dict[str, Any]]],
    outages: list[Interval],
    cfg: DayConfig,
    horizon: float,
) -> Storm:
    ids = network.ids
    signs = _signs(network, events, outages)
    checkpoints = []
    steps = int(horizon // (cfg.checkpoint_minutes * 60))
    for step in range(1, steps + 1):
        t = step * cfg.checkpoint_minutes * 60.0 - 0.001
        events.append((t, -1, {"type": EventType.CHECKPOINT, "id": f"cp-{step}"}))
        checkpoints.append(
            {
                "id": f"cp-{step}",
                "t": t,
                "open": [
                    {
                        "device": ids[o.element],
                        "since": round(o.start, 3),
                        "signed": signs.get((o.element, o.start), math.inf) <= t,
                    }
                    for o in outages
                    if o.start <= t < o.end
                ],
            }
        )
    events.sort(key=lambda e: (e[0], e[1]))
    for t, _, event in events:
        event["t"] = t
    return Storm(events=[e for _, _, e in events], truth={"checkpoints": checkpoints})
