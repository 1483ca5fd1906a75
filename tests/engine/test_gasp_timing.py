"""The timing of a device's own customers' last gasps (``Params.gasp_timing``, round 31): meters
of one outage send theirs within a minute or two of each other, customers' own faults fall hours
apart. With the switch, gasps that came together count against the explanation that they are as
many own faults, and a device scored open counts as its own only its largest group of them
(``coincidence.gasp_groups``); without it, nothing changes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.coincidence import gasp_groups
from powerdesk.engine.inference.ingest import flush
from powerdesk.engine.inference.solve import solve
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

SIZE = 8  # customers below the fuse, every meter reporting
OTHERS = 12  # customers on the recloser's own line, no meter
HOUR = 3600.0


def _engine(timing: float) -> OutageInference:
    rows = [("S", "", "source"), ("R", "S", "recloser"), ("F", "R", "fuse")]
    rows += [(f"C{i}", "F", "customer") for i in range(SIZE)]
    rows += [(f"D{i}", "R", "customer") for i in range(OTHERS)]
    ami = [-1, -1, -1] + [1] * SIZE + [0] * OTHERS
    net = Network.from_rows(rows, ami=ami)
    return OutageInference(net, replace(Params(), gasp_timing=timing))


def _margin(timing: float, gasps: dict[int, float], now: float) -> float:
    """The fuse's score open less its best explanation closed, after ``gasps`` (customer number
    to the time of its last gasp)."""
    engine = _engine(timing)
    for t, number in sorted((t, n) for n, t in gasps.items()):
        engine.ingest(t, "ami_off", f"C{number}")
    state = engine._st
    flush(state)
    solution = solve(state, now)
    fuse = state.network.index["F"]
    return solution.open_scores[fuse] - solution.alternatives[fuse]


gaspers = st.lists(
    st.integers(min_value=0, max_value=SIZE - 1), min_size=2, max_size=SIZE, unique=True
)
jitter = st.floats(min_value=1.0, max_value=60.0)


@settings(max_examples=40, deadline=None)
@given(
    customers=gaspers,
    offsets=st.lists(jitter, min_size=SIZE, max_size=SIZE),
    timing=st.sampled_from([1.0, 2.0]),
)
def test_gasps_seconds_apart_weigh_for_the_fuse_at_least_as_much_as_hours_apart(
    customers: list[int], offsets: list[float], timing: float
) -> None:
    start = 600.0
    now = start + len(customers) * HOUR + 600.0
    together = {c: start + offsets[i] for i, c in enumerate(customers)}
    apart = {c: start + i * HOUR + offsets[i] for i, c in enumerate(customers)}
    assert _margin(timing, together, now) >= _margin(timing, apart, now)
    # Without the switch the engine weighs no timing of last gasps, as before (but for the
    # seconds by which the outage's first sign moves).
    assert _margin(0.0, together, now) == pytest.approx(_margin(0.0, apart, now), abs=0.01)


@settings(max_examples=40, deadline=None)
@given(
    customers=gaspers,
    offsets=st.lists(jitter, min_size=SIZE, max_size=SIZE),
    wait=st.floats(min_value=60.0, max_value=6 * HOUR),
    timing=st.sampled_from([1.0, 2.0]),
)
def test_gasps_that_came_together_are_never_evidence_against_their_common_fuse(
    customers: list[int], offsets: list[float], wait: float, timing: float
) -> None:
    # The fuse truly open: every meter whose last gasp arrived sent it within a minute.
    start = 600.0
    gasps = {c: start + offsets[i] for i, c in enumerate(customers)}
    now = start + 60.0 + wait
    assert _margin(timing, gasps, now) >= _margin(0.0, gasps, now)


@settings(max_examples=100, deadline=None)
@given(times=st.lists(st.floats(min_value=0.0, max_value=8 * HOUR), min_size=1, max_size=SIZE))
def test_the_group_is_the_most_last_gasps_within_the_window_and_the_rest_are_apart(
    times: list[float],
) -> None:
    engine = _engine(1.0)
    for t, number in sorted((t, n) for n, t in enumerate(times)):
        engine.ingest(600.0 + t, "ami_off", f"C{number}")
    state = engine._st
    flush(state)
    group = gasp_groups(state)[state.network.index["F"]]
    window = state.params.gasp_together_seconds
    most = max(sum(1 for u in times if 0.0 <= u - t <= window) for t in times)
    assert group.together == most
    assert group.together + len(group.apart) == len(times)
    inside = [
        t for number, t in enumerate(times) if state.network.index[f"C{number}"] not in group.apart
    ]
    assert max(inside) - min(inside) <= window + 1e-6
    assert abs(600.0 + min(inside) - group.time) <= 1e-6


def _recloser_margin(timing: float, gasps: dict[str, float], now: float) -> float:
    """S ─ R ─ {F0, F1, F2} ─ four metered customers each (and R's own unmetered customers):
    R's score open less its best explanation closed after ``gasps`` (customer id to time)."""
    rows = [("S", "", "source"), ("R", "S", "recloser")]
    ami = [-1, -1]
    for f in range(3):
        rows.append((f"F{f}", "R", "fuse"))
        ami.append(-1)
        rows += [(f"C{f}{i}", f"F{f}", "customer") for i in range(4)]
        ami += [1] * 4
    rows += [(f"D{i}", "R", "customer") for i in range(OTHERS)]
    ami += [0] * OTHERS
    engine = OutageInference(
        Network.from_rows(rows, ami=ami), replace(Params(), gasp_timing=timing)
    )
    for t, customer in sorted((t, c) for c, t in gasps.items()):
        engine.ingest(t, "ami_off", customer)
    state = engine._st
    flush(state)
    solution = solve(state, now)
    recloser = state.network.index["R"]
    return solution.open_scores[recloser] - solution.alternatives[recloser]


@settings(max_examples=40, deadline=None)
@given(
    gaspers=st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 3)),
        min_size=2,
        max_size=3,
        unique_by=lambda gasper: gasper[0],
    ),
    offsets=st.lists(jitter, min_size=12, max_size=12),
)
def test_across_branches_gasps_together_weigh_for_the_device_above_as_much_as_apart_or_more(
    gaspers: list[tuple[int, int]], offsets: list[float]
) -> None:
    # With 2, last gasps in different branches (one each) that came together count for the
    # device above (never against it), and more than the same last gasps hours apart. (Several
    # in one branch that came together count for that branch's fuse: the fuse tests above.)
    start = 600.0
    now = start + len(gaspers) * HOUR + 600.0
    together = {f"C{f}{i}": start + offsets[k] for k, (f, i) in enumerate(gaspers)}
    apart = {f"C{f}{i}": start + k * HOUR + offsets[k] for k, (f, i) in enumerate(gaspers)}
    assert _recloser_margin(2.0, together, now) >= _recloser_margin(0.0, together, now)
    assert _recloser_margin(2.0, together, now) >= _recloser_margin(2.0, apart, now)
