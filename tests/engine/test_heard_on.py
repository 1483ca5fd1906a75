"""When each customer was last heard on (rounds 50-51, ``heard.HeardOn``): no last gasp moves
it; metered customers heard on after an outage's onset weigh against it once per device, at the
share of the storm's restored outages with one heard on inside (``Params.heard_on_against``)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.ingest import flush
from powerdesk.engine.inference.scoring import open_score
from powerdesk.engine.learning import StormRates
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

_KINDS = ("call", "ami_off", "ami_on", "call_on", "restore")


@settings(max_examples=60, deadline=None)
@given(
    events=st.lists(
        st.tuples(st.sampled_from(_KINDS), st.integers(min_value=0, max_value=49)),
        min_size=1,
        max_size=60,
    )
)
def test_a_last_gasp_never_moves_last_heard_on(events: list[tuple[str, int]]) -> None:
    # Any customer events, one a minute: after each, a customer's "last heard on" is the time
    # of their latest power-on message, "power is on" or repair of their own supply, and a
    # last gasp leaves every customer's record as it was.
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net)
    state = engine._st
    customers = [i for i in net.ids if i.startswith("C")]
    expected = np.full(len(customers), -math.inf)
    for step, (kind, who) in enumerate(events):
        t = 60.0 * (step + 1)
        before = state.heard.at.copy()
        engine.ingest(t, kind, customers[who])
        flush(state)
        number = state.customer_number[net.index[customers[who]]]
        if kind == "ami_off":
            assert np.array_equal(state.heard.at, before)
        elif kind != "call":
            expected[number] = t
        assert np.array_equal(state.heard.at, expected)


@settings(max_examples=40, deadline=None)
@given(
    prior=st.floats(min_value=0.001, max_value=0.2),
    restores=st.lists(st.booleans(), max_size=40),
)
def test_the_share_of_outages_with_one_heard_inside_is_learnt_from_a_weak_prior(
    prior: float, restores: list[bool]
) -> None:
    # With no restore the share is its prior; after any it is the posterior mean, the prior
    # worth ``message_delivery_strength`` outages, and it reaches the engine's parameters.
    # Every outage heard inside drives it to 1, none to 0.
    rates = StormRates(Params(on_error=prior))
    assert rates.heard_on_error == prior
    for heard in restores:
        rates.heard_within(heard=heard)
    s = Params().message_delivery_strength
    n, k = len(restores), sum(restores)
    assert math.isclose(rates.heard_on_error, (prior * s + k) / (s + n))
    assert rates.params().heard_on_error == rates.heard_on_error
    assert 0.0 < rates.heard_on_error < 1.0
    if n and k == n:
        assert rates.heard_on_error > prior
    if n and k == 0:
        assert rates.heard_on_error < prior


def _scores(against: float, heard: list[tuple[str, float]]) -> tuple[float, float]:
    # T2's and T3's customers call from 600 s on; each meter in ``heard`` says power is on at
    # its time. An hour later, F2 (above both) open since 600 s, and T3.
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net, Params(heard_on_against=against))
    for i, customer in enumerate(customers_of(net, "T2")[:3] + customers_of(net, "T3")[:3]):
        engine.ingest(600.0 + 60.0 * i, "call", customer)
    for customer, t in sorted(heard, key=lambda pair: pair[1]):
        engine.ingest(t, "ami_on", customer)
    engine.ingest(4800.0, "call", "C3-5")
    flush(engine._st)
    state = engine._st
    f2, t3 = net.index["F2"], net.index["T3"]
    return (
        open_score(state, f2, 4800.0, {}, 600.0, [], {}),
        open_score(state, t3, 4800.0, {}, 600.0, [], {}),
    )


@settings(max_examples=20, deadline=None)
@given(times=st.lists(st.floats(min_value=700.0, max_value=3000.0), min_size=1, max_size=7))
def test_meters_heard_on_after_the_onset_count_once_against_the_device_not_a_child(
    times: list[float],
) -> None:
    # One to seven of T2's meters (below F2, not T3; none of them a caller) were heard on after
    # F2's outage would have begun, their reports faded by the hour: with the switch F2 open
    # since 600 s is less likely by exactly one report of power on, however many they are, at
    # the share learnt (none restored yet: ``on_error``), and T3, which holds no such meter,
    # is unchanged. Heard before the onset, or never, they say nothing.
    meters = customers_of(radial_feeder(10, metered=True), "T2")[3:]
    heard = list(zip(meters, times, strict=False))
    f2_off, t3_off = _scores(0.0, heard)
    f2_on, t3_on = _scores(1.0, heard)
    assert math.isclose(f2_on, f2_off + math.log(Params().on_error), rel_tol=1e-9)
    assert t3_on == t3_off
    before = [(m, 500.0) for m, _ in heard]
    assert _scores(1.0, before) == _scores(0.0, before)
    assert _scores(1.0, []) == _scores(0.0, [])


def test_a_restored_outage_teaches_whether_a_meter_was_heard_inside_it() -> None:
    # T2's customers call from 600 s, one of its meters is heard on at 1200 s, and T2 is
    # restored: one outage, heard inside. T3's customers call, nothing is heard, and T3 is
    # restored: a second outage, not heard inside. The share learnt is (0.04 + 1) / 6.
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net, Params(heard_on_against=1.0))
    for i, customer in enumerate(customers_of(net, "T2")[:3]):
        engine.ingest(600.0 + 60.0 * i, "call", customer)
    engine.ingest(1200.0, "ami_on", customers_of(net, "T2")[5])
    engine.ingest(3600.0, "restore", "T2")
    for i, customer in enumerate(customers_of(net, "T3")[:3]):
        engine.ingest(4000.0 + 60.0 * i, "call", customer)
    engine.ingest(7200.0, "restore", "T3")
    flush(engine._st)
    rates = engine._st.rates
    assert (rates.heard_outages, rates.heard_any) == (2, 1)
    assert math.isclose(rates.heard_on_error, (0.04 + 1.0) / 6.0)
