"""The benchmarks' station history of lone calls (``bench/station_history.py``): what its past
storms' calls that no larger outage explained turned out to be (``past_lone_calls``), and the
prior shares of own faults and of calls said on it gives the next storm
(``history_lone_calls``)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.station_history import PastLoneCalls, history_lone_calls, past_lone_calls
from powerdesk.engine.inference import OutageInference
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

HOUR = 3600.0
NET = radial_feeder(6)
CUSTOMERS = [c for t in ("T1", "T2", "T3", "T4", "T5") for c in customers_of(NET, t)]

# One past call: who, when, and what followed it (a repair of the customer, the customer saying
# power is on, a restore of the transformer above, or nothing) and after how long.
past_calls = st.lists(
    st.tuples(
        st.sampled_from(CUSTOMERS),
        st.floats(min_value=0.0, max_value=20 * HOUR),
        st.sampled_from(("repaired", "said on", "above", "nothing")),
        st.floats(min_value=60.0, max_value=10 * HOUR),
    ),
    max_size=40,
)


def stream(calls: list[tuple[str, float, str, float]]) -> list[dict[str, object]]:
    events: list[dict[str, object]] = []
    for customer, t, outcome, later in calls:
        events.append({"t": t, "type": "call", "customer": customer})
        if outcome == "repaired":
            events.append({"t": t + later, "type": "restore", "device": customer})
        elif outcome == "said on":
            events.append({"t": t + later, "type": "call_on", "customer": customer})
        elif outcome == "above":
            transformer = "T" + customer[1 : customer.index("-")]
            events.append({"t": t + later, "type": "restore", "device": transformer})
    return sorted(events, key=lambda e: float(e["t"]))  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(calls=past_calls)
def test_every_call_counts_once_at_most_and_larger_outages_not_at_all(
    calls: list[tuple[str, float, str, float]],
) -> None:
    past = past_lone_calls(NET, stream(calls))
    own = past.own
    assert min(past.own, past.said_on, past.silent) >= 0
    assert past.own + past.said_on + past.silent <= len(calls)
    # Only the calls some later restore of the customer followed can be own faults.
    repairs = [(c, t + later) for c, t, outcome, later in calls if outcome == "repaired"]
    assert own <= sum(any(r == c and w > t for r, w in repairs) for c, t, _, _ in calls)


@settings(max_examples=40, deadline=None)
@given(calls=past_calls)
def test_with_one_call_at_a_time_each_is_what_followed_it(
    calls: list[tuple[str, float, str, float]],
) -> None:
    # Calls a day apart: nothing of one storm's call answers another's.
    spaced = [(c, k * 48 * HOUR, outcome, later) for k, (c, _, outcome, later) in enumerate(calls)]
    past = past_lone_calls(NET, stream(spaced))
    outcomes = [outcome for _, _, outcome, _ in spaced]
    assert past == PastLoneCalls(
        outcomes.count("repaired"), outcomes.count("said on"), outcomes.count("nothing")
    )


@given(
    own=st.integers(0, 10_000),
    said_on=st.integers(0, 10_000),
    silent=st.integers(0, 10_000),
    q=st.floats(min_value=0.01, max_value=0.99),
    r=st.floats(min_value=0.01, max_value=0.99),
    strength=st.floats(min_value=0.5, max_value=50.0),
)
def test_the_history_moves_each_prior_share_between_the_prior_and_what_it_saw(
    own: int, said_on: int, silent: int, q: float, r: float, strength: float
) -> None:
    p = Params(own_fault_share=q, said_on_share=r)
    past = PastLoneCalls(own, said_on, silent)
    moved = history_lone_calls(past, p, strength=strength)
    for share, prior, hits, total in (
        (moved.own_fault_share, q, own, own + said_on + silent),
        (moved.said_on_share, r, said_on, said_on + silent),
    ):
        assert 0.0 < share < 1.0
        if total == 0:
            assert share == prior
            continue
        seen = hits / total
        assert min(prior, seen) - 1e-12 <= share <= max(prior, seen) + 1e-12
    # One more own fault in the history never lowers the share of own faults.
    more = history_lone_calls(PastLoneCalls(own + 1, said_on, silent), p, strength=strength)
    assert more.own_fault_share >= moved.own_fault_share
    # Only the shares move: the storm still weighs its own calls as much as before.
    assert moved.lone_call_strength == p.lone_call_strength
    assert moved.said_on_strength == p.said_on_strength
    # Each share can be left as it was.
    assert history_lone_calls(past, p, own_share=False).own_fault_share == q
    assert history_lone_calls(past, p, said_on_share=False).said_on_share == r


@settings(max_examples=20, deadline=None)
@given(calls=st.integers(20, 200), seed=st.integers(0, 10_000))
def test_a_long_history_of_clean_answers_takes_the_share_to_what_it_saw(
    calls: int, seed: int
) -> None:
    # Every past lone call was either repaired or said on, each alone: the history's share
    # is what those calls were, and the prior's pull fades as the calls grow.
    rng = random.Random(seed)
    truth = rng.random()
    outcomes = ["repaired" if rng.random() < truth else "said on" for _ in range(calls)]
    spaced = [(rng.choice(CUSTOMERS), k * 48 * HOUR, o, HOUR) for k, o in enumerate(outcomes)]
    seen = outcomes.count("repaired") / calls
    share = history_lone_calls(past_lone_calls(NET, stream(spaced))).own_fault_share
    assert abs(share - seen) <= 4.0 / (calls + 4.0) + 1e-12


def test_the_engine_starts_the_storm_from_the_stations_share() -> None:
    # A station whose lone calls were nearly never own faults: the engine starts there, and a
    # fresh lone call is less likely an own fault than with the default prior.
    station = history_lone_calls(PastLoneCalls(own=2, said_on=8, silent=40))
    assert station.own_fault_share < 0.1
    default, learnt = OutageInference(NET), OutageInference(NET, station)
    assert learnt.rates.own_fault_share == station.own_fault_share
    assert station.lone_call_llr(1800.0) < Params().lone_call_llr(1800.0)
    assert default.rates.own_fault_share == Params().own_fault_share
