"""Pings of an upper device's other meters (round 35 of issue 17, ``Params.ping_outside_named``):
a device not named, with a device named below it, is asked about through its meters outside
the named one, and a ping unanswered weighs at the storm's learnt power-on delivery: nothing
when none is learnt to arrive, more for the upper device with every meter silent, less with
every one that answers. Off (0), the pings are round 17's."""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference.ingest import flush, take
from powerdesk.engine.inference.picture import extract
from powerdesk.engine.inference.ping_evidence import silence_weight
from powerdesk.engine.inference.pings import PingRequest, choose_pings, record_pings
from powerdesk.engine.inference.solve import solve
from powerdesk.engine.inference.state import InferenceState, new_state
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

MINUTE = 60.0
LOWER = [f"L{i}" for i in range(3)]
UPPER = [f"U{i}" for i in range(6)]


def feeder() -> Network:
    """S ─ F (fuse) ─ L (fuse) ─ L0..L2, and F ─ U0..U5: every customer's meter reports."""
    rows = [("S", "", "source"), ("F", "S", "fuse"), ("L", "F", "fuse")]
    rows += [(c, "L", "customer") for c in LOWER] + [(c, "F", "customer") for c in UPPER]
    return Network.from_rows(rows, ami=[-1, -1, -1] + [1] * (len(LOWER) + len(UPPER)))


def gasped(params: Params, lower_gasps: int) -> InferenceState:
    """The first ``lower_gasps`` meters below L sent a last gasp at 10 min (nothing else)."""
    state = new_state(feeder(), params)
    for customer in LOWER[:lower_gasps]:
        take(state, 10 * MINUTE, "ami_off", customer)
    flush(state)
    return state


def margin(state: InferenceState, device: str, now: float) -> float:
    """``device``'s score open less its best explanation closed."""
    solved = solve(state, now)
    node = state.network.index[device]
    return solved.open_scores[node] - max(0.0, solved.alternatives[node])


def pinged_upper(params: Params, silent: int, answered: int) -> float:
    """F's margin half an hour after ``silent`` + ``answered`` of its own meters were pinged,
    ``answered`` of them answering, with L's two last gasps standing."""
    state = gasped(params, 2)
    asked = UPPER[: silent + answered]
    record_pings(state, [PingRequest(c, "F", "not named", 0.5) for c in asked], 15 * MINUTE)
    for customer in asked[silent:]:
        take(state, 16 * MINUTE, "ami_on", customer)
    flush(state)
    return margin(state, "F", 45 * MINUTE)


ON = Params(ping_outside_named=1)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.0, 0.99), st.floats(0.0, 0.99))
def test_silence_weighs_more_as_more_messages_arrive_and_nothing_when_none_do(
    low: float, high: float
) -> None:
    low, high = sorted((low, high))
    weights = []
    for delivery in (0.0, low, high):
        state = new_state(feeder(), replace(ON, restore_delivery=delivery))
        weights.append(silence_weight(state, 0.0))
    assert weights[0] == 0.0
    assert 0.0 <= weights[1] <= weights[2]
    assert math.isclose(weights[2], -math.log1p(-high))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 5), st.integers(0, 5))
def test_silent_pings_never_lower_the_upper_device_and_answers_never_raise_it(
    silent: int, answered: int
) -> None:
    silent = min(silent, len(UPPER) - 1)
    answered = min(answered, len(UPPER) - 1 - silent)
    base = pinged_upper(ON, silent, answered)
    assert pinged_upper(ON, silent + 1, answered) >= base - 1e-9  # one more silent
    assert pinged_upper(ON, silent, answered + 1) <= base + 1e-9  # one more answering


@settings(max_examples=15, deadline=None)
@given(st.integers(0, len(UPPER)))
def test_no_silence_evidence_when_no_message_is_learnt_to_arrive(silent: int) -> None:
    none_arrive = replace(ON, restore_delivery=0.0)
    assert pinged_upper(none_arrive, silent, 0) == pinged_upper(none_arrive, 0, 0)


def test_silence_at_the_learnt_delivery_weighs_more_than_round_17s_share_answered() -> None:
    """Off, a ping unanswered weighs at the share of pings answered, held down by the dark
    meters asked about; on, at the storm's delivery: six silent meters of F say more."""
    off = pinged_upper(Params(), 6, 0) - pinged_upper(Params(), 0, 0)
    on = pinged_upper(ON, 6, 0) - pinged_upper(ON, 0, 0)
    assert on > off > 0.0


def thin(upper_meters: int, lower_meters: int) -> InferenceState:
    """``feeder`` with only so many reporting meters above and below L (the first ones), and
    one last gasp at 10 min, L0's: round 31's pairs had 0-1 of F's meters outside L."""
    rows = [("S", "", "source"), ("F", "S", "fuse"), ("L", "F", "fuse")]
    rows += [(c, "L", "customer") for c in LOWER] + [(c, "F", "customer") for c in UPPER]
    ami = [int(i < lower_meters) for i in range(len(LOWER))]
    ami += [int(i < upper_meters) for i in range(len(UPPER))]
    state = new_state(Network.from_rows(rows, ami=[-1, -1, -1, *ami]), ON)
    take(state, 10 * MINUTE, "ami_off", "L0")
    flush(state)
    return state


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 4), st.integers(1, 3), st.integers(1, 10))
def test_the_upper_device_is_asked_about_through_meters_outside_the_named_one(
    upper_meters: int, lower_meters: int, most: int
) -> None:
    state = thin(upper_meters, lower_meters)
    now = 20 * MINUTE
    solved = solve(state, now)
    named = {o.device for o in extract(state, solved)}
    asked = choose_pings(state, solved, now, most)
    assert len(asked) <= most
    net = state.network
    for request in asked:
        for device in named - {request.device}:
            if net.is_below(net.index[device], net.index[request.device]):
                assert not net.is_below(net.index[request.customer], net.index[device])


def test_l_named_f_is_asked_about_through_its_own_meter_not_ls() -> None:
    """One last gasp below L (named): round 17 asks about F through L's silent meter L1, which
    is dark whichever of the two is open; with the switch, through F's own meter U0."""
    now = 20 * MINUTE
    for params, expected in ((Params(), {"L1", "U0"}), (ON, {"U0"})):
        state = thin(1, 2)
        state.prior_params = state.params = params
        solved = solve(state, now)
        assert [o.device for o in extract(state, solved)] == ["L"]
        asked = {r.customer for r in choose_pings(state, solved, now, 10) if r.device == "F"}
        assert asked == expected
