"""A call timed from a neighbour's last gasp (``Params.gasp_call_timing``, round 32): a last gasp
comes within seconds of power going, so it dates an outage of the device above; the other
customers' calls then follow at the storm's call delay, while a call about the caller's own
fault, a wrong account or nothing falls anywhere in the coincidence window
(``coincidence.gasp_call_llr``). With the switch, a device's open score adds that log-ratio;
without it, nothing changes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.coincidence import (
    GASP_LEAD_SECONDS,
    direct_gasps_and_calls,
    gasp_call_llr,
)
from powerdesk.engine.inference.ingest import flush
from powerdesk.engine.inference.solve import solve
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

SIZE = 8  # customers below the fuse, the first half metered, some behind a line section
OTHERS = 12  # customers on the recloser's own line, no meter
MINUTE, HOUR = 60.0, 3600.0

minutes = st.floats(min_value=0.0, max_value=300.0)
delays = st.floats(min_value=20.0, max_value=60.0)  # the storm's call delay (minutes)


def _network() -> Network:
    rows = [("S", "", "source"), ("R", "S", "recloser"), ("F", "R", "fuse"), ("L", "F", "switch")]
    rows += [(f"C{i}", "F" if i % 2 else "L", "customer") for i in range(SIZE)]
    rows += [(f"D{i}", "R", "customer") for i in range(OTHERS)]
    ami = [-1] * 4 + [1 if i < SIZE // 2 else 0 for i in range(SIZE)] + [0] * OTHERS
    return Network.from_rows(rows, ami=ami)


def _solved(timing: float, events: list[tuple[float, str, str]], now: float) -> tuple[Any, Any]:
    engine = OutageInference(_network(), replace(Params(), gasp_call_timing=timing))
    for t, kind, who in sorted(events):
        engine.ingest(t, kind, who)
    state = engine._st
    flush(state)
    return state, solve(state, now)


def _fuse_open(timing: float, events: list[tuple[float, str, str]], now: float) -> float:
    state, solution = _solved(timing, events, now)
    return float(solution.open_scores[state.network.index["F"]])


@settings(max_examples=80, deadline=None)
@given(first=minutes, second=minutes, delay=delays, extra=minutes)
def test_a_call_sooner_after_the_last_gasp_weighs_more_for_one_outage(
    first: float, second: float, delay: float, extra: float
) -> None:
    soon, late = sorted((first, second))
    params = Params(call_delay_minutes=delay)
    gasp = 600.0
    now = gasp + (late + extra) * MINUTE + MINUTE
    assert gasp_call_llr(params, [gasp], [gasp + soon * MINUTE], now) >= gasp_call_llr(
        params, [gasp], [gasp + late * MINUTE], now
    )


@settings(max_examples=80, deadline=None)
@given(
    gasps=st.lists(minutes, min_size=1, max_size=4),
    calls=st.lists(minutes, min_size=1, max_size=4),
    delay=delays,
)
def test_calls_from_before_every_last_gasp_say_nothing(
    gasps: list[float], calls: list[float], delay: float
) -> None:
    params = Params(call_delay_minutes=delay)
    g = [HOUR + m * MINUTE for m in gasps]
    before = [min(g) - GASP_LEAD_SECONDS - 1.0 - m * MINUTE for m in calls]
    assert gasp_call_llr(params, g, before, HOUR + 400.0 * MINUTE) == 0.0
    # One more call after a last gasp: the best over the last gasps is what that call weighs.
    after = max(g) + MINUTE
    assert gasp_call_llr(params, g, [*before, after], after + MINUTE) == pytest.approx(
        max(gasp_call_llr(params, [x], [after], after + MINUTE) for x in g)
    )


@settings(max_examples=40, deadline=None)
@given(caller=st.integers(min_value=0, max_value=SIZE - 1), after=minutes, wait=minutes)
def test_the_switch_adds_exactly_the_term_to_the_fuse(
    caller: int, after: float, wait: float
) -> None:
    gasper = 0 if caller else 2  # (metered, behind the line section: still the fuse's own)
    gasp = 600.0
    call = gasp + after * MINUTE + 1.0
    now = call + wait * MINUTE + MINUTE
    events = [(gasp, "ami_off", f"C{gasper}"), (call, "call", f"C{caller}")]
    state, _ = _solved(1.0, events, now)
    pairs = direct_gasps_and_calls(state)
    fuse = state.network.index["F"]
    assert pairs == {fuse: ([gasp], [call])}
    term = gasp_call_llr(state.params, [gasp], [call], now)
    for timing, expected in (
        (1.0, term),
        (2.0, term),
        (3.0, min(0.0, term)),
        (4.0, max(0.0, term)),
    ):
        assert _fuse_open(timing, events, now) - _fuse_open(0.0, events, now) == pytest.approx(
            expected, abs=1e-9
        )


@settings(max_examples=30, deadline=None)
@given(
    calls=st.dictionaries(
        st.integers(min_value=0, max_value=SIZE - 1), minutes, min_size=1, max_size=SIZE
    ),
    wait=minutes,
)
def test_with_calls_only_the_switch_changes_nothing(calls: dict[int, float], wait: float) -> None:
    events = [(600.0 + m * MINUTE, "call", f"C{i}") for i, m in calls.items()]
    now = 600.0 + 301.0 * MINUTE + wait * MINUTE
    off = _solved(0.0, events, now)[1]
    for timing in (1.0, 2.0, 3.0):
        on = _solved(timing, events, now)[1]
        assert on.open_scores == off.open_scores and on.alternatives == off.alternatives


def test_a_call_soon_after_the_last_gasp_raises_the_fuse_and_hours_later_lowers_it() -> None:
    # Two of the fuse's customers: one last gasp, and a call 5 minutes or 3 hours after it.
    soon = [_margin_of(5.0, timing) for timing in (0.0, 1.0, 2.0, 3.0)]
    late = [_margin_of(180.0, timing) for timing in (0.0, 1.0, 2.0, 3.0)]
    assert soon[1] == soon[2] > soon[0] == soon[3]
    assert late[3] == late[2] == late[1] < late[0]


def _margin_of(after: float, timing: float) -> float:
    now = 600.0 + after * MINUTE + 5 * MINUTE
    events = [(600.0, "ami_off", "C0"), (600.0 + after * MINUTE, "call", "C1")]
    state, solution = _solved(timing, events, now)
    fuse = state.network.index["F"]
    return float(solution.open_scores[fuse] - solution.alternatives[fuse])


@settings(max_examples=30, deadline=None)
@given(
    gasps=st.dictionaries(
        st.integers(min_value=0, max_value=SIZE // 2 - 1), minutes, min_size=1, max_size=4
    ),
    calls=st.dictionaries(
        st.integers(min_value=SIZE // 2, max_value=SIZE - 1), minutes, min_size=1, max_size=4
    ),
)
def test_every_customer_below_weighs_a_device_and_the_one_below_it_alike(
    gasps: dict[int, float], calls: dict[int, float]
) -> None:
    # All the signs are the fuse's: with ``gasp_call_timing`` 2 the recloser above it adds the
    # same term for them as the fuse does, so the term moves neither above the other.
    events = [(HOUR + m * MINUTE, "ami_off", f"C{i}") for i, m in gasps.items()]
    events += [(HOUR + m * MINUTE, "call", f"C{i}") for i, m in calls.items()]
    now = HOUR + 301.0 * MINUTE
    (state, off), (_, on) = (_solved(timing, events, now) for timing in (0.0, 2.0))
    fuse, recloser = (state.network.index[name] for name in ("F", "R"))
    added = [on.open_scores[n] - off.open_scores[n] for n in (fuse, recloser)]
    assert added[0] == pytest.approx(added[1], abs=1e-9)


# Round 33: a call timed from the later of a last gasp and a restore above it
# (``Params.gasp_call_restore``). The recloser R trips after the fuse F's last gasp and is
# closed again while F stays open: F's customers' calls follow that restore.


def _under_restore(
    timing: float, restore_mode: float, gasp: float, restored: float, call: float, now: float
) -> tuple[Any, Any]:
    params = replace(Params(), gasp_call_timing=timing, gasp_call_restore=restore_mode)
    engine = OutageInference(_network(), params)
    events = [
        (gasp, "ami_off", "C0"),
        (gasp + MINUTE, "scada_open", "R"),
        (restored, "scada_close", "R"),
        (call, "call", "C1"),
    ]
    for t, kind, who in sorted(events):
        engine.ingest(t, kind, who)
    state = engine._st
    flush(state)
    return state, solve(state, now)


@settings(max_examples=40, deadline=None)
@given(
    out_before=st.floats(min_value=5.0, max_value=200.0),
    after=st.floats(min_value=1.0, max_value=120.0),  # (a call at the close: before it)
    wait=st.floats(min_value=1.0, max_value=60.0),
)
def test_a_last_gasp_older_than_a_restore_above_is_timed_from_the_restore(
    out_before: float, after: float, wait: float
) -> None:
    gasp = HOUR
    restored = gasp + out_before * MINUTE
    call = restored + after * MINUTE
    now = call + wait * MINUTE
    fuse_of: dict[float, float] = {}
    for mode in (0.0, 1.0, 2.0):
        state, solution = _under_restore(1.0, mode, gasp, restored, call, now)
        fuse = state.network.index["F"]
        fuse_of[mode] = float(solution.open_scores[fuse])
        pairs = direct_gasps_and_calls(state)
        if mode:
            # The last gasp stands (the recloser opened after it), timed from the restore.
            assert pairs == {fuse: ([restored], [call])}
        else:
            assert pairs == {}  # (older than the restore: left out, as in round 32)
    term = gasp_call_llr(state.params, [restored], [call], now)
    assert fuse_of[1.0] - fuse_of[0.0] == pytest.approx(term, abs=1e-9)
    assert fuse_of[2.0] == pytest.approx(fuse_of[1.0], abs=1e-9)
    # Timed from the restore, the call never weighs less for the fuse than from the last gasp.
    assert term >= gasp_call_llr(state.params, [gasp], [call], now) - 1e-9
    # Without ``gasp_call_timing`` the switch changes nothing.
    off = _under_restore(0.0, 0.0, gasp, restored, call, now)[1]
    on = _under_restore(0.0, 1.0, gasp, restored, call, now)[1]
    assert on.open_scores == off.open_scores and on.alternatives == off.alternatives


@settings(max_examples=30, deadline=None)
@given(gasp=minutes, call=minutes, wait=minutes)
def test_with_only_restored_last_gasps_no_restore_means_no_term(
    gasp: float, call: float, wait: float
) -> None:
    # No restore above: with ``gasp_call_restore`` 1 the term is round 32's; with 2, none.
    events = [(HOUR + gasp * MINUTE, "ami_off", "C0"), (HOUR + call * MINUTE, "call", "C1")]
    now = HOUR + 301.0 * MINUTE + wait * MINUTE
    scores = {}
    for mode in (0.0, 1.0, 2.0):
        params = replace(Params(), gasp_call_timing=1.0, gasp_call_restore=mode)
        engine = OutageInference(_network(), params)
        for t, kind, who in sorted(events):
            engine.ingest(t, kind, who)
        flush(engine._st)
        scores[mode] = solve(engine._st, now).open_scores
    assert scores[1.0] == scores[0.0]
    assert scores[2.0] == _solved(0.0, events, now)[1].open_scores
