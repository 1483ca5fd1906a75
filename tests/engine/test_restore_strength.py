"""How alike a storm's areas are in the share of power-on messages that arrive after a restore,
learnt from the spread of the restored areas' shares (``StormRates.restore_strength``; used with
``Params.restore_strength_learnt``, off since round 27 measured it)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference.learning import StormRates
from powerdesk.engine.model.params import Params

AREAS = st.lists(
    st.integers(min_value=1, max_value=500).flatmap(
        lambda meters: st.tuples(st.just(meters), st.integers(min_value=0, max_value=meters))
    ),
    max_size=40,
)


@settings(max_examples=100, deadline=None)
@given(areas=AREAS)
def test_the_learnt_strength_is_a_positive_finite_count_whatever_the_areas(
    areas: list[tuple[int, int]],
) -> None:
    rates = StormRates(Params(restore_strength_learnt=1.0))
    for meters, reported in areas:
        rates.power_back(meters=meters, reported=reported)
    strength = rates.restore_strength
    assert 0.0 < strength < math.inf
    assert rates.params().restore_strength == strength


@settings(max_examples=50, deadline=None)
@given(areas=AREAS)
def test_without_the_switch_the_lanes_keep_the_prior_strength(
    areas: list[tuple[int, int]],
) -> None:
    rates = StormRates(Params())
    for meters, reported in areas:
        rates.power_back(meters=meters, reported=reported)
    assert rates.params().restore_strength == Params().restore_strength


@given(share=st.integers(min_value=1, max_value=9))
def test_areas_alike_make_a_lane_s_silence_speak_more(share: int) -> None:
    # Thirty areas of a hundred meters, each with the same share heard: far more alike than
    # the prior's Beta allows, so three silent meters of a lane weigh more.
    rates = StormRates(Params(restore_strength_learnt=1.0))
    for _ in range(30):
        rates.power_back(meters=100, reported=10 * share)
    assert rates.restore_strength > 5 * Params().message_delivery_strength
    learnt = rates.params()
    assert learnt.silent_after_restore_llr(3) > Params(
        restore_delivery=learnt.restore_delivery
    ).silent_after_restore_llr(3)
