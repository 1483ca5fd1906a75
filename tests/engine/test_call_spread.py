"""How alike the storm's outages are in their share of callers, learnt from its restores
(``StormRates.call_share_spread``, behind ``Params.call_spread_weight``; round 36)."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.learning import StormRates
from powerdesk.engine.model import Params

ON = Params(call_spread_weight=4.0)
restored = st.lists(
    st.tuples(st.integers(min_value=1, max_value=300), st.floats(0.0, 1.0)),
    min_size=0,
    max_size=40,
)


def _restore(rates: StormRates, customers: int, calls: int) -> None:
    rates.outage_restored(
        customers=customers, calls=calls, delays_sum=0.0, meters=0, last_gasps=0, confirmed=None
    )


@settings(max_examples=60, deadline=None)
@given(outages=restored)
def test_the_learnt_strength_is_a_positive_finite_beta_strength_whatever_the_restores(
    outages: list[tuple[int, float]],
) -> None:
    rates, off = StormRates(ON), StormRates(Params())
    for customers, share in outages:
        _restore(rates, customers, round(share * customers))
        _restore(off, customers, round(share * customers))
    assert 0.0 < rates.call_share_spread < math.inf
    # Without the switch the prior's strength stands, and the engine's Params keep it.
    assert off.call_share_spread == Params().call_share_strength
    assert off.params().call_share_strength == Params().call_share_strength
    assert rates.params().call_share_strength == rates.call_share_spread


@settings(max_examples=40, deadline=None)
@given(
    outages=st.integers(min_value=2, max_value=60),
    customers=st.integers(min_value=10, max_value=300),
    share=st.floats(min_value=0.05, max_value=0.6),
)
def test_when_every_outage_calls_alike_the_silence_of_many_customers_speaks_more(
    outages: int, customers: int, share: float
) -> None:
    # Outage after outage the same share calls: the outages are alike, so the learnt
    # strength grows with each, and a device of many customers none of whom called is less
    # likely open than with the prior's spread.
    rates = StormRates(ON)
    strengths = []
    for _ in range(outages):
        _restore(rates, customers, round(share * customers))
        strengths.append(rates.call_share_spread)
    assert all(a <= b + 1e-9 for a, b in itertools.pairwise(strengths))
    assert strengths[-1] > Params().call_share_strength
    learnt = rates.params()
    assert learnt.call_pattern_llr(0, 60, 120.0) < Params(
        call_share=learnt.call_share
    ).call_pattern_llr(0, 60, 120.0)


@settings(max_examples=40, deadline=None)
@given(
    shares=st.lists(st.booleans(), min_size=2, max_size=60),
    customers=st.integers(min_value=20, max_value=300),
)
def test_when_outages_call_all_or_none_the_strength_is_never_above_the_priors(
    shares: list[bool], customers: int
) -> None:
    rates = StormRates(ON)
    for everyone in shares:
        _restore(rates, customers, customers if everyone else 0)
    strength = rates.call_share_spread
    assert 0.0 < strength < math.inf
    if any(shares) and not all(shares):
        assert strength <= Params().call_share_strength + 1e-9
