"""The rate of customers' own faults (a service drop, a meter) is the storm's, learnt from the
stream against its device faults: a storm whose crews restore many devices and no customer on
their own teaches that a lone last gasp is likelier a device than the customer's own fault."""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.learning import StormRates
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0
TRANSFORMERS = ("T1", "T2", "T3", "T4")


def _rates(own: int, devices: int, per_device: float, strength: float) -> StormRates:
    rates = StormRates(Params(customer_problem_strength=strength))
    rates.own_per_device = per_device
    rates.own_restored, rates.devices_restored = own, devices
    return rates


@settings(max_examples=200, deadline=None)
@given(
    own=st.integers(0, 200),
    devices=st.integers(0, 200),
    per_device=st.floats(min_value=0.0, max_value=50.0),
    strength=st.floats(min_value=0.0, max_value=100.0),
)
def test_the_own_fault_rate_is_a_probability_that_moves_with_what_the_storm_shows(
    own: int, devices: int, per_device: float, strength: float
) -> None:
    prior = Params().customer_problem
    rate = _rates(own, devices, per_device, strength).customer_problem
    assert 0.0 < rate < 1.0
    if strength == 0.0 or per_device == 0.0 or own == per_device * devices:
        assert abs(rate - prior) <= 1e-12 * prior  # not learnt, or as the prior expected
    # One more own fault never lowers it; one more device fault with none never raises it.
    assert _rates(own + 1, devices, per_device, strength).customer_problem >= rate
    assert _rates(own, devices + 1, per_device, strength).customer_problem <= rate


@settings(max_examples=50, deadline=None)
@given(devices=st.integers(0, 400), per_device=st.floats(min_value=0.01, max_value=5.0))
def test_with_no_own_fault_among_many_device_faults_the_rate_goes_to_zero_within_the_prior(
    devices: int, per_device: float
) -> None:
    p = Params()
    rate = _rates(0, devices, per_device, p.customer_problem_strength).customer_problem
    k = p.customer_problem_strength
    assert abs(rate - p.customer_problem * k / (k + per_device * devices)) <= 1e-15


@settings(max_examples=15, deadline=None)
@given(outages=st.integers(min_value=2, max_value=8), seed=st.integers(0, 10_000))
def test_a_storm_of_device_faults_alone_teaches_the_engine_a_lower_own_fault_rate(
    outages: int, seed: int
) -> None:
    # Outage after outage of one transformer, each restored by a crew; no customer is ever
    # restored on their own. The engine's rate of own faults falls with each restore, and
    # the customers' prior with it; a customer restored on their own raises it again.
    rng = random.Random(seed)
    net = radial_feeder(6, metered=True)
    engine = OutageInference(net)
    rates = [engine.params.customer_problem]
    for k in range(outages):
        start = k * 3 * HOUR
        transformer = rng.choice(TRANSFORMERS)
        for customer in customers_of(net, transformer):
            engine.ingest(start + rng.uniform(0.0, 2.0) * MINUTE, "ami_off", customer)
        engine.picture(start + 20 * MINUTE)
        engine.ingest(start + HOUR, "restore", transformer)
        engine.picture(start + 2 * HOUR)
        rates.append(engine.params.customer_problem)
    assert all(b < a for a, b in zip(rates, rates[1:], strict=False))
    lone = customers_of(net, "T1")[0]
    t = outages * 3 * HOUR
    engine.ingest(t, "ami_off", lone)
    engine.ingest(t + HOUR, "restore", lone)
    engine.picture(t + 2 * HOUR)
    assert engine.params.customer_problem > rates[-1]


def test_without_the_storms_own_faults_learnt_the_prior_rate_holds() -> None:
    net = radial_feeder(6, metered=True)
    engine = OutageInference(net, replace(Params(), customer_problem_strength=0.0))
    for customer in customers_of(net, "T2"):
        engine.ingest(60.0, "ami_off", customer)
    engine.ingest(HOUR, "restore", "T2")
    engine.picture(2 * HOUR)
    assert engine.params.customer_problem == Params().customer_problem
