"""Small devices named by their own odds of being open (``inference.marginals``): the log-odds
against the best closed explanation or against the closed explanations summed, and the bar."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.marginals import log_odds, more_by_bar
from powerdesk.engine.inference.solution import Solution
from powerdesk.engine.inference.state import new_state
from powerdesk.engine.model.params import Params
from powerdesk.engine.network import Network


def recloser_and_fuses(fuses: int = 3, customers: int = 6) -> Network:
    """S ─ R ─ F0..F<fuses-1>, each fuse with ``customers`` customers C<f>-<i>."""
    rows = [("S", "", "source"), ("R", "S", "recloser")]
    for f in range(fuses):
        rows.append((f"F{f}", "R", "fuse"))
        rows += [(f"C{f}-{i}", f"F{f}", "customer") for i in range(customers)]
    return Network.from_rows(rows)


def named(params: Params, calls: list[str]) -> list[str]:
    engine = OutageInference(recloser_and_fuses(), params)
    for i, customer in enumerate(calls):
        engine.ingest(600.0 * (i + 1), "call", customer)
    return sorted(o.device for o in engine.picture(600.0 * (len(calls) + 1)).outages)


def test_one_call_under_a_small_fuse_names_it_under_a_bar_below_even_odds() -> None:
    # The best picture names the caller's own fault; the fuse is open at a chance a little
    # under one half, and a bar under that names the fuse (the customer inside it then goes).
    assert named(Params(), ["C0-1"]) == ["C0-1"]
    assert named(Params(small_device_bar=-1.0), ["C0-1"]) == ["F0"]
    assert named(Params(small_device_bar=-1.0, small_device_soft=1.0), ["C0-1"]) == ["F0"]
    # A bar over the fuse's own odds keeps the best picture's single customer.
    assert named(Params(small_device_bar=-0.1), ["C0-1"]) == ["C0-1"]


def test_a_bar_above_even_odds_drops_a_small_fuse_named_on_little() -> None:
    calls = ["C0-1", "C0-2"]
    assert named(Params(), calls) == ["F0"]
    engine = OutageInference(recloser_and_fuses(), Params())
    for i, customer in enumerate(calls):
        engine.ingest(600.0 * (i + 1), "call", customer)
    confidence = engine.picture(1800.0).outages[0].confidence
    odds = math.log(confidence / (1.0 - confidence))
    assert "F0" not in named(Params(small_device_bar=odds + 0.5), calls)
    assert named(Params(small_device_bar=max(0.0, odds - 0.5)), calls) == ["F0"]


scores = st.floats(0.01, 20.0, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    opened=st.floats(-20.0, 20.0, allow_nan=False),
    kids=st.lists(st.tuples(st.floats(-20.0, 20.0, allow_nan=False), scores), max_size=5),
    singles=st.lists(scores, max_size=5),
)
def test_summed_closed_explanations_weigh_at_least_the_best_and_at_most_all_doubled(
    opened: float, kids: list[tuple[float, float]], singles: list[float]
) -> None:
    # Node 0 with children 1..k (each kept with its best over 0, as ``solve`` keeps them) and
    # customers 100.. below: summing each one's two explanations (its own, or nothing) can only
    # add, and at most log 2 apiece.
    children = list(range(1, len(kids) + 1))
    open_scores = {0: opened, **{c: kids[c - 1][0] for c in children}}
    alternatives = {0: 0.0, **{c: kids[c - 1][1] for c in children}}
    best = sum(max(o, a) for o, a in kids) + sum(singles)
    alternatives[0] = best
    solved = Solution(
        within=None,
        open_scores=open_scores,
        alternatives=alternatives,
        children={0: children},
        singles={0: [(100 + i, s) for i, s in enumerate(singles)]},
        roots=[0],
    )
    hard, soft = log_odds(solved, 0, soft=False), log_odds(solved, 0, soft=True)
    assert math.isclose(hard, opened - best, abs_tol=1e-9)
    assert soft <= hard + 1e-12
    assert soft >= hard - (len(kids) + len(singles)) * math.log(2.0) - 1e-9


@settings(max_examples=100, deadline=None)
@given(
    odds=st.dictionaries(st.integers(0, 12), st.floats(-4.0, 4.0, allow_nan=False)),
    bar=st.floats(-3.0, -0.01),
    already=st.sets(st.integers(0, 26), max_size=3),
)
def test_devices_added_by_the_bar_are_small_over_it_apart_and_not_inside_one_named(
    odds: dict[int, float], bar: float, already: set[int]
) -> None:
    from dataclasses import replace

    state = new_state(recloser_and_fuses(fuses=3, customers=6), Params())
    state.params = replace(state.params, small_device_bar=bar)
    net = state.network
    nodes = [n for n in odds if n < len(net.ids)]
    solved = Solution(
        within=None,
        open_scores={n: odds[n] for n in nodes},
        alternatives={n: 0.0 for n in nodes},
        children={},
        singles={},
        roots=[],
    )
    named_before = sorted(e for e in already if e < len(net.ids))
    added = more_by_bar(state, solved, named_before)
    for node in added:
        customers = net.customers_below(node)
        assert net.customer_number[node] < 0 and 2 <= customers <= 20
        assert odds[node] > bar
        assert not any(e < node < int(net.end[e]) or e == node for e in named_before)
    for a in added:
        for b in added:
            assert a == b or not (a <= b < int(net.end[a]))
    # The likeliest small device over the bar outside every one named is always added.
    free = [
        n
        for n in nodes
        if net.customer_number[n] < 0
        and 2 <= net.customers_below(n) <= 20
        and odds[n] > bar
        and not any(e <= n < int(net.end[e]) for e in named_before)
    ]
    if free:
        assert min(free, key=lambda n: (-odds[n], n)) in added


def test_the_sweep_s_own_picture_counts_as_the_benchmark_does() -> None:
    # ``bench/marginal_bar.py`` reads the solved tree off once per bar; at ``hard:0`` it is the
    # engine's own picture, and sorts it as ``bench/multi_errors.py`` does, storm for storm.
    from bench.marginal_bar import one as sweep
    from bench.multi_errors import one

    rows = sweep(("deep", "project", 3, 0.3, False, ("hard:0", "hard:-0.5")))
    _, _, _, kinds = one(("deep", "project", 3, {}, 0.3, False))
    assert rows[0][0] == "deep hard:0" and rows[0][3] == kinds
    assert rows[1][3]["found"] >= kinds["found"]
