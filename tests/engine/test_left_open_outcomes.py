"""Round 29 (``inference.left_open_outcomes``, ``Params.left_open_calibrated``): the hypothesis
that a small device stayed open under a restore above, its meters all unheard since, calibrated
by what became of such devices in the storm (found open at their restore, or a meter heard)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.left_open_outcomes import BUCKETS, Case, Outcomes
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

FUSES = 8
METERS = 3  # reporting customers below each fuse

CASES = st.lists(
    st.tuples(
        st.floats(min_value=0.0, max_value=86400.0),
        st.integers(min_value=0, max_value=BUCKETS - 1),
        st.floats(min_value=1e-4, max_value=0.9),
        st.sampled_from([-1, 0, 1]),
    ),
    max_size=40,
)


def _survival(seconds: float) -> float:
    return 0.5 * math.erfc(math.log(max(seconds, 1e-9) / 9000.0) / math.sqrt(2.0))


def _outcomes(cases: list[tuple[float, int, float, int]]) -> Outcomes:
    rates = Outcomes()
    for n, (t, bucket, model, outcome) in enumerate(cases):
        rates.cases[n] = Case(t=t, bucket=bucket, model=model, outcome=outcome)
    return rates


@settings(max_examples=100, deadline=None)
@given(cases=CASES)
def test_every_correction_is_finite_and_a_device_found_open_never_lowers_it(
    cases: list[tuple[float, int, float, int]],
) -> None:
    rates = _outcomes(cases)
    before = rates.correction(_survival, 90000.0, 4.0)
    assert len(before) == BUCKETS and all(math.isfinite(c) for c in before)
    for bucket in range(BUCKETS):
        if not any(c.bucket == bucket and c.outcome == 1 for c in rates.cases.values()):
            assert before[bucket] <= 1e-9  # (none found: never above the engine's own share)
        rates.cases[len(rates.cases)] = Case(t=0.0, bucket=bucket, model=0.1, outcome=1)
    after = rates.correction(_survival, 90000.0, 4.0)
    # (The new case moves the bucket's own share of the engine's too; only where that share
    # stays is the comparison one of outcomes alone.)
    for bucket in range(BUCKETS):
        same = [c for c in rates.cases.values() if c.bucket == bucket]
        if all(c.model == 0.1 for c in same):
            assert after[bucket] >= before[bucket] - 1e-9


@settings(max_examples=50, deadline=None)
@given(n=st.integers(min_value=1, max_value=30))
def test_devices_all_heard_take_the_correction_down_and_more_so_the_more(n: int) -> None:
    corrections = []
    for count in (n, n + 1):
        rates = _outcomes([(0.0, 0, 0.3, -1)] * count)
        corrections.append(rates.correction(_survival, 90000.0, 4.0)[0])
    assert corrections[1] < corrections[0] < 0.0


def _engine(calibrated: float = 1.0) -> OutageInference:
    # S ─ R ─ F0..F7, each fuse with three reporting customers.
    rows = [("S", "", "source"), ("R", "S", "recloser")]
    ami = [-1, -1]
    for f in range(FUSES):
        rows.append((f"F{f}", "R", "fuse"))
        ami.append(-1)
        rows += [(f"C{f}-{i}", f"F{f}", "customer") for i in range(METERS)]
        ami += [1] * METERS
    params = Params(left_open_calibrated=calibrated)
    return OutageInference(Network.from_rows(rows, ami=ami), params)


def _restore_with_two_fuses_unheard(engine: OutageInference) -> None:
    for f in range(FUSES):
        engine.ingest(60.0 * f, "ami_off", f"C{f}-0")
    engine.ingest(3600.0, "restore", "R")
    for f in range(2, FUSES):  # every fuse but F0 and F1 says power is back
        for i in range(METERS):
            engine.ingest(3660.0 + f + i / 10.0, "ami_on", f"C{f}-{i}")
    engine.picture(5400.0)  # (the watch is over)


def test_a_fuse_unheard_is_a_case_found_open_at_its_restore_or_heard_since() -> None:
    engine = _engine()
    _restore_with_two_fuses_unheard(engine)
    index = engine.network.index
    cases = engine._st.left_open.cases
    assert set(cases) == {index["F0"], index["F1"]}
    assert all(c.outcome == 0 and c.t == 3600.0 and c.bucket == 2 for c in cases.values())
    engine.ingest(6000.0, "ami_on", "C1-2")  # a meter of F1 heard: it had not stayed open
    engine.ingest(9000.0, "restore", "F0")  # F0 restored, its meters silent: it had
    engine.picture(10000.0)
    assert cases[index["F0"]].outcome == 1
    assert cases[index["F1"]].outcome == -1
    assert len(engine._st.left_open_llr) == 4


def test_without_the_switch_nothing_is_noted_and_nothing_moves() -> None:
    engine = _engine(calibrated=0.0)
    _restore_with_two_fuses_unheard(engine)
    engine.picture(10000.0)
    assert not engine._st.left_open.cases
    assert engine._st.left_open_llr == []
