"""How often a storm's restores leave devices open below them, learnt from the stream
(``inference.left_open``; used with ``Params.left_open_learnt``, off since round 28 measured
it): a device restored later with no meter below it heard since power came back above it had
stayed open; the priors say how many each restore should leave open; their ratio moves every
device's prior of having stayed open under a restore."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.left_open import LeftOpen
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

FUSES = 8
METERS = 3  # reporting customers below each fuse

EXPOSURES = st.lists(
    st.tuples(
        st.floats(min_value=0.0, max_value=86400.0), st.floats(min_value=0.0, max_value=500.0)
    ),
    max_size=30,
)


@settings(max_examples=100, deadline=None)
@given(exposures=EXPOSURES, found=st.integers(min_value=0, max_value=50))
def test_the_ratio_is_a_positive_finite_share_that_found_devices_raise(
    exposures: list[tuple[float, float]], found: int
) -> None:
    rates = LeftOpen(strength=2.0)
    for t, expected in exposures:
        rates.restored(t, expected)
    survival = lambda seconds: math.exp(-seconds / 9000.0)  # noqa: E731
    ratio = rates.ratio(survival, now=90000.0)
    assert 0.0 < ratio < math.inf
    if found == 0:
        assert ratio <= 1.0  # (nothing found: never above the priors)
    rates.found = found
    assert rates.ratio(survival, now=90000.0) >= ratio


@settings(max_examples=100, deadline=None)
@given(exposures=EXPOSURES, more=st.floats(min_value=1.0, max_value=500.0))
def test_a_restore_that_leaves_nothing_open_lowers_the_ratio(
    exposures: list[tuple[float, float]], more: float
) -> None:
    rates = LeftOpen(strength=2.0)
    for t, expected in exposures:
        rates.restored(t, expected)
    survival = lambda seconds: 0.5 * math.erfc(math.log(seconds / 9000.0) / math.sqrt(2.0))  # noqa: E731
    before = rates.ratio(survival, now=90000.0)
    rates.restored(1000.0, more)
    assert rates.ratio(survival, now=90000.0) < before


def _engine(learnt: float = 1.0) -> OutageInference:
    # S ─ R ─ F0..F7, each fuse with three reporting customers.
    rows = [("S", "", "source"), ("R", "S", "recloser")]
    ami = [-1, -1]
    for f in range(FUSES):
        rows.append((f"F{f}", "R", "fuse"))
        ami.append(-1)
        rows += [(f"C{f}-{i}", f"F{f}", "customer") for i in range(METERS)]
        ami += [1] * METERS
    return OutageInference(Network.from_rows(rows, ami=ami), Params(left_open_learnt=learnt))


def _lit_outage(engine: OutageInference, start: float) -> float:
    # The recloser's customers go dark and call; a crew restores it an hour later and every
    # meter says power is back: it left nothing open below it.
    for f in range(FUSES):
        engine.ingest(start + 60.0 * f, "ami_off", f"C{f}-0")
    engine.ingest(start + 3600.0, "restore", "R")
    for f in range(FUSES):
        for i in range(METERS):
            engine.ingest(start + 3660.0 + f + i / 10.0, "ami_on", f"C{f}-{i}")
    return start + 7200.0


@settings(max_examples=10, deadline=None)
@given(restores=st.integers(min_value=1, max_value=5))
def test_restores_that_leave_nothing_open_take_the_estimate_toward_zero(restores: int) -> None:
    # No restore leaves anything open: the devices' prior of having stayed open falls, and the
    # more such restores, the lower it goes (looked at hours after the last).
    llr = []
    for n in (restores, restores + 1):
        engine = _engine()
        t = 0.0
        for _ in range(n):
            t = _lit_outage(engine, t)
        engine.picture(t + 6 * 3600.0)
        assert engine._st.rates.left_open.found == 0
        llr.append(engine._st.left_open_llr)
    assert llr[1] < llr[0] < 0.0


def test_a_fuse_restored_after_the_restore_above_with_its_meters_silent_was_left_open() -> None:
    engine = _engine()
    for f in range(FUSES):
        engine.ingest(60.0 * f, "ami_off", f"C{f}-0")
    engine.ingest(3600.0, "restore", "R")
    for f in range(1, FUSES):  # every fuse but F0 says power is back
        for i in range(METERS):
            engine.ingest(3660.0 + f + i / 10.0, "ami_on", f"C{f}-{i}")
    engine.ingest(9000.0, "restore", "F0")  # F0 had stayed open: found
    engine.ingest(9500.0, "restore", "F1")  # F1 was heard since: opened again later
    engine.picture(10000.0)
    rates = engine._st.rates.left_open
    assert rates.found == 1
    # (R's restore; the fuses' own restores have no device below them to leave open.)
    assert len(rates.exposures) == 1


def test_without_the_switch_nothing_is_learnt_and_nothing_moves() -> None:
    engine = _engine(learnt=0.0)
    t = _lit_outage(engine, 0.0)
    engine.picture(t + 6 * 3600.0)
    assert not engine._st.rates.left_open.exposures
    assert engine._st.left_open_llr == 0.0
