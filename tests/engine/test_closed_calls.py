"""The storm's own rate of calls from customers with no outage above (about nothing, or about
their own fault), which a call below a closed device is weighed against when
``Params.closed_calls_learnt`` is on (issue 17, round 13)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.lone_calls import LoneCallRates
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0
PRIOR = Params()
NOTHING0 = PRIOR.false_call
OWN0 = PRIOR.customer_problem * PRIOR.own_problem_call_share


def rates_with(nothing: int, own: int) -> LoneCallRates:
    rates = LoneCallRates(Params())
    rates.named_said_on = nothing
    rates.named_own = own
    return rates


@settings(max_examples=60, deadline=None)
@given(
    nothing_rate=st.floats(min_value=0.0, max_value=0.01),
    own_rate=st.floats(min_value=0.0, max_value=0.01),
    customers=st.integers(min_value=100, max_value=2_000_000),
)
def test_the_rate_lies_between_the_prior_and_what_the_storm_shows_and_goes_to_the_storms(
    nothing_rate: float, own_rate: float, customers: int
) -> None:
    nothing, own = round(nothing_rate * customers), round(own_rate * customers)
    seen_nothing, seen_own = nothing / customers, own / customers
    rate = rates_with(nothing, own).closed_call_rate(customers)
    low = min(NOTHING0, seen_nothing) + min(OWN0, seen_own)
    high = max(NOTHING0, seen_nothing) + max(OWN0, seen_own)
    assert low - 1e-12 <= rate <= high + 1e-12
    # The prior is worth one call of each kind: the storm's own rate, within that of it
    # (a call's worth at the prior's rate, one per customer at the storm's).
    weight = 2.0 + seen_nothing / NOTHING0 + seen_own / OWN0
    assert abs(rate - (seen_nothing + seen_own)) <= weight / customers + 1e-12


@settings(max_examples=60, deadline=None)
@given(
    nothing=st.integers(min_value=0, max_value=500),
    own=st.integers(min_value=0, max_value=500),
    customers=st.integers(min_value=0, max_value=100_000),
)
def test_more_such_calls_raise_the_rate_and_more_customers_without_them_lower_it(
    nothing: int, own: int, customers: int
) -> None:
    rate = rates_with(nothing, own).closed_call_rate(customers)
    assert rates_with(nothing + 1, own).closed_call_rate(customers) > rate
    assert rates_with(nothing, own + 1).closed_call_rate(customers) > rate
    if nothing == own == 0:
        assert rates_with(0, 0).closed_call_rate(customers + 1000) < rate
    assert rates_with(0, 0).closed_call_rate(0) == NOTHING0 + OWN0


def test_a_call_said_on_below_a_named_device_counts_as_a_call_with_no_outage_above() -> None:
    # Three callers below T2 name it; one of them says power is on, no restore anywhere: a
    # call from a customer with power (before this round it was left out of every count).
    net = radial_feeder(10)
    learnt = OutageInference(net, replace(Params(), closed_calls_learnt=1.0))
    fixed = OutageInference(net)
    callers = customers_of(net, "T2")[:3]
    for engine in (learnt, fixed):
        for i, caller in enumerate(callers):
            engine.ingest((i + 1) * MINUTE, "call", caller)
        assert [o.device for o in engine.picture(10 * MINUTE).outages] == ["T2"]
        engine.ingest(40 * MINUTE, "call_on", callers[0])
        engine.picture(41 * MINUTE)
        assert engine.rates.lone.named_said_on == 1
        assert engine.rates.lone.said_on == 0  # (not a lone call: the share is not moved)
    customers = net.customer_count
    expected = (1.0 + 1.0) / (1.0 / NOTHING0 + customers) + 1.0 / (1.0 / OWN0 + customers)
    assert abs(learnt.params.false_call - expected) < 1e-12
    assert fixed.params.false_call == PRIOR.false_call


def test_a_repair_of_a_caller_below_a_named_device_counts_as_an_own_fault_call() -> None:
    net = radial_feeder(10)
    engine = OutageInference(net, replace(Params(), closed_calls_learnt=1.0))
    callers = customers_of(net, "T3")[:3]
    for i, caller in enumerate(callers):
        engine.ingest((i + 1) * MINUTE, "call", caller)
    assert [o.device for o in engine.picture(10 * MINUTE).outages] == ["T3"]
    engine.ingest(2 * HOUR, "restore", callers[1])
    engine.picture(2 * HOUR + MINUTE)
    assert engine.rates.lone.named_own == 1
    assert engine.rates.lone.own == 0
