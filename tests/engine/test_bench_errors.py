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
