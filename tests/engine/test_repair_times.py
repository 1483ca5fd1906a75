"""The storm's repair times, learnt from the stream (``inference.repairs``): whatever the
restores, the estimates stay a positive median and spread; with clean evidence they go where
it says; outages still waiting only ever lengthen them; and the prior holds when it is sure."""

from __future__ import annotations

import math
import random

from hypothesis import example, given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.repairs import RepairTimes, censored_moments
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0
TRANSFORMERS = ("T1", "T2", "T3", "T4", "T5")

durations = st.lists(st.floats(min_value=0.0, max_value=96 * HOUR), max_size=60)


@settings(max_examples=60, deadline=None)
@given(repaired=durations, waiting=durations)
# A repair said to take no time beside outages waiting a day or more drove the estimate apart
# (a spread of 6.5 and a median of 10,000 hours) before the estimates were bounded.
@example(repaired=[0.0], waiting=[59333.0, 79835.0, 106739.0, 115702.0, 118313.0, 133782.0] * 3)
def test_the_estimates_are_a_positive_median_and_spread_whatever_the_times(
    repaired: list[float], waiting: list[float]
) -> None:
    times = RepairTimes(Params())
    for seconds in repaired:
        times.repaired(seconds)
    times.estimate(waiting)
    assert math.isfinite(times.mu) and math.isfinite(times.sd)
    assert 0.0 < times.median_hours <= 30 * 24 * (1 + 1e-9)
    assert 0.05 <= times.spread <= 3.0
    assert times.waiting == len(waiting)


@settings(max_examples=40, deadline=None)
@given(
    hours=st.floats(min_value=0.25, max_value=24.0),
    n=st.integers(min_value=30, max_value=200),
)
def test_with_every_outage_repaired_alike_the_median_goes_there_and_the_spread_shrinks(
    hours: float, n: int
) -> None:
    times = RepairTimes(Params())
    for _ in range(n):
        times.repaired(hours * HOUR)
    times.estimate([])
    k = Params().repair_strength
    # The prior counts as k outages: the log-median moves to within k / (k + n) of the way.
    gap = abs(math.log(Params().repair_median_hours / hours))
    assert abs(math.log(times.median_hours / hours)) <= gap * k / (k + n) + 1e-9
    assert times.spread < Params().repair_spread


@settings(max_examples=40, deadline=None)
@given(
    repaired=st.lists(st.floats(min_value=2.5 * HOUR, max_value=96 * HOUR), max_size=30),
    waiting=st.lists(st.floats(min_value=2.5 * HOUR, max_value=96 * HOUR), min_size=1, max_size=30),
)
def test_outages_waiting_longer_than_the_priors_median_are_not_taken_for_quick_repairs(
    repaired: list[float], waiting: list[float]
) -> None:
    # Every outage so far repaired, or still waiting, after the prior's median or later: the
    # storm's median is not shorter than the prior's (a storm's first hours, when nothing is
    # repaired yet, say its repairs are slow, not quick).
    prior = Params(repair_median_hours=2.5)
    times = RepairTimes(prior)
    for seconds in repaired:
        times.repaired(seconds)
    times.estimate(waiting)
    assert times.median_hours >= prior.repair_median_hours * (1.0 - 1e-9)


@settings(max_examples=30, deadline=None)
@given(repaired=durations, waiting=durations)
def test_a_sure_prior_holds(repaired: list[float], waiting: list[float]) -> None:
    prior = Params(repair_strength=1e12)
    times = RepairTimes(prior)
    for seconds in repaired:
        times.repaired(seconds)
    times.estimate(waiting)
    assert math.isclose(times.median_hours, prior.repair_median_hours, rel_tol=1e-6)
    assert math.isclose(times.spread, prior.repair_spread, rel_tol=1e-6)


@settings(max_examples=40, deadline=None)
@given(
    cut=st.floats(min_value=-20.0, max_value=20.0),
    mu=st.floats(min_value=-5.0, max_value=15.0),
    sd=st.floats(min_value=0.05, max_value=5.0),
)
def test_a_time_known_only_to_be_longer_is_longer_on_average(
    cut: float, mu: float, sd: float
) -> None:
    mean, square = censored_moments(cut, mu, sd)
    assert mean >= max(cut, mu) - 1e-6
    assert square >= mean * mean - 1e-6  # (a variance is never negative)


@settings(max_examples=15, deadline=None)
@given(
    outages=st.integers(min_value=8, max_value=16),
    minutes=st.floats(min_value=30.0, max_value=600.0),
    seed=st.integers(0, 10_000),
)
def test_through_the_engine_the_storms_repair_time_is_learnt(
    outages: int, minutes: float, seed: int
) -> None:
    # Outage after outage of one transformer, each restored ``minutes`` after its first call:
    # what the engine uses as the storm's repair median (not a rate handed to it) goes there.
    rng = random.Random(seed)
    net = radial_feeder(8)
    engine = OutageInference(net)
    for k in range(outages):
        start = k * 24 * HOUR
        transformer = rng.choice(TRANSFORMERS)
        for customer in customers_of(net, transformer):
            engine.ingest(start + rng.uniform(0.0, 5.0) * MINUTE, "call", customer)
        engine.picture(start + 6 * MINUTE)
        first = min(engine._st.evidence.first_sign[net.index[transformer]], start + 5 * MINUTE)
        engine.ingest(first + minutes * MINUTE, "restore", transformer)
        engine.picture(first + minutes * MINUTE + 2 * HOUR)
    learnt = engine.params.repair_median_hours * 60.0
    prior = Params().repair_median_hours * 60.0
    k = Params().repair_strength
    assert (
        abs(math.log(learnt / minutes)) <= abs(math.log(prior / minutes)) * k / (k + outages) + 1e-6
    )
