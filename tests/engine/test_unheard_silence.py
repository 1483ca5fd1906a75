"""Meters unheard since a restore, weighed against an outage begun after they went unheard
(``Params.unheard_dark_prior``, round 39; off at 1)."""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.evidence import SILENT, UNHEARD
from powerdesk.engine.inference.scoring import device_score
from powerdesk.engine.inference.state import use_params
from powerdesk.engine.inference.unheard_silence import (
    unheard_before,
    unheard_on_share,
    unheard_silence_llr,
)
from powerdesk.engine.model.network import Network
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0
shares = st.floats(0.0, 1.0)


@given(delivery=shares, dark=shares, more=shares)
def test_the_share_with_power_is_a_share_and_falls_as_more_are_taken_dark(
    delivery: float, dark: float, more: float
) -> None:
    share = unheard_on_share(delivery, dark)
    assert 0.0 <= share <= 1.0
    assert unheard_on_share(delivery, 1.0) == 0.0  # the default: no term
    darker = dark + (1.0 - dark) * more
    assert unheard_on_share(delivery, darker) <= share + 1e-12
    # The surer power-on messages are, the less an unheard meter had power.
    assert unheard_on_share(delivery + (1.0 - delivery) * more, dark) <= share + 1e-12


@given(delivery=shares, on_share=shares, meters=st.integers(0, 500))
def test_the_silence_is_finite_never_for_the_device_and_grows_with_the_meters(
    delivery: float, on_share: float, meters: int
) -> None:
    llr = unheard_silence_llr(delivery, on_share, meters)
    assert math.isfinite(llr) and llr <= 0.0
    assert unheard_silence_llr(delivery, on_share, meters + 1) <= llr
    assert unheard_silence_llr(delivery, 0.0, meters) == 0.0
    assert math.isclose(llr, meters * unheard_silence_llr(delivery, on_share, 1), abs_tol=1e-9)


def _later_outage(heard: int) -> tuple[OutageInference, int, float]:
    """T2's 20 meters all sent a last gasp with T2 and T3; F2 is restored and ``heard`` of
    T2's meters (and all of T3's) say power is back, the others are unheard once the watch
    ends. Two hours later one of T2's heard meters sends a last gasp."""
    net = radial_feeder(20, metered=True)
    engine = OutageInference(net)
    area = customers_of(net, "T2")
    for customer in area + customers_of(net, "T3"):
        engine.ingest(60.0, "ami_off", customer)
    engine.ingest(HOUR, "restore", "F2")
    for customer in area[:heard] + customers_of(net, "T3"):
        engine.ingest(HOUR + MINUTE, "ami_on", customer)
    engine.picture(HOUR + 45 * MINUTE)
    start = 3 * HOUR
    engine.ingest(start, "ami_off", area[0])
    engine.picture(start + 5 * MINUTE)
    return engine, net.index["T2"], start


@settings(max_examples=15, deadline=None)
@given(heard=st.integers(5, 19), dark=st.floats(0.01, 0.99))
def test_meters_unheard_before_a_later_outage_weigh_against_it_only_with_the_switch(
    heard: int, dark: float
) -> None:
    engine, t2, start = _later_outage(heard)
    state = engine._st
    assert state.evidence.count(t2, UNHEARD) == 20 - heard
    assert unheard_before(state.evidence, t2, start) == 20 - heard
    # (An unheard meter keeps the time of its last sign: here its last gasp at 60 s.)
    assert unheard_before(state.evidence, t2, 30.0) == 0  # not unheard before an older onset
    now = start + 5 * MINUTE
    off = device_score(state, t2, now)
    use_params(state, replace(state.params, unheard_dark_prior=1.0))
    assert device_score(state, t2, now) == off  # at 1 (the default), nothing
    use_params(state, replace(state.params, unheard_dark_prior=dark))
    on = device_score(state, t2, now)
    assert on < off
    share = unheard_on_share(state.params.restore_delivery, dark)
    expected = unheard_silence_llr(state.params.message_delivery, share, 20 - heard)
    assert math.isclose(on - off, expected, rel_tol=1e-9, abs_tol=1e-9)
    # For an outage dated before the meters' last signs, nothing.
    early = device_score(state, t2, now, onset=30.0)
    use_params(state, replace(state.params, unheard_dark_prior=1.0))
    assert device_score(state, t2, now, onset=30.0) == early


def test_a_lane_whose_every_meter_is_unheard_says_nothing() -> None:
    # R is restored; T1's meters say power is back, none of T0's do: T0 may have stayed dark
    # (its meters unheard because it is open, which ``_open_since_before`` weighs), so a later
    # call below it leaves them out, with the switch or without.
    rows = [("S", "", "source"), ("R", "S", "recloser")]
    for lane in range(2):
        rows += [(f"F{lane}", "R", "fuse"), (f"T{lane}", f"F{lane}", "transformer")]
        rows += [(f"C{lane}-{i}", f"T{lane}", "customer") for i in range(8)]
    net = Network.from_rows(rows, ami=[1 if kind == "customer" else -1 for *_, kind in rows])
    engine = OutageInference(net)
    state = engine._st
    for i in range(8):  # (as the watch after R's restore leaves them)
        state.evidence.set_category(i, UNHEARD, HOUR)  # T0's: all unheard
        state.evidence.set_category(8 + i, SILENT, HOUR)  # T1's: heard, power back
    start = 3 * HOUR
    engine.ingest(start, "call", "C0-1")
    now = start + 10 * MINUTE
    engine.picture(now)
    t0 = net.index["T0"]
    assert unheard_before(state.evidence, t0, start) == 7
    assert unheard_before(state.evidence, t0, start, net.candidate_parent) == 0
    use_params(state, replace(state.params, unheard_dark_prior=0.05))
    on = device_score(state, t0, now)
    use_params(state, replace(state.params, unheard_dark_prior=1.0))
    assert device_score(state, t0, now) == on
