"""Round 30 (``Params.gasp_call_terms``): a customer whose meter sent a last gasp is also
weighed by whether it called. Out on its own it calls with ``own_problem_call_share``, out with
the neighbours with the storm's ``call_share``, with power hardly ever: its own score
(``scoring.customer_score``) and the call pattern of every device above it
(``scoring.device_score``) count that call, or its absence, by the share of calls made by
now."""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.scoring import customer_score, device_score, tally_below
from powerdesk.engine.inference.solution import Tally
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

SIZE = 6


def _engine(on: float, metered: list[bool]) -> OutageInference:
    rows = [("S", "", "source"), ("F", "S", "fuse")]
    rows += [(f"C{i}", "F", "customer") for i in range(SIZE)]
    ami = [-1, -1] + [1 if m else 0 for m in metered]
    return OutageInference(Network.from_rows(rows, ami=ami), replace(Params(), gasp_call_terms=on))


@settings(max_examples=80, deadline=None)
@given(
    called=st.booleans(),
    early=st.floats(min_value=0.0, max_value=4 * 3600.0),
    later=st.floats(min_value=0.0, max_value=4 * 3600.0),
    share=st.floats(min_value=0.05, max_value=0.95),
    delay=st.floats(min_value=1.0, max_value=120.0),
)
def test_the_call_term_is_finite_and_moves_with_time_the_right_way(
    called: bool, early: float, later: float, share: float, delay: float
) -> None:
    p = Params(own_problem_call_share=share, call_delay_minutes=delay)
    a, b = sorted((early, later))
    first, second = p.gasp_call_llr(called, a), p.gasp_call_llr(called, b)
    assert math.isfinite(first) and math.isfinite(second)
    if called:  # a call is more surely an own fault's the more calls were due by then
        assert second >= first - 1e-9
        assert first > 0.0 or share * -math.expm1(-a / 60.0 / delay) <= p.false_call
    else:  # silence weighs ever more against it, never for it
        assert second <= first + 1e-9 <= 1e-9


@settings(max_examples=60, deadline=None)
@given(
    metered=st.lists(st.booleans(), min_size=SIZE, max_size=SIZE),
    signs=st.dictionaries(
        st.integers(min_value=0, max_value=SIZE - 1),
        st.sampled_from(["ami_off", "call", "ami_off call", "call ami_off", "ami_off call_on"]),
        max_size=SIZE,
    ),
)
def test_the_gasp_callers_are_counted_once_and_only_with_the_switch(
    metered: list[bool], signs: dict[int, str]
) -> None:
    engines = [_engine(0.0, metered), _engine(1.0, metered)]
    t = 0.0
    for number, kinds in sorted(signs.items()):
        for kind in kinds.split():
            t += 60.0
            for engine in engines:
                engine.ingest(t, kind, f"C{number}")
    for engine in engines:
        engine.picture(t + 60.0)
    off, on = (tally_below(e._st, e._st.network.index["F"]) for e in engines)
    assert off.gasp_calls == 0
    # Exactly the customers whose last gasp stands and who called besides (a last gasp shows
    # a meter that reports, whatever the network said).
    expected = sum(1 for kinds in signs.values() if kinds in ("ami_off call", "call ami_off"))
    assert on.gasp_calls == expected <= on.meter_off
    assert on.without(on) == Tally(*[0] * 10)


def _one_gasp(on: float, called: bool, now: float) -> tuple[float, float]:
    """A fuse of six customers, all metered, one of whose meters sent a last gasp at 60 s (and
    who called at 300 s): the customer's own score and the fuse's evidence at ``now``."""
    engine = _engine(on, [True] * SIZE)
    engine.ingest(60.0, "ami_off", "C0")
    if called:
        engine.ingest(300.0, "call", "C0")
    engine.picture(now)
    st_ = engine._st
    return customer_score(st_, 0, now), device_score(st_, st_.network.index["F"], now)


@settings(max_examples=30, deadline=None)
@given(minutes=st.floats(min_value=10.0, max_value=240.0))
def test_a_lone_gasp_s_call_speaks_for_its_own_fault_and_its_silence_for_the_fuse(
    minutes: float,
) -> None:
    now = 60.0 + minutes * 60.0
    own_off, fuse_off = _one_gasp(0.0, False, now)
    own_called_off, fuse_called_off = _one_gasp(0.0, True, now)
    # Without the switch the call says nothing once the meter has spoken.
    assert own_off == own_called_off and fuse_off == fuse_called_off
    own_silent, fuse_silent = _one_gasp(1.0, False, now)
    own_called, fuse_called = _one_gasp(1.0, True, now)
    # With it, the caller's own fault gains on the fuse, and the silent one's loses.
    assert own_called - fuse_called > own_off - fuse_off > own_silent - fuse_silent
