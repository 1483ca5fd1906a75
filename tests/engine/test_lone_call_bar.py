"""The benchmark of the chance of an own fault at which a lone call would be named
(``bench/lone_bar.py``): the lone calls a bar under even odds would name besides the engine's
picture (``faint_calls``), read from the engine's own scores."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.lone_bar import faint_calls, kept
from powerdesk.engine.inference import OutageInference
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0
NET = radial_feeder(20)
TRANSFORMERS = ("T1", "T2", "T3", "T4", "T5")
CUSTOMERS = [c for t in TRANSFORMERS for c in customers_of(NET, t)]


def _faint(
    calls: list[tuple[float, str]], now: float, bar: float
) -> tuple[list[str], dict[str, float]]:
    engine = OutageInference(NET)
    for t, customer in calls:
        engine.ingest(t, "call", customer)
    named = [o.device for o in engine.picture(now).outages]
    return named, {d: c for d, _, c in faint_calls(engine, named, now, bar)}


def test_a_fresh_lone_call_is_just_under_even_odds() -> None:
    # One customer calls; a minute later the chance that it is their own fault is a hair
    # under one half (the prior's even odds, less a minute without a callback): the engine
    # does not name it, a bar of 0.4 would.
    named, faint = _faint([(0.0, "C1-0")], MINUTE, 0.4)
    assert named == []
    assert list(faint) == ["C1-0"] and 0.49 < faint["C1-0"] <= 0.5
    assert _faint([(0.0, "C1-0")], MINUTE, 0.5)[1] == {}


def test_a_lone_call_long_unrepaired_falls_under_each_bar_in_turn() -> None:
    # Named while its chance is over one half; three hours without a repair: under it, over
    # 0.4; four hours: under 0.4 too.
    assert _faint([(0.0, "C1-0")], HOUR, 0.4) == (["C1-0"], {})
    named, faint = _faint([(0.0, "C1-0")], 3 * HOUR, 0.4)
    assert named == [] and 0.4 < faint["C1-0"] < 0.5
    assert _faint([(0.0, "C1-0")], 4 * HOUR, 0.4) == ([], {})


def test_calls_below_a_named_device_are_not_faint_lone_calls() -> None:
    calls = [(i * MINUTE, c) for i, c in enumerate(customers_of(NET, "T2")[:8])]
    for bar in (0.4, 0.1):
        assert _faint(calls, 15 * MINUTE, bar) == (["T2"], {})


def test_kept_reads_each_bar_from_the_same_picture() -> None:
    picture = [("T2", 20, 0.9), ("C1-0", 1, 0.8), ("C3-4", 1, 0.47), ("C4-1", 1, 0.42)]
    assert [o[0] for o in picture if kept(o, 0.5)] == ["T2", "C1-0"]
    assert [o[0] for o in picture if kept(o, 0.45)] == ["T2", "C1-0", "C3-4"]
    assert [o[0] for o in picture if kept(o, 0.4)] == ["T2", "C1-0", "C3-4", "C4-1"]


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    calls=st.integers(min_value=1, max_value=40),
    bar=st.floats(min_value=0.05, max_value=0.5),
)
def test_faint_lone_calls_are_callers_alone_between_the_bar_and_even_odds(
    seed: int, calls: int, bar: float
) -> None:
    # Whatever the stream (calls, some answered by "power is on" or a repair, some
    # transformers restored), the calls a lower bar would name besides are customers who
    # called and have not been answered, not named already and below no device named, each
    # with a chance between the bar and one half; a higher bar names fewer of the same.
    rng = random.Random(seed)
    events: list[tuple[float, str, str]] = []
    for _ in range(calls):
        t = rng.uniform(0.0, 8 * HOUR)
        customer = rng.choice(CUSTOMERS)
        events.append((t, "call", customer))
        answer = rng.random()
        if answer < 0.3:
            events.append((t + rng.uniform(10 * MINUTE, 3 * HOUR), "call_on", customer))
        elif answer < 0.5:
            events.append((t + rng.uniform(HOUR, 6 * HOUR), "restore", customer))
    for transformer in rng.sample(TRANSFORMERS, 2):
        events.append((rng.uniform(2 * HOUR, 9 * HOUR), "restore", transformer))
    events.sort()
    engine = OutageInference(NET)
    checkpoints = sorted(rng.uniform(0.0, 10 * HOUR) for _ in range(6))
    last: dict[str, str] = {}
    k = 0
    for t, kind, target in [*events, (11 * HOUR, "", "")]:
        while k < len(checkpoints) and checkpoints[k] <= t:
            now = checkpoints[k]
            named = [o.device for o in engine.picture(now).outages]
            faint = faint_calls(engine, named, now, bar)
            higher = faint_calls(engine, named, now, (bar + 0.5) / 2)
            assert {o[0] for o in higher} <= {o[0] for o in faint}
            for device, customers, confidence in faint:
                element = NET.index[device]
                assert customers == 1 and NET.customer_number[element] >= 0
                assert last.get(device) == "call"
                assert device not in named
                assert not any(NET.is_below(element, NET.index[d]) for d in named)
                assert bar < confidence <= 0.5
            k += 1
        if kind:
            engine.ingest(t, kind, target)
            last[target] = kind
