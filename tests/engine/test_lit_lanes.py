"""Properties of the power-on delivery learnt only from lanes a restore certainly lit
(``Params.restore_delivery_lit_lanes``, round 54 of issue 17): a lane with no meter heard may be
dark and teaches nothing; a lane of one meter, kept because it was heard, teaches nothing; the
estimate corrects the favour of keeping only heard lanes, so it never exceeds their plain share."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.lit_lanes import LitLanes
from powerdesk.engine.model import Network, Params

lanes = st.lists(
    st.integers(min_value=1, max_value=30).flatmap(
        lambda k: st.tuples(st.just(k), st.integers(min_value=1, max_value=k))
    ),
    max_size=40,
)
priors = st.floats(min_value=0.05, max_value=0.95)
strengths = st.floats(min_value=0.5, max_value=50.0)


def _learnt(pairs: list[tuple[int, int]]) -> LitLanes:
    got = LitLanes()
    for meters, reported in pairs:
        got.add(meters=meters, reported=reported)
    return got


@settings(max_examples=80, deadline=None)
@given(pairs=lanes, dark=st.lists(st.integers(1, 30), max_size=10), prior=priors, s=strengths)
def test_lanes_with_no_meter_heard_teach_nothing(
    pairs: list[tuple[int, int]], dark: list[int], prior: float, s: float
) -> None:
    with_dark = _learnt(pairs)
    for meters in dark:
        with_dark.add(meters=meters, reported=0)
    assert with_dark.estimate(prior, s) == _learnt(pairs).estimate(prior, s)


@settings(max_examples=80, deadline=None)
@given(ones=st.integers(0, 200), prior=priors, s=strengths)
def test_lanes_of_one_meter_keep_the_prior(ones: int, prior: float, s: float) -> None:
    assert abs(_learnt([(1, 1)] * ones).estimate(prior, s) - prior) < 1e-6


@settings(max_examples=80, deadline=None)
@given(pairs=lanes, prior=priors, s=strengths)
def test_the_estimate_is_a_share_never_over_the_kept_lanes_plain_share(
    pairs: list[tuple[int, int]], prior: float, s: float
) -> None:
    value = _learnt(pairs).estimate(prior, s)
    heard = sum(r for _, r in pairs)
    meters = sum(k for k, _ in pairs)
    plain = (prior * s + heard) / (s + meters)
    assert 0.0 < value < 1.0
    assert value <= plain + 1e-6


@settings(max_examples=20, deadline=None)
@given(
    delivery=st.floats(min_value=0.2, max_value=0.8),
    size=st.integers(min_value=3, max_value=8),
    seed=st.integers(0, 10_000),
)
def test_many_lanes_drawn_at_one_delivery_give_it_back(
    delivery: float, size: int, seed: int
) -> None:
    rng = random.Random(seed)
    got = LitLanes()
    for _ in range(3000):
        got.add(meters=size, reported=sum(rng.random() < delivery for _ in range(size)))
    assert abs(got.estimate(0.5, 4.0) - delivery) < 0.04


def _two_fuses() -> Network:
    rows = [("S", "", "source"), ("R", "S", "recloser"), ("F1", "R", "fuse"), ("F2", "R", "fuse")]
    rows += [(f"A{i}", "F1", "customer") for i in range(4)]
    rows += [(f"B{i}", "F2", "customer") for i in range(4)]
    return Network.from_rows(rows, ami=[-1] * 4 + [1] * 8)


def test_in_the_engine_a_fuse_left_dark_under_a_restore_does_not_lower_the_delivery() -> None:
    """R's customers all gasp; R is restored; two of F1's meters say power is back and none of
    F2's (F2 stays out). With the switch, only F1's lane teaches the delivery; without it,
    F2's silent meters count as messages lost."""
    learnt = {}
    for switch in (0, 1):
        engine = OutageInference(_two_fuses(), Params(restore_delivery_lit_lanes=switch))
        for i in range(4):
            engine.ingest(600.0 + i, "ami_off", f"A{i}")
            engine.ingest(600.0 + i, "ami_off", f"B{i}")
        engine.ingest(3000.0, "restore", "R")
        engine.ingest(3030.0, "ami_on", "A0")
        engine.ingest(3040.0, "ami_on", "A1")
        engine.picture(3000.0 + 4 * 3600.0)
        learnt[switch] = engine.rates.restore_delivery
    alone = LitLanes()
    alone.add(meters=4, reported=2)
    assert learnt[1] == alone.estimate(Params().restore_delivery, 4.0)
    assert learnt[1] > learnt[0]
