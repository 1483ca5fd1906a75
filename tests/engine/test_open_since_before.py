"""A fuse still open when the breaker above is closed again: its meters never say power is back,
and when the watch after the restore is over their silence still speaks for it (as it did in
the watch), weighed lane by lane (``scoring._lanes``), the same for a device as for the devices
below it."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.evidence import UNHEARD
from powerdesk.engine.inference.scoring import _lanes
from powerdesk.engine.inference.state import new_state
from powerdesk.engine.model.params import Params
from powerdesk.engine.network import Network

MINUTE = 60.0
HOUR = 3600.0
FUSES = 6


def recloser_and_small_fuses() -> Network:
    """S ─ R ─ F0..F5, each fuse with six metered customers C<f>-0..5 (a lane of a village)."""
    rows = [("S", "", "source"), ("R", "S", "recloser")]
    for f in range(FUSES):
        rows.append((f"F{f}", "R", "fuse"))
        rows += [(f"C{f}-{i}", f"F{f}", "customer") for i in range(6)]
    return Network.from_rows(rows, ami=[1 if r[2] == "customer" else -1 for r in rows])


def nested_fault(*, f0_power_back: bool = False, said_on: bool = False) -> OutageInference:
    """F0 blows, the recloser above locks out ten minutes later; the crew closes the recloser
    after an hour, and F0 stays open. Three of each of the other lanes' meters say power is
    back (half the messages get through); F0's stay silent. Half an hour later one of F0's
    customers calls again."""
    engine = OutageInference(recloser_and_small_fuses())
    engine.ingest(20.0, "ami_off", "C0-0")
    engine.ingest(40.0, "ami_off", "C0-3")
    for f in range(1, FUSES):
        for i in (0, 2, 4):
            engine.ingest(10 * MINUTE + 20.0 * f + i, "ami_off", f"C{f}-{i}")
        engine.ingest(20 * MINUTE + MINUTE * f, "call", f"C{f}-1")
    assert [o.device for o in engine.picture(40 * MINUTE).outages] == ["R"]
    engine.ingest(HOUR, "restore", "R")
    for f in range(1, FUSES):
        for i in (1, 3, 5):
            engine.ingest(HOUR + 30.0 + 10.0 * f + i, "ami_on", f"C{f}-{i}")
    if f0_power_back:
        engine.ingest(HOUR + 90.0, "ami_on", "C0-4")
    if said_on:  # (a call logged on the wrong account: the household called back says so)
        engine.ingest(HOUR + 5 * MINUTE, "call_on", "C0-5")
    engine.ingest(HOUR + 30 * MINUTE, "call", "C0-2")
    return engine


def test_a_fuse_left_open_under_a_restored_recloser_is_named_on_a_call_and_its_silence() -> None:
    engine = nested_fault()
    # The watch is over: the fuse's meters are unheard, its old signs set aside (they came
    # before the recloser opened, and the crew's close answered them as far as it knows).
    assert engine.explain("F0")["unheard_since_restore"] == 5
    for minutes in (35, 60):
        picture = engine.picture(HOUR + minutes * MINUTE)
        assert [(o.device, o.customers) for o in picture.outages] == [("F0", 6)]
        assert picture.outages[0].confidence > 0.75


def test_one_meter_of_the_lane_saying_power_is_back_speaks_against_it() -> None:
    engine = nested_fault(f0_power_back=True)
    for minutes in (35, 60):
        picture = engine.picture(HOUR + minutes * MINUTE)
        assert "F0" not in [o.device for o in picture.outages]


def test_a_household_saying_power_is_on_speaks_against_it_only_while_fresh() -> None:
    # As against any outage: a call logged on the wrong account is called back and the
    # household says power is on. A meter's message does not fade so (above).
    engine = nested_fault(said_on=True)
    assert [o.device for o in engine.picture(HOUR + 60 * MINUTE).outages] == ["F0"]


@settings(max_examples=40, deadline=None)
@given(
    shape=st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=12),
    seed=st.integers(0, 10_000),
    delivery=st.floats(min_value=0.05, max_value=0.95),
)
def test_the_silence_of_unheard_meters_adds_up_lane_by_lane(
    shape: list[int], seed: int, delivery: float
) -> None:
    # A random tree of fuses (each below the one a list entry points to), customers on each,
    # a random half of the meters unheard. Each device weighs the silence of the lanes below
    # it, its own included: the sum over them of one lane's log-ratio, never below a device
    # within it, and nothing where no meter is unheard.
    rng = random.Random(seed)
    rows = [("S", "", "source")]
    fuses: list[str] = []
    for k, up in enumerate(shape):
        parent = fuses[up % len(fuses)] if fuses and up else "S"
        fuses.append(f"F{k}")
        rows.append((f"F{k}", parent, "fuse"))
        rows += [(f"C{k}-{i}", f"F{k}", "customer") for i in range(rng.randint(0, 5))]
    net = Network.from_rows(rows, ami=[1 if r[2] == "customer" else -1 for r in rows])
    state = new_state(net, Params(restore_delivery=delivery))
    unheard: dict[str, int] = {}
    for number in range(net.customer_count):
        if rng.random() < 0.5:
            state.evidence.set_category(number, UNHEARD, 0.0, metered=True)
            parent = net.ids[int(net.candidate_parent[int(net.customer_element[number])])]
            unheard[parent] = unheard.get(parent, 0) + 1
    lanes = _lanes(state)
    end = net.end
    for fuse in ["S", *fuses]:
        e = net.index[fuse]
        within = [d for d in ["S", *fuses] if d == fuse or net.is_below(net.index[d], e)]
        expected = sum(state.params.silent_after_restore_llr(unheard.get(d, 0)) for d in within)
        weighed = float(lanes[end[e]] - lanes[e])
        assert abs(weighed - expected) < 1e-9
        assert weighed >= 0.0
        for d in within:
            inner = net.index[d]
            assert weighed >= float(lanes[end[inner]] - lanes[inner]) - 1e-12
