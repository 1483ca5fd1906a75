"""Properties of the inference that hold on any network and any outages."""

from __future__ import annotations

import random
from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.evidence import AMI_OFF, CALL, CATEGORIES, UNHEARD
from powerdesk.engine.generate import generate_network_rows
from powerdesk.engine.inference import OutageInference
from powerdesk.engine.model import Params
from powerdesk.engine.network import CANDIDATE_KINDS, Network

MINUTE = 60.0


def make_network(customers: int, seed: int, coverage: float) -> Network:
    rows = list(generate_network_rows(customers, seed=seed, meter_coverage=coverage))
    return Network.from_rows(
        [(r[0], r[1], r[2]) for r in rows],
        ami=[int(r[3]) if r[3] else -1 for r in rows],
    )


def open_devices(net: Network, rng: random.Random, count: int) -> set[int]:
    """Some protective devices, none below another, each with customers."""
    candidates = [
        e
        for e in range(len(net))
        if int(net.kind[e]) in CANDIDATE_KINDS
        and net.customers_below(e) > 0
        and net.kind_name(e) != "switch"
    ]
    chosen: set[int] = set()
    for element in rng.sample(candidates, min(count, len(candidates))):
        if not any(net.is_below(element, c) or net.is_below(c, element) for c in chosen):
            chosen.add(element)
    return chosen


def customers_out(net: Network, devices: set[int]) -> set[int]:
    out: set[int] = set()
    for element in devices:
        if net.customer_number[element] >= 0:
            out.add(int(net.customer_number[element]))
        else:
            out.update(range(int(net.first_customer[element]), int(net.end_customer[element])))
    return out


networks = st.builds(
    make_network, st.integers(200, 1500), st.integers(0, 10_000), st.sampled_from([0.0, 0.3, 1.0])
)


@settings(max_examples=25, deadline=None)
@given(networks, st.integers(0, 10_000), st.integers(1, 4))
def test_with_every_customer_calling_and_no_noise_the_open_devices_are_found(
    net: Network, seed: int, count: int
) -> None:
    rng = random.Random(seed)
    truly_open = open_devices(net, rng, count)
    # The engine is told how people call in this world: everyone, within half an hour. (With
    # the storm defaults, a share of 5-40 %, a fuse with one small area silent is as likely as
    # every other area's transformer failing at once.)
    engine = OutageInference(
        net, Params(call_share=0.95, call_share_strength=20.0, call_delay_minutes=10.0)
    )
    events = []
    for number in sorted(customers_out(net, truly_open)):
        events.append((rng.uniform(0, 30 * MINUTE), net.ids[int(net.customer_element[number])]))
    for t, customer in sorted(events):
        engine.ingest(t, "call", customer)
    picture = engine.picture(90 * MINUTE)
    predicted = {net.index[o.device] for o in picture.outages}
    assert customers_out(net, predicted) == customers_out(net, truly_open)
    assert picture.customers_out == len(customers_out(net, truly_open))


@settings(max_examples=20, deadline=None)
@given(networks, st.integers(0, 10_000))
def test_restoring_everything_empties_the_picture(net: Network, seed: int) -> None:
    rng = random.Random(seed)
    engine = OutageInference(net)
    customers = [net.ids[int(e)] for e in net.customer_element]
    t = 0.0
    for _ in range(rng.randint(5, 80)):
        t += rng.uniform(1, 120)
        engine.ingest(
            t, rng.choice(["call", "call", "ami_off", "ami_on", "call_on"]), rng.choice(customers)
        )
    for device in open_devices(net, rng, 3):
        engine.ingest(t + 1, "confirm_open", net.ids[device])
    for root in (e for e in range(len(net)) if net.parent[e] < 0):
        engine.ingest(t + 600, "restore", net.ids[root])
    for element in (e for e in range(len(net)) if int(net.kind[e]) in CANDIDATE_KINDS):
        engine.ingest(t + 600, "restore", net.ids[element])
    for customer in customers:
        engine.ingest(t + 600, "restore", customer)
    assert engine.picture(t + 3 * 3600).outages == []


@settings(max_examples=20, deadline=None)
@given(networks, st.integers(0, 10_000))
def test_events_with_the_same_time_can_come_in_any_order(net: Network, seed: int) -> None:
    rng = random.Random(seed)
    customers = [net.ids[int(e)] for e in net.customer_element]
    devices = [net.ids[e] for e in range(len(net)) if int(net.kind[e]) in CANDIDATE_KINDS]
    kinds = ["call", "ami_off", "ami_on", "call_on", "restore", "confirm_open"]
    groups = []
    for step in range(rng.randint(2, 12)):
        group = []
        for _ in range(rng.randint(1, 25)):
            kind = rng.choice(kinds)
            target = rng.choice(devices if kind in ("restore", "confirm_open") else customers)
            group.append((kind, target))
        groups.append((step * 300.0, group))

    def run(shuffle: bool) -> list[tuple[str, str, int]]:
        engine = OutageInference(net)
        for t, group in groups:
            ordered = list(group)
            if shuffle:
                rng.shuffle(ordered)
            for kind, target in ordered:
                engine.ingest(t, kind, target)
        return sorted((o.device, o.status, o.customers) for o in engine.picture().outages)

    assert run(False) == run(True)


@settings(max_examples=25, deadline=None)
@given(networks, st.integers(0, 10_000), st.sampled_from([(0, 0), (48, 0), (10**9, 0), (0, 10**9)]))
def test_the_counters_of_every_device_match_its_customers_after_any_events(
    net: Network, seed: int, sizes: tuple[int, int]
) -> None:
    # ``sizes`` decide whether restores recount whole subtrees with numpy, walk the changed
    # customers, or go customer by customer in plain Python.
    few, small = sizes
    rng = random.Random(seed)
    customers = [net.ids[int(e)] for e in net.customer_element]
    devices = [net.ids[e] for e in range(len(net)) if int(net.kind[e]) in CANDIDATE_KINDS]
    kinds = ["call", "call", "ami_off", "ami_on", "call_on", "restore", "scada_open"]
    with (
        patch("powerdesk.engine.evidence._FEW", few),
        patch("powerdesk.engine.evidence._SMALL", small),
    ):
        engine = OutageInference(net)
        t = 0.0
        for _ in range(rng.randint(10, 150)):
            t += rng.uniform(1, 400)
            kind = rng.choice(kinds)
            target = rng.choice(devices if kind in ("restore", "scada_open") else customers)
            engine.ingest(t, kind, target)
        engine.picture(t + 3600)  # settles every restored area
    state = engine.state
    keys = np.frombuffer(state.category, dtype=np.uint8).astype(np.int64) * 2 + np.frombuffer(
        state.metered, dtype=np.uint8
    )
    for element in range(len(net)):
        if not state.is_candidate[element]:
            continue
        below = keys[state.first[element] : state.endc[element]]
        for key in range(2, 2 * CATEGORIES):
            assert state.counts[key][element] == int((below == key).sum())
        evidenced = (below >= 2) & (below < 2 * UNHEARD)  # (a meter unheard is no evidence)
        assert state.evidence[element] == int(evidenced.sum())
        assert (element in state.active) == bool(evidenced.any())
    off = (keys // 2 == CALL) | (keys // 2 == AMI_OFF)
    assert state.offs == set(np.flatnonzero(off).tolist())
