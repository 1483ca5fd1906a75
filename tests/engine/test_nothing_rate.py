"""The storm's own rate of calls about nothing (and of own faults), learnt from its lone calls
(``inference.nothing_rate``, ``Params.false_call_learnt``, round 47)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.learning import StormRates
from powerdesk.engine.inference.nothing_rate import NothingRate
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

HOUR = 3600.0
NET = radial_feeder(20)
CUSTOMERS = [c for t in ("T1", "T2", "T3", "T4", "T5") for c in customers_of(NET, t)]

rates_ = st.floats(min_value=1e-5, max_value=0.05)
strengths = st.floats(min_value=0.1, max_value=20.0)
customers_ = st.integers(min_value=1, max_value=200_000)
hours_ = st.floats(min_value=0.0, max_value=48.0)


@settings(max_examples=200, deadline=None)
@given(prior=rates_, strength=strengths, customers=customers_, hours=hours_)
def test_with_no_call_about_nothing_the_rate_stays_at_or_under_the_prior(
    prior: float, strength: float, customers: int, hours: float
) -> None:
    p = Params(false_call=prior, false_call_strength=strength)
    rate = NothingRate(p, customers).false_call(nothing=0.0, hours=hours)
    assert rate <= prior * (1.0 + 1e-9)
    # It falls only as far as the customer-storms seen outweigh the prior's worth.
    seen = customers * min(1.0, hours / p.false_call_storm_hours)
    assert math.isclose(rate, strength / (strength / prior + seen), rel_tol=1e-9) or rate == 1e-7
    # Nothing seen yet (the storm's first moment): the prior itself.
    assert NothingRate(p, customers).false_call(nothing=0.0, hours=0.0) == prior


@settings(max_examples=200, deadline=None)
@given(prior=rates_, customers=st.integers(min_value=100, max_value=200_000))
def test_with_every_customer_calling_about_nothing_the_rate_goes_to_one(
    prior: float, customers: int
) -> None:
    p = Params(false_call=prior)
    rate = NothingRate(p, customers)
    whole = rate.false_call(nothing=float(customers), hours=p.false_call_storm_hours)
    # Within the prior's weight of 1 (the Gamma-Poisson posterior mean, clipped under 1).
    strength = p.false_call_strength
    assert whole >= min(0.999, (strength + customers) / (strength / prior + customers)) - 1e-12
    assert whole >= rate.false_call(nothing=customers / 2.0, hours=p.false_call_storm_hours)


@settings(max_examples=200, deadline=None)
@given(
    prior=rates_,
    customers=customers_,
    hours=hours_,
    a=st.floats(min_value=0.0, max_value=500.0),
    b=st.floats(min_value=0.0, max_value=500.0),
)
def test_the_rate_rises_with_the_calls_and_lies_between_the_prior_and_the_storm(
    prior: float, customers: int, hours: float, a: float, b: float
) -> None:
    p = Params(false_call=prior)
    rate = NothingRate(p, customers)
    low, high = sorted((a, b))
    assert rate.false_call(nothing=low, hours=hours) <= rate.false_call(nothing=high, hours=hours)
    seen = customers * min(1.0, hours / p.false_call_storm_hours)
    if seen > 0.0:
        storm = high / seen
        got = rate.false_call(nothing=high, hours=hours)
        assert min(prior, storm) - 1e-12 <= got <= max(prior, storm) + 1e-12 or got in (1e-7, 0.999)


@settings(max_examples=100, deadline=None)
@given(customers=customers_, hours=hours_, calls=st.floats(min_value=0.0, max_value=100.0))
def test_own_faults_count_as_their_callers_share(
    customers: int, hours: float, calls: float
) -> None:
    p = Params()
    rate = NothingRate(p, customers)
    as_calls = rate.customer_problem(own_calls=calls, hours=hours)
    # An own-fault call stands for 1 / own_problem_call_share own faults.
    same = NothingRate(Params(false_call=p.customer_problem), customers).false_call(
        nothing=calls / p.own_problem_call_share, hours=hours
    )
    assert math.isclose(as_calls, same, rel_tol=1e-12)


@settings(max_examples=60, deadline=None)
@given(calls=st.integers(min_value=1, max_value=200))
def test_the_storm_rates_use_it_only_with_the_switch(calls: int) -> None:
    for learnt in (0, 1, 2):
        rates = StormRates(Params(false_call_learnt=learnt), customers=1000)
        rates.hours = 16.0
        for _ in range(calls):
            rates.lone.answered(own_fault=False, seconds=HOUR)
        rates.lone.estimate([])
        got = rates.params()
        if learnt:
            expected = NothingRate(rates.prior, 1000).false_call(
                nothing=rates.lone.not_faults, hours=16.0
            )
            assert got.false_call == expected > Params().false_call
        else:
            assert got.false_call == Params().false_call
        assert (got.customer_problem != Params().customer_problem) == (learnt == 2)


def test_no_lone_call_estimated_keeps_the_prior() -> None:
    rates = StormRates(Params(false_call_learnt=2), customers=1000)
    rates.hours = 10.0
    assert rates.params().false_call == Params().false_call
    assert rates.params().customer_problem == Params().customer_problem


def test_the_engine_weighs_a_call_less_where_the_storm_has_many_calls_about_nothing() -> None:
    """Ten customers call, forty minutes apart, and each says power is on half an hour later,
    with nothing restored: calls about nothing (each a lone call: no picture names anything).
    With the switch the engine's rate of such calls rises, and the weight of one call for an
    outage above (``llr_call``) falls; without it, both stay the prior's."""
    engines = {learnt: OutageInference(NET, Params(false_call_learnt=learnt)) for learnt in (0, 1)}
    callers = CUSTOMERS[::10][:10]
    for engine in engines.values():
        for i, caller in enumerate(callers):
            t = 600.0 + 2400.0 * i
            engine.ingest(t, "call", caller)
            assert engine.picture(t + 60.0).outages == []
            engine.ingest(t + 1800.0, "call_on", caller)
            engine.picture(t + 1860.0)
        engine.picture(12 * HOUR)
        assert engine.rates.lone.said_on == len(callers)
    assert engines[0].params.false_call == Params().false_call
    learnt = engines[1].params.false_call
    assert learnt > Params().false_call
    assert engines[1].params.llr_call < engines[0].params.llr_call
