"""``bench/twin_ceiling.py``: the strict F1 a families run could reach with only its twins
(a fuse feeding one transformer and nothing else, named for that transformer or the reverse)
left wrong."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.twin_ceiling import rows

counts = st.integers(0, 200)


@st.composite
def storm(draw: st.DrawFn) -> list[object]:
    # A storm's counts: strictly (tp, fp, fn), and by the customers cut, where each twin named
    # for the other is found instead of one false and one missed.
    tp, fp, fn = draw(counts), draw(counts), draw(counts)
    twins = draw(st.integers(0, min(fp, fn)))
    generator = draw(st.sampled_from(["project", "day"]))
    grid = draw(st.sampled_from(["generated (standard)", "generated deep"]))
    return [
        {"grid": grid},
        generator,
        draw(st.integers(1, 10)),
        {"engine_multi": [tp, fp, fn], "engine_cut": [tp + twins, fp - twins, fn - twins]},
    ]


@settings(max_examples=100, deadline=None)
@given(storms=st.lists(storm(), min_size=1, max_size=12))
def test_the_twin_ceiling_is_never_below_the_strict_f1_and_is_one_without_twins(
    storms: list[list[object]],
) -> None:
    for row in rows(storms):  # type: ignore[arg-type]
        assert 0.0 <= row.ceiling <= 1.0
        assert row.ceiling >= row.strict - 1e-12
        assert row.cut >= row.strict - 1e-12
        if row.twins == 0:
            assert row.ceiling == 1.0


def test_storms_of_one_setting_are_pooled_and_the_lowest_ceiling_comes_first() -> None:
    deep = {"grid": "generated deep"}
    storms = [
        [deep, "day", 1, {"engine_multi": [40, 5, 5], "engine_cut": [44, 1, 1]}],
        [deep, "day", 2, {"engine_multi": [50, 5, 5], "engine_cut": [54, 1, 1]}],
        [{}, "day", 1, {"engine_multi": [99, 1, 1], "engine_cut": [100, 0, 0]}],
    ]
    found = rows(storms)  # type: ignore[arg-type]
    assert [(r.setting, r.outages, r.twins) for r in found] == [
        ("grid=generated deep", 100, 8.0),
        ("standard", 100, 1.0),
    ]
    assert found[0].ceiling == 0.92
