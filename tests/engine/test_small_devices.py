"""One or two calls under a small device, weighed as the storm's own such calls turned out, by
the device's size (``inference.small_devices``, ``Params.small_device_calibrated``)."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.small_devices import BANDS, SmallDevices, band_of
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

HOUR = 3600.0
logits = st.floats(min_value=-6.0, max_value=6.0, allow_nan=False)
sizes = st.integers(min_value=2, max_value=20)


@settings(max_examples=40, deadline=None)
@given(
    outcomes=st.lists(logits, min_size=1, max_size=200),
    size=sizes,
    strength=st.floats(min_value=0.5, max_value=20.0),
)
def test_with_every_call_an_outage_the_single_customer_share_goes_to_nothing(
    outcomes: list[float], size: int, strength: float
) -> None:
    # Every customer under the device called and each call was the device's outage (no call
    # about nothing, no own fault): the learnt share of single-customer outcomes falls to the
    # prior's weight, whatever the engine's log-odds were.
    cal = SmallDevices(strength=strength)
    for number, logit in enumerate(outcomes):
        cal.seen(number, size, logit)
        cal.resolve(number, outage=True)
    cal.estimate()
    assert cal.single_share(size) <= strength / (strength + len(outcomes)) + 1e-6
    assert cal.shift(size) >= 0.0


@settings(max_examples=40, deadline=None)
@given(outcomes=st.lists(logits, min_size=1, max_size=200), size=sizes)
def test_with_every_call_the_callers_own_the_share_goes_to_one(
    outcomes: list[float], size: int
) -> None:
    cal = SmallDevices(strength=4.0)
    for number, logit in enumerate(outcomes):
        cal.seen(number, size, logit)
        cal.resolve(number, outage=False)
    cal.estimate()
    assert 1.0 - cal.single_share(size) <= 4.0 / (4.0 + len(outcomes)) + 1e-6
    assert cal.shift(size) <= 0.0


@settings(max_examples=15, deadline=None)
@given(
    true_shift=st.floats(min_value=-2.5, max_value=2.5),
    seed=st.integers(0, 10_000),
)
def test_the_shift_goes_to_the_storms_own(true_shift: float, seed: int) -> None:
    # The outcomes drawn at the engine's log-odds shifted by a fixed amount: the learnt shift
    # finds it, within sampling noise of 3,000 calls.
    rng = random.Random(seed)
    cal = SmallDevices(strength=4.0)
    for number in range(3000):
        logit = rng.uniform(-3.0, 3.0)
        p = 1.0 / (1.0 + math.exp(-(logit + true_shift)))
        cal.seen(number, 5, logit)
        cal.resolve(number, outage=rng.random() < p)
    cal.estimate()
    assert abs(cal.shift(5) - true_shift) < 0.35


@settings(max_examples=30, deadline=None)
@given(
    logit=logits,
    outages=st.integers(min_value=0, max_value=50),
    singles=st.integers(min_value=0, max_value=50),
)
def test_more_outages_never_lower_the_shift(logit: float, outages: int, singles: int) -> None:
    def shift(extra: int) -> float:
        cal = SmallDevices(strength=4.0)
        for number in range(outages + extra + singles):
            cal.seen(number, 3, logit)
            cal.resolve(number, outage=number < outages + extra)
        cal.estimate()
        return cal.shift(3)

    assert shift(1) >= shift(0) - 1e-9


def test_nothing_learnt_moves_nothing_and_bands_are_apart() -> None:
    cal = SmallDevices()
    cal.estimate()
    assert [cal.shift(n) for n in range(1, 25)] == [0.0] * 24
    assert cal.single_share(3) == 0.5
    # What the 2-3 customers' band learnt is not the 8-20's; larger devices never move.
    for number in range(30):
        cal.seen(number, 3, 0.0)
        cal.resolve(number, outage=False)
    cal.seen(99, 40, 0.0)  # (no band: never kept)
    cal.estimate()
    assert cal.shift(2) == cal.shift(3) < 0.0
    assert cal.shift(10) == 0.0 and cal.shift(21) == 0.0
    assert 99 not in cal.pending
    assert [band_of(n) for n in BANDS[:-1]] == [0, 1, 2]


def test_an_answer_without_a_kept_call_teaches_nothing() -> None:
    cal = SmallDevices()
    cal.resolve(5, outage=True)
    assert not cal.news and all(not r for r in cal.resolved)


def _storm(params: Params) -> tuple[OutageInference, list[str]]:
    """Three-customer transformers; twelve lone calls, each later the caller's own fault (a
    restore of the caller alone), one at a time, a picture between."""
    net = radial_feeder(3)
    engine = OutageInference(net, params)
    callers = [c for t in ("T1", "T2", "T3", "T4") for c in customers_of(net, t)]
    t = 600.0
    for caller in callers:
        engine.ingest(t, "call", caller)
        engine.picture(t + 1800.0)
        engine.ingest(t + 2 * HOUR, "restore", caller)
        t += 3 * HOUR
    return engine, callers


def test_own_faults_under_small_devices_weigh_the_next_lone_call_less() -> None:
    on = Params(small_device_calibrated=1.0)
    engine, callers = _storm(on)
    small = engine._st.small
    # (The last restore is applied when the time moves on.)
    assert sum(len(r) for r in small.resolved) == len(callers) - 1
    assert small.shift(3) < 0.0 and small.single_share(3) > 0.5
    base, _ = _storm(Params())
    assert base._st.small.shift(3) == 0.0  # (the switch off: nothing kept)
    # A new lone call under T5 (three customers, under F3 of six).
    t5 = customers_of(engine.network, "T5")[0]
    now = 40 * HOUR
    for eng in (engine, base):
        eng.ingest(now, "call", t5)
    picture_on, picture_off = engine.picture(now + 1800.0), base.picture(now + 1800.0)
    # Without the calibration the fuse above is named on that one call; with it the storm's
    # twelve own faults under three-customer transformers say it is the caller's own (and
    # their answers, no longer under a named device, teach the lone calls' own-fault share).
    assert [o.device for o in picture_off.outages] == ["F3"]
    assert [o.device for o in picture_on.outages] == [t5]
