"""Properties of the lone-sign estimate (``Params.lone_sign_weight``): what a call or last gasp
no neighbour joins turned out to be in this storm, by how long it stayed lone, learnt from the
stream with a weak prior; and what it does to a device whose only sign is such a one."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.lone_signs import BANDS_MINUTES, LoneSignRates, lone_llr
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0

endings = st.lists(
    st.tuples(st.booleans(), st.floats(min_value=0.0, max_value=48 * HOUR)), max_size=80
)
ages = st.floats(min_value=0.0, max_value=48 * HOUR)
readings = st.sampled_from([0.0, 1.0, 2.0])


def _rates(ended: list[tuple[bool, float]]) -> LoneSignRates:
    rates = LoneSignRates()
    for device, seconds in ended:
        rates.ended(device=device, seconds=seconds)
    return rates


@settings(max_examples=60, deadline=None)
@given(ended=endings, age=ages, reading=readings)
def test_the_share_is_a_share_and_the_term_finite_whatever_ended(
    ended: list[tuple[bool, float]], age: float, reading: float
) -> None:
    rates = _rates(ended)
    p = Params(lone_sign_weight=1.0, lone_sign_against=reading)
    assert 0.0 < rates.share(p, age) < 1.0
    term = rates.llr(p, age)
    assert math.isfinite(term)
    if reading >= 2.0:
        assert term <= 0.0
    # Counts only ever fall with age: a sign counts in every band it stayed lone through.
    assert all(a >= b for a, b in zip(rates.device, rates.device[1:], strict=False))
    assert all(a >= b for a, b in zip(rates.customer, rates.customer[1:], strict=False))


@settings(max_examples=40, deadline=None)
@given(ended=endings, age=ages)
def test_with_the_switch_off_or_nothing_learnt_the_term_is_nothing(
    ended: list[tuple[bool, float]], age: float
) -> None:
    assert _rates(ended).llr(Params(), age) == 0.0
    for reading in (0.0, 1.0, 2.0):
        p = Params(lone_sign_weight=1.0, lone_sign_against=reading)
        assert LoneSignRates().llr(p, age) == 0.0


@settings(max_examples=60, deadline=None)
@given(ended=endings, age=ages, device=st.booleans(), reading=readings)
def test_one_more_ending_moves_the_terms_of_the_ages_it_reached_its_way(
    ended: list[tuple[bool, float]], age: float, device: bool, reading: float
) -> None:
    # A lone sign that ended as the device's outage after staying lone past ``age`` never
    # lowers the share at that age; one that ended as the customer's never raises it.
    p = Params(lone_sign_weight=1.0, lone_sign_against=reading)
    before = _rates(ended)
    after = _rates([*ended, (device, age + MINUTE)])
    if device:
        assert after.share(p, age) >= before.share(p, age) - 1e-12
    else:
        assert after.share(p, age) <= before.share(p, age) + 1e-12


@settings(max_examples=30, deadline=None)
@given(n=st.integers(min_value=1, max_value=200), band=st.integers(0, len(BANDS_MINUTES) - 1))
def test_lone_signs_all_cleared_by_their_customer_take_the_share_to_nothing(
    n: int, band: int
) -> None:
    # Every lone sign of the storm was the customer's alone: the share at every age it reached
    # falls towards nothing as they come, at least as fast as one Beta posterior's.
    p = Params(lone_sign_weight=1.0, lone_sign_against=0.0)
    seconds = BANDS_MINUTES[band] * MINUTE
    rates = _rates([(False, seconds)] * n)
    k, p0 = p.lone_sign_strength, p.lone_sign_device_share
    # (Each band drawn towards the one before it: the first is the Beta posterior exactly.)
    assert abs(rates.share(p, 0.0) - k * p0 / (k + n)) < 1e-12
    assert rates.share(p, seconds) <= k * p0 / (k + n) + 1e-12
    assert rates.llr(p, seconds) < 0.0


def _storm(engine: OutageInference, outages: int) -> float:
    """Each round an outage of T1 (two calls five minutes apart, restored an hour later) and a
    lone call under T2 cleared by the caller saying power is on three hours later; then one
    more lone call, two and a half hours old at the time returned."""
    net = engine.network
    callers, t1 = customers_of(net, "T2"), customers_of(net, "T1")
    for k in range(outages):
        start = k * 4 * HOUR
        caller = callers[k % len(callers)]
        engine.ingest(start + MINUTE, "call", caller)
        engine.ingest(start + 2 * MINUTE, "call", t1[0])
        engine.ingest(start + 7 * MINUTE, "call", t1[1])
        engine.ingest(start + HOUR, "restore", "T1")
        engine.ingest(start + 3 * HOUR, "call_on", caller)
    start = outages * 4 * HOUR
    engine.ingest(start + MINUTE, "call", customers_of(net, "T4")[0])
    return start + 2.5 * HOUR


@settings(max_examples=10, deadline=None)
@given(outages=st.integers(min_value=3, max_value=10))
def test_through_the_engine_lone_calls_cleared_by_their_callers_weigh_against_a_lone_call(
    outages: int,
) -> None:
    # A storm whose lone calls that stood were all wrong accounts (said on hours later, no
    # neighbour's sign), while its outages' first calls were joined within minutes: a new lone
    # call that has stood as long weighs against its transformer's outage, under either
    # reading; with the switch off it weighs nothing.
    net = radial_feeder(8)
    on = OutageInference(net, Params(lone_sign_weight=1.0))
    off = OutageInference(net, Params())
    now = _storm(on, outages)
    _storm(off, outages)
    for engine in (on, off):
        engine.picture(now)
    t4 = net.index["T4"]
    assert lone_llr(on._st, t4, now) < 0.0
    assert lone_llr(off._st, t4, now) == 0.0
    fresh = on._st.lone_signs.llr(on._st.prior_params, 0.0)
    assert fresh == 0.0  # (a fresh lone sign is weighed as before)
    prior = Params(lone_sign_weight=1.0, lone_sign_against=0.0)
    assert on._st.lone_signs.llr(prior, now - on._st.evidence.first_sign[t4]) < 0.0
    learnt = on._st.lone_signs
    assert learnt.customer[0] == outages and learnt.device == [outages, 0, 0, 0, 0, 0, 0]
    assert sum(learnt.customer) == outages * 5  # (3 h: bands 0, 15, 30, 60 and 120 minutes)


def test_a_neighbours_call_ends_a_lone_call_as_the_devices_and_a_restore_above_drops_it() -> None:
    # (With ``lone_sign_above`` 1, the default, the restore above counts it as an outage.)
    net = radial_feeder(8)
    engine = OutageInference(net, Params(lone_sign_weight=1.0, lone_sign_above=0.0))
    first, second = customers_of(net, "T2")[:2]
    engine.ingest(MINUTE, "call", first)
    engine.ingest(20 * MINUTE, "call", second)
    engine.picture(30 * MINUTE)
    learnt = engine._st.lone_signs
    assert learnt.device == [1, 1, 0, 0, 0, 0, 0] and not learnt.open
    # A lone call under T3, then the fuse above (F2) restored: which it was is not known.
    engine.ingest(40 * MINUTE, "call", customers_of(net, "T3")[0])
    engine.ingest(50 * MINUTE, "restore", "F2")
    engine.picture(60 * MINUTE)
    assert not learnt.open and learnt.customer == [0] * len(BANDS_MINUTES)
    assert learnt.device == [1, 1, 0, 0, 0, 0, 0]
