"""Calls timed from a last gasp, weighed where the signs meet (``Params.gasp_call_meet``, round
34): a device gains the term of every sign below it less what its devices below without a last
gasp claim for their calls on their own; a device below with a last gasp holds its own term.
Without the switch, and with calls only, nothing changes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.coincidence import timing_llr
from powerdesk.engine.inference.gasp_meet import gasp_call_llr, meet_term
from powerdesk.engine.inference.ingest import flush
from powerdesk.engine.inference.solve import solve
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

SIZE = 6  # customers below each of the recloser's two fuses, the first three metered
MINUTE = 60.0

minutes = st.floats(min_value=0.0, max_value=240.0)
delays = st.floats(min_value=10.0, max_value=60.0)  # the storm's call delay (minutes)


def _network() -> Network:
    rows = [("S", "", "source"), ("R", "S", "recloser"), ("F0", "R", "fuse"), ("F1", "R", "fuse")]
    ami = [-1] * 4
    for f in range(2):
        rows += [(f"C{f}{i}", f"F{f}", "customer") for i in range(SIZE)]
        ami += [1 if i < SIZE // 2 else 0 for i in range(SIZE)]
    return Network.from_rows(rows, ami=ami)


def _scores(meet: float, events: list[tuple[float, str, str]], now: float) -> tuple[Any, Any]:
    engine = OutageInference(_network(), replace(Params(), gasp_call_meet=meet))
    for t, kind, who in sorted(events):
        engine.ingest(t, kind, who)
    state = engine._st
    flush(state)
    solution = solve(state, now)
    index = state.network.index
    return state, {name: solution.open_scores.get(index[name]) for name in ("R", "F0", "F1")}


@settings(max_examples=80, deadline=None)
@given(
    gasps=st.lists(minutes, min_size=0, max_size=3),
    calls=st.lists(minutes, min_size=0, max_size=4),
    claims=st.lists(st.floats(min_value=0.0, max_value=20.0), max_size=3),
    more=st.floats(min_value=0.0, max_value=5.0),
    delay=delays,
)
def test_the_term_is_never_below_nothing_nor_above_the_whole_and_falls_with_claims(
    gasps: list[float], calls: list[float], claims: list[float], more: float, delay: float
) -> None:
    params = Params(call_delay_minutes=delay)
    g = [600.0 + m * MINUTE for m in gasps]
    c = [600.0 + m * MINUTE for m in calls]
    now = 600.0 + 250.0 * MINUTE
    term = meet_term(params, g, c, claims, now)
    whole = gasp_call_llr(params, g, c, now) if g and c else 0.0
    assert 0.0 <= term <= max(0.0, whole) + 1e-12
    assert meet_term(params, g, c, [*claims, more], now) <= term + 1e-12
    if not claims:
        assert term == pytest.approx(max(0.0, whole))


@settings(max_examples=60, deadline=None)
@given(
    first=minutes,
    second=minutes,
    delay=delays,
)
def test_a_call_sooner_after_the_last_gasp_never_weighs_less(
    first: float, second: float, delay: float
) -> None:
    soon, late = sorted((first, second))
    params = Params(call_delay_minutes=delay)
    now = 600.0 + (late + 1.0) * MINUTE
    assert meet_term(params, [600.0], [600.0 + soon * MINUTE], [], now) >= meet_term(
        params, [600.0], [600.0 + late * MINUTE], [], now
    )


@settings(max_examples=25, deadline=None)
@given(
    calls=st.dictionaries(
        st.sampled_from([f"C{f}{i}" for f in range(2) for i in range(SIZE)]), minutes, min_size=1
    ),
    wait=minutes,
)
def test_with_calls_only_the_switch_changes_nothing(calls: dict[str, float], wait: float) -> None:
    events = [(600.0 + m * MINUTE, "call", who) for who, m in calls.items()]
    now = 600.0 + 241.0 * MINUTE + wait * MINUTE
    assert _scores(1.0, events, now)[1] == _scores(0.0, events, now)[1]


@settings(max_examples=25, deadline=None)
@given(
    gasper=st.integers(min_value=0, max_value=SIZE // 2 - 1),
    callers=st.dictionaries(
        st.integers(min_value=SIZE // 2, max_value=SIZE - 1), minutes, min_size=1
    ),
    wait=minutes,
)
def test_signs_all_under_one_fuse_weigh_the_fuse_and_the_recloser_alike(
    gasper: int, callers: dict[int, float], wait: float
) -> None:
    gasp = 600.0
    events = [(gasp, "ami_off", f"C0{gasper}")]
    events += [(gasp + m * MINUTE + 1.0, "call", f"C0{i}") for i, m in callers.items()]
    now = gasp + 241.0 * MINUTE + wait * MINUTE
    state, on = _scores(1.0, events, now)
    off = _scores(0.0, events, now)[1]
    calls = sorted(t for t, kind, _ in events if kind == "call")
    term = max(0.0, gasp_call_llr(state.params, [gasp], calls, now))
    assert on["F0"] - off["F0"] == pytest.approx(term, abs=1e-9)
    assert on["R"] - off["R"] == pytest.approx(term, abs=1e-9)
    assert on["F1"] == off["F1"]


@settings(max_examples=25, deadline=None)
@given(
    callers=st.dictionaries(st.integers(min_value=0, max_value=SIZE - 1), minutes, min_size=1),
    wait=minutes,
)
def test_a_last_gasp_under_one_fuse_and_calls_under_the_other_weigh_only_where_they_meet(
    callers: dict[int, float], wait: float
) -> None:
    gasp = 600.0
    events = [(gasp, "ami_off", "C00")]
    events += [(gasp + m * MINUTE + 1.0, "call", f"C1{i}") for i, m in callers.items()]
    now = gasp + 241.0 * MINUTE + wait * MINUTE
    state, on = _scores(1.0, events, now)
    off = _scores(0.0, events, now)[1]
    calls = sorted(t for t, kind, _ in events if kind == "call")
    claims = [timing_llr(state.params, list(calls), now)] if len(calls) > 1 else []
    expected = meet_term(state.params, [gasp], calls, claims, now)
    assert on["F0"] == off["F0"] and on["F1"] == off["F1"]
    assert on["R"] - off["R"] == pytest.approx(expected, abs=1e-9)
    assert on["R"] >= off["R"]


@settings(max_examples=25, deadline=None)
@given(
    gasper=st.integers(min_value=0, max_value=SIZE // 2 - 1),
    callers=st.dictionaries(
        st.integers(min_value=SIZE // 2, max_value=SIZE - 1), minutes, min_size=1
    ),
    wait=minutes,
)
def test_with_2_a_device_gains_only_what_its_devices_below_could_not_claim(
    gasper: int, callers: dict[int, float], wait: float
) -> None:
    gasp = 600.0
    events = [(gasp, "ami_off", f"C0{gasper}")]
    events += [(gasp + m * MINUTE + 1.0, "call", f"C0{i}") for i, m in callers.items()]
    now = gasp + 241.0 * MINUTE + wait * MINUTE
    state, on = _scores(2.0, events, now)
    off = _scores(0.0, events, now)[1]
    calls = sorted(t for t, kind, _ in events if kind == "call")
    assert on["F0"] - off["F0"] == pytest.approx(
        max(0.0, gasp_call_llr(state.params, [gasp], calls, now)), abs=1e-9
    )
    assert on["R"] == pytest.approx(off["R"], abs=1e-9)  # (the fuse claimed it all)


@settings(max_examples=25, deadline=None)
@given(
    meet=st.sampled_from([1.0, 2.0]),
    callers=st.dictionaries(st.integers(min_value=1, max_value=3), minutes, min_size=1),
    wait=minutes,
)
def test_a_line_section_claims_nothing_so_the_fuse_above_it_weighs_its_signs(
    meet: float, callers: dict[int, float], wait: float
) -> None:
    rows = [("S", "", "source"), ("F", "S", "fuse"), ("L", "F", "switch")]
    rows += [(f"C{i}", "L", "customer") for i in range(4)]
    engine = OutageInference(
        Network.from_rows(rows, ami=[-1] * 3 + [1, 0, 0, 0]),
        replace(Params(), gasp_call_meet=meet),
    )
    plain = OutageInference(Network.from_rows(rows, ami=[-1] * 3 + [1, 0, 0, 0]))
    gasp = 600.0
    events = [(gasp, "ami_off", "C0")]
    events += [(gasp + m * MINUTE + 1.0, "call", f"C{i}") for i, m in callers.items()]
    now = gasp + 241.0 * MINUTE + wait * MINUTE
    scores = []
    for e in (engine, plain):
        for t, kind, who in sorted(events):
            e.ingest(t, kind, who)
        flush(e._st)
        scores.append(solve(e._st, now).open_scores[e._st.network.index["F"]])
    calls = sorted(t for t, kind, _ in events if kind == "call")
    term = max(0.0, gasp_call_llr(engine._st.params, [gasp], calls, now))
    assert scores[0] - scores[1] == pytest.approx(term, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(
    cap=st.floats(min_value=0.0, max_value=10.0),
    callers=st.dictionaries(
        st.integers(min_value=SIZE // 2, max_value=SIZE - 1), minutes, min_size=1
    ),
    wait=minutes,
)
def test_the_cap_bounds_what_a_device_gains(
    cap: float, callers: dict[int, float], wait: float
) -> None:
    gasp = 600.0
    events = [(gasp, "ami_off", "C00")]
    events += [(gasp + m * MINUTE + 1.0, "call", f"C0{i}") for i, m in callers.items()]
    now = gasp + 241.0 * MINUTE + wait * MINUTE
    engine = OutageInference(_network(), Params(gasp_call_meet=1.0, gasp_call_meet_cap=cap))
    for t, kind, who in sorted(events):
        engine.ingest(t, kind, who)
    flush(engine._st)
    capped = solve(engine._st, now).open_scores[engine._st.network.index["F0"]]
    on = _scores(1.0, events, now)[1]
    off = _scores(0.0, events, now)[1]
    assert capped - off["F0"] == pytest.approx(min(cap, on["F0"] - off["F0"]), abs=1e-9)
