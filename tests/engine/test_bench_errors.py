"""The benchmark's error breakdown accounts for every miss the scorer counts."""

from __future__ import annotations

from pathlib import Path

from bench.errors import classify
from bench.storm import run_one
from powerdesk.engine.generate import write_network
from powerdesk.engine.network import load_network_csv
from powerdesk.engine.simulate import simulate_storm, write_storm


def test_the_error_classes_add_up_to_the_scorer_s_false_alarms_and_misses(tmp_path: Path) -> None:
    write_network(tmp_path / "NET.csv", 3000, seed=4, meter_coverage=0.3)
    write_storm(simulate_storm(load_network_csv(tmp_path / "NET.csv"), seed=4), tmp_path)
    for method in ("engine", "rollup"):
        counts = classify(tmp_path, method)
        figures = run_one(method, tmp_path)
        assert sum(n for key, n in counts.items() if key[0] == "false") == figures["fp_all"]
        assert sum(n for key, n in counts.items() if key[0] == "miss") == figures["fn_all"]
        assert figures["fp_all"] + figures["fn_all"] > 0  # a storm this size has some of both


def test_multi_errors_sorts_single_customers_too_with_calls_only() -> None:
    # ``bench/multi_errors.py --meters 0 --singles``: the outages of one customer (band 1) are
    # sorted with the rest, as the F1 of all outages with calls only counts them.
    from bench.multi_errors import one

    _, _, _, kinds = one(("standard", "project", 1, {}, 0.0, True))
    _, _, _, multi = one(("standard", "project", 1, {}, 0.0, False))
    singles = {k: v for k, v in kinds.items() if k.endswith(" 1")}
    assert singles and not any(k.endswith(" 1") for k in multi)
    assert kinds["found"] > multi["found"]


def test_small_losses_counts_devices_left_with_only_unheard_meters() -> None:
    # ``bench/small_losses.py``: a missed device under a restore above whose only evidence
    # left is its meters unheard since (round 12: the programme never weighs most of them).
    from hypothesis import given
    from hypothesis import strategies as st

    from bench.small_losses_report import _only_unheard

    base = {"restored_above_since_open": 1, "calls": 0, "last_gasps": 0, "stale": 0}
    assert _only_unheard({**base, "silent_after": 0, "unheard": 2})
    assert not _only_unheard({**base, "silent_after": 0, "unheard": 0})
    assert not _only_unheard(
        {**base, "restored_above_since_open": 0, "silent_after": 0, "unheard": 2}
    )

    @given(
        st.sampled_from(["calls", "last_gasps", "stale", "silent_after"]),
        st.integers(1, 50),
        st.integers(1, 50),
    )
    def any_sign_left_is_more_than_unheard(key: str, signs: int, unheard: int) -> None:
        record = {**base, "silent_after": 0, "unheard": unheard, key: signs}
        assert not _only_unheard(record)

    any_sign_left_is_more_than_unheard()


def test_closed_calls_sorts_every_standing_call_by_the_truth_above_it() -> None:
    # ``bench/closed_calls.py`` (round 13): each customer with a call standing is an own fault
    # (their own supply open), an outage's call (a device above open) or a call with nothing
    # open above; the three add up to the callers, and opening a device above moves its
    # callers from "nothing" to "outage" and no further.
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from bench.closed_calls import sort_callers
    from tests.engine.fixtures import radial_feeder

    net = radial_feeder(4)
    devices = [e for e in range(len(net)) if net.customer_number[e] < 0]
    everyone = list(range(net.customer_count))

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(st.sampled_from(everyone), unique=True),
        st.sets(st.sampled_from(range(len(net)))),
        st.sampled_from(devices),
    )
    def adds_up(callers: list[int], open_now: set[int], device: int) -> None:
        own, outage, nothing = sort_callers(net, callers, open_now)
        assert own + outage + nothing == len(callers)
        own2, outage2, nothing2 = sort_callers(net, callers, open_now | {device})
        below = {
            n
            for n in callers
            if net.first_customer[device] <= n < net.end_customer[device]
            and int(net.customer_element[n]) not in open_now
        }
        assert own2 == own
        assert nothing2 <= nothing
        assert outage2 - outage == nothing - nothing2 <= len(below)

    adds_up()
