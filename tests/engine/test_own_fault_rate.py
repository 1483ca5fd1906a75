"""A customer's own-fault rate read from the storm's lone calls (``Params.own_rate_learnt``): a
lone call is an own fault or a call about nothing, so with the rate of calls about nothing and
the share of own faults that call given, the share of own faults among lone calls says the rate
of own faults. Off by default (round 22 of issue 17)."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.learning import StormRates
from powerdesk.engine.model import Params
from tests.engine.fixtures import radial_feeder

MINUTE = 60.0
HOUR = 3600.0


def _rates(share: float, *, learnt: bool = True) -> StormRates:
    rates = StormRates(Params(own_rate_learnt=1.0 if learnt else 0.0))
    rates.lone.own_share = share
    rates.lone.estimated = True
    return rates


@settings(max_examples=200, deadline=None)
@given(a=st.floats(0.0, 1.0), b=st.floats(0.0, 1.0))
def test_the_rate_is_a_probability_that_grows_with_the_share_of_own_faults(
    a: float, b: float
) -> None:
    low, high = sorted((a, b))
    r_low, r_high = _rates(low).customer_problem, _rates(high).customer_problem
    assert 0.0 < r_low <= r_high <= 0.5
    # Its odds against the calls about nothing are the lone calls' odds of an own fault.
    p = Params()
    q = min(max(low, 1e-6), 1.0 - 1e-6)
    if r_low < 0.5:
        assert math.isclose(
            r_low * p.own_problem_call_share / p.false_call, q / (1.0 - q), rel_tol=1e-9
        )


@settings(max_examples=50, deadline=None)
@given(share=st.floats(0.0, 1.0))
def test_switched_off_or_with_nothing_learnt_the_prior_rate_holds(share: float) -> None:
    prior = Params().customer_problem
    assert _rates(share, learnt=False).customer_problem == prior
    assert StormRates(Params(own_rate_learnt=1.0)).customer_problem == prior


@settings(max_examples=10, deadline=None)
@given(calls=st.integers(min_value=4, max_value=20), seed=st.integers(0, 10_000))
def test_lone_calls_said_on_lower_the_engines_own_fault_rate(calls: int, seed: int) -> None:
    # Customers alone call and each says power is on within half an hour: calls about
    # nothing. The engine, switched on, takes own faults for rarer than its prior says.
    rng = random.Random(seed)
    net = radial_feeder(8)
    engine = OutageInference(net, Params(own_rate_learnt=1.0))
    customers = [i for i in net.ids if i.startswith("C")]
    for k, customer in enumerate(rng.sample(customers, calls)):
        t = k * HOUR
        engine.ingest(t, "call", customer)
        engine.picture(t + 5 * MINUTE)
        engine.ingest(t + rng.uniform(10.0, 30.0) * MINUTE, "call_on", customer)
        engine.picture(t + 40 * MINUTE)
    assert engine.rates.lone.estimated
    assert engine.params.customer_problem < Params().customer_problem
