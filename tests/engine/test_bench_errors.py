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
