"""An outage left over from before power came back above it (``inference.leftover``): with no
call or last gasp since that restore, it decays by the chance that its customers would have
called again were it still out; meters below saying power is on since clear it. Hypothesis
properties of the estimate, and the engine's score with the switches on and off."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference.evidence import CALL, INF, ON_AMI
from powerdesk.engine.inference.ingest import flush, take
from powerdesk.engine.inference.leftover import leftover_terms
from powerdesk.engine.inference.restoration import energised
from powerdesk.engine.inference.scoring import open_score
from powerdesk.engine.inference.state import InferenceState, new_state
from powerdesk.engine.model.params import Params
from powerdesk.engine.network import Network

MINUTE = 60.0
RESTORE = 3 * 3600.0
ON = Params(leftover_decay=1.0, leftover_cleared=1.0)


def leftover(customers: int, called: int, *, metered: bool = False) -> InferenceState:
    """S ─ F ─ C0..C<n-1>: ``called`` of F's customers called in the first hour, S was restored
    at three hours, and their calls were left standing as older than S's outage."""
    rows = [("S", "", "source"), ("F", "S", "fuse")]
    rows += [(f"C{i}", "F", "customer") for i in range(customers)]
    ami = [1 if r[2] == "customer" and metered else -1 for r in rows]
    state = new_state(Network.from_rows(rows, ami=ami), ON)
    for i in range(called):
        take(state, 600.0 * (i + 1) / called, "call", f"C{i}")
    flush(state)
    energised(state, state.network.index["S"], RESTORE)
    for i in range(called):  # (the restore's gate kept them: older than the outage above)
        state.evidence.set_category(i, CALL, 600.0 * (i + 1) / called)
    return state


sizes = st.integers(min_value=2, max_value=40)
minutes = st.floats(min_value=1.0, max_value=600.0)


@given(sizes, st.integers(min_value=1, max_value=5), minutes, minutes)
@settings(max_examples=60, deadline=None)
def test_decay_is_never_for_and_grows_with_the_silence(
    customers: int, called: int, a: float, b: float
) -> None:
    state = leftover(customers, min(called, customers))
    fuse = state.network.index["F"]
    early, late = sorted((a, b))
    decay_early, cleared = leftover_terms(state, fuse, RESTORE + early * MINUTE)
    decay_late, _ = leftover_terms(state, fuse, RESTORE + late * MINUTE)
    assert cleared == 0.0  # (no meter below)
    assert decay_late <= decay_early <= 0.0
    assert decay_late < 0.0


@given(sizes, minutes)
@settings(max_examples=40, deadline=None)
def test_more_customers_who_would_call_again_decay_it_faster(customers: int, since: float) -> None:
    small, big = leftover(customers, 1), leftover(customers + 5, 1)
    now = RESTORE + since * MINUTE
    fuse = small.network.index["F"]
    assert leftover_terms(big, fuse, now)[0] < leftover_terms(small, fuse, now)[0]


@given(sizes, minutes)
@settings(max_examples=40, deadline=None)
def test_a_sign_since_the_restore_or_no_restore_above_leaves_it_alone(
    customers: int, since: float
) -> None:
    state = leftover(customers, 1)
    fuse = state.network.index["F"]
    now = RESTORE + since * MINUTE
    take(state, RESTORE + 60.0, "call", f"C{customers - 1}")  # (one calls again)
    flush(state)
    assert leftover_terms(state, fuse, now + 60.0) == (0.0, 0.0)
    off = leftover(customers, 1)
    off.params = Params()  # (the switches off: main's engine)
    assert leftover_terms(off, fuse, now) == (0.0, 0.0)
    before = leftover(customers, 1)
    before.evidence.epoch[fuse] = -INF  # (nothing came back above)
    assert leftover_terms(before, fuse, now) == (0.0, 0.0)


@given(st.integers(min_value=2, max_value=12), st.data())
@settings(max_examples=40, deadline=None)
def test_each_meter_saying_power_is_back_since_counts_once_against_it(
    customers: int, data: st.DataObject
) -> None:
    state = leftover(customers, 1, metered=True)
    fuse = state.network.index["F"]
    lit = data.draw(st.integers(min_value=0, max_value=customers - 1))
    for i in range(1, 1 + lit):
        state.meter_seen[i] = RESTORE + 30.0 * i  # (a power-on message, faded since)
    _, cleared = leftover_terms(state, fuse, RESTORE + 3600.0)
    assert cleared == lit * state.llr[ON_AMI] if lit else cleared == 0.0


def test_the_engine_weighs_a_leftover_less_as_the_silence_goes_on() -> None:
    """Two calls of a fuse of eight from before the restore above, none since: with the
    switches on, its open score falls hour by hour; off, it is what it was."""
    on, off = leftover(8, 2), leftover(8, 2)
    off.params = replace(Params())
    fuse = on.network.index["F"]
    scores_on = [open_score(on, fuse, RESTORE + h * 3600.0, {}, 600.0, [], {}) for h in (1, 3)]
    scores_off = [open_score(off, fuse, RESTORE + h * 3600.0, {}, 600.0, [], {}) for h in (1, 3)]
    assert scores_on[1] < scores_on[0]
    assert scores_on[0] < scores_off[0] and scores_on[1] < scores_off[1]
