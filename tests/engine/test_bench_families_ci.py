"""``bench/families_ci.py``: each setting's margin and F1 with an interval over its seeds, so
that a reader sees which settings are truly under a goal."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.families_ci import Figure, figures, table

counts = st.tuples(st.integers(0, 60), st.integers(0, 30), st.integers(0, 30))


@settings(max_examples=60, deadline=None)
@given(storms=st.lists(st.lists(counts, min_size=4, max_size=4), min_size=1, max_size=12))
def test_the_interval_holds_the_spread_and_seeds_alike_have_none(
    storms: list[list[tuple[int, int, int]]],
) -> None:
    per_seed = np.array(storms, dtype=float)
    draws = np.random.default_rng(1).integers(0, len(storms), size=(300, len(storms)))
    for figure in figures(per_seed, draws).values():
        assert figure.low <= figure.high and figure.se >= 0.0
    alike = figures(np.repeat(per_seed[:1], len(storms), axis=0), draws)
    for figure in alike.values():
        assert figure.se < 1e-12 and figure.high - figure.low < 1e-12


def test_a_setting_is_under_the_goal_only_when_its_whole_interval_is() -> None:
    assert Figure(0.08, 0.01, 0.06, 0.09).verdict(0.10) == "under"
    assert Figure(0.08, 0.03, 0.03, 0.13).verdict(0.10) == "unclear"
    assert Figure(0.15, 0.01, 0.12, 0.18).verdict(0.10) == "over"


def test_a_run_is_read_by_setting_and_generator_with_the_standard_setting_in_each_family() -> None:
    standard = {
        "call_share": 0.2,
        "delay_median": 20.0,
        "wrong_account": 0.02,
        "single_share": 0.25,
        "delivery": 0.6,
        "confirms": 0.4,
        "grid": "generated (standard)",
    }
    good = {
        "engine": [9, 1, 1],
        "rollup": [6, 4, 4],
        "engine_multi": [9, 1, 1],
        "engine_cut": [10, 0, 0],
    }
    storms = [[standard, "project", seed, good] for seed in (1, 2, 3)]
    rows = table(storms, resamples=50)
    assert {r["family"] for r in rows} >= {"call share", "meter delivery", "grid"}
    row = rows[0]
    assert round(row["margin"].value, 3) == 0.3 and row["margin"].se == 0.0
    assert row["ceiling"] == 0.9  # (one twin named for the other, of ten outages)
