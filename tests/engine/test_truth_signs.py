"""A simulated storm's truth: an outage counts from its first sign, and a sign made at the
outage's very start counts (a source's SCADA open; a crew's confirmation of an outage shorter
than the crew's delay falls on its start), whichever way the events' times were rounded to the
millisecond (round 40 of issue 17: two fuses a crew had confirmed counted as false)."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

from powerdesk.engine.model.network import Network
from powerdesk.engine.simulation.storm import Interval, StormConfig, simulate_storm
from powerdesk.engine.simulation.truth import _signs


def fuse_and_source() -> Network:
    return Network.from_rows(
        [("S", "", "source"), ("F", "S", "fuse"), ("C0", "F", "customer"), ("C1", "S", "customer")]
    )


@given(
    start=st.floats(min_value=0.0, max_value=30_000.0, allow_nan=False),
    length=st.floats(min_value=1.0, max_value=20_000.0, allow_nan=False),
    device=st.sampled_from(["S", "F"]),
    kind=st.sampled_from(["confirm_open", "scada_open"]),
)
@example(start=269.4996, length=1800.0, device="F", kind="confirm_open")  # rounds down
def test_a_sign_at_the_outages_start_signs_it(
    start: float, length: float, device: str, kind: str
) -> None:
    net = fuse_and_source()
    outage = Interval(net.index[device], start, start + length)
    events = [(round(start, 3), 1, {"type": kind, "device": device})]
    assert _signs(net, events, [outage])[(outage.element, start)] == round(start, 3)


@given(
    start=st.floats(min_value=0.0, max_value=30_000.0, allow_nan=False),
    length=st.floats(min_value=1.0, max_value=20_000.0, allow_nan=False),
)
def test_a_sign_before_the_outage_or_at_its_end_does_not(start: float, length: float) -> None:
    net = fuse_and_source()
    outage = Interval(net.index["F"], start, start + length)
    end = round(start + length, 3)
    before = round(start, 3) - 0.001
    events = [
        (before, 1, {"type": "call", "customer": "C0"}),
        (end, 2, {"type": "confirm_open", "device": "F"}),
    ]
    assert _signs(net, events, [outage])[(outage.element, start)] == math.inf


def test_every_device_a_crew_confirmed_is_signed_while_open() -> None:
    # Crews confirm every device (repairs short, so many confirmations fall on the start).
    net = Network.from_rows(
        [("S", "", "source")]
        + [(f"F{i}", "S", "fuse") for i in range(40)]
        + [(f"C{i}", f"F{i}", "customer") for i in range(40)]
    )
    config = StormConfig(
        hours=4.0, faults_per_1000_customers=600.0, crew_confirms=1.0, repair_hours=0.3,
        call_share_range=(0.0, 0.0), customer_problem_rate=0.0, house_problem_rate=0.0,
    )  # fmt: skip
    for seed in range(1, 6):
        storm = simulate_storm(net, seed=seed, config=config)
        confirmed = {e["device"]: e["t"] for e in storm.events if e["type"] == "confirm_open"}
        for cp in storm.truth["checkpoints"]:
            for o in cp["open"]:
                if o["device"] in confirmed and confirmed[o["device"]] <= cp["t"]:
                    assert o["signed"], (seed, cp["id"], o)
