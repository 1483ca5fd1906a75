"""Reliability indices: the arithmetic the village page and the reports rely on."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from powerdesk.engine.reliability import Interruption, reliability

T0 = dt.datetime(2026, 1, 1)
T1 = dt.datetime(2027, 1, 1)


def test_worked_example() -> None:
    # 100 customers; 50 out for 2 h, then all 100 out for 30 min (planned).
    result = reliability(
        [
            Interruption(T0 + dt.timedelta(days=10), T0 + dt.timedelta(days=10, hours=2), 50),
            Interruption(
                T0 + dt.timedelta(days=20), T0 + dt.timedelta(days=20, minutes=30), 100, True
            ),
        ],
        customers_served=100,
        period_start=T0,
        period_end=T1,
    )
    assert result.saidi == pytest.approx(1.5)  # (100 + 50) customer-hours / 100
    assert result.saifi == pytest.approx(1.5)
    assert result.caidi == pytest.approx(1.0)
    assert result.saidi_unplanned == pytest.approx(1.0)
    assert result.rs1 == pytest.approx((1 - 1.5 / 8760) * 100)
    # Faults and planned work apart: each with its own SAIDI, SAIFI and count.
    assert (result.unplanned.saidi, result.unplanned.saifi) == pytest.approx((1.0, 0.5))
    assert (result.planned.saidi, result.planned.saifi) == pytest.approx((0.5, 1.0))
    assert (result.unplanned.interruptions, result.planned.interruptions) == (1, 1)
    assert result.unplanned.caidi == pytest.approx(2.0)


def test_clipped_to_period_and_ongoing_counts_so_far() -> None:
    result = reliability(
        [
            Interruption(T0 - dt.timedelta(hours=5), T0 + dt.timedelta(hours=1), 10),
            Interruption(T1 - dt.timedelta(hours=3), None, 10),
            Interruption(T1 + dt.timedelta(hours=1), None, 10),
        ],
        customers_served=10,
        period_start=T0,
        period_end=T1,
    )
    assert result.interruptions == 2
    assert result.saidi == pytest.approx(4.0)


def test_no_customers_no_division_by_zero() -> None:
    result = reliability([], customers_served=0, period_start=T0, period_end=T1)
    assert (result.saidi, result.saifi, result.caidi, result.rs1) == (0.0, 0.0, 0.0, 100.0)


def test_bad_period_is_refused() -> None:
    with pytest.raises(ValueError, match="before"):
        reliability([], customers_served=1, period_start=T1, period_end=T0)


interruptions = st.lists(
    st.builds(
        lambda start, length, customers, planned: Interruption(
            T0 + dt.timedelta(minutes=start),
            T0 + dt.timedelta(minutes=start + length),
            customers,
            planned,
        ),
        st.integers(-1000, 600_000),
        st.integers(0, 5000),
        st.integers(0, 300),
        st.booleans(),
    ),
    max_size=30,
)


@given(interruptions, st.integers(1, 300))
def test_rs1_is_a_percentage_and_falls_as_saidi_rises(items, served) -> None:  # type: ignore[no-untyped-def]
    result = reliability(items, customers_served=served, period_start=T0, period_end=T1)
    assert 0.0 <= result.rs1 <= 100.0
    assert result.saidi >= result.saidi_unplanned >= -1e-9
    more = reliability(
        [*items, Interruption(T0, T0 + dt.timedelta(hours=1), served)],
        customers_served=served,
        period_start=T0,
        period_end=T1,
    )
    assert more.saidi == pytest.approx(result.saidi + 1.0)
    assert more.rs1 <= result.rs1
    assert more.saifi == pytest.approx(result.saifi + 1.0)
