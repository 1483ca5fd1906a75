"""IEEE 1366 and DL/T 836 indices and major event days, on cases worked out by hand."""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from powerdesk.engine.indices import (
    Interruption,
    Tally,
    celid_s,
    celid_t,
    cemi,
    daily_saidi,
    major_event_days,
    major_event_threshold,
    tally,
    with_customers_interrupted,
)

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
T0 = dt.datetime(2026, 1, 1, tzinfo=TZ)
T1 = dt.datetime(2027, 1, 1, tzinfo=TZ)
YEAR_MINUTES = 365 * 24 * 60


def at(day: int, hour: float = 0.0) -> dt.datetime:
    return T0 + dt.timedelta(days=day, hours=hour)


def out(day: int, hours: float, customers: int, **kw: bool) -> Interruption:
    return Interruption(at(day), at(day, hours), customers, **kw)


def test_a_worked_year_of_a_hundred_customers() -> None:
    # 50 customers out 2 h; all 100 out 30 min (planned); 20 out 3 min (momentary, twice).
    t = tally(
        [
            out(10, 2, 50),
            out(20, 0.5, 100, planned=True),
            out(30, 0.05, 20),
            out(31, 0.05, 20),
        ],
        customers_served=100,
        period_start=T0,
        period_end=T1,
    )
    assert t.interruptions == 2
    assert t.saifi == pytest.approx(1.5)  # (50 + 100) / 100
    assert t.saidi == pytest.approx(90.0)  # (50·120 + 100·30) / 100 minutes
    assert t.caidi == pytest.approx(60.0)  # 9000 / 150
    assert t.maifi_e == pytest.approx(0.4)  # 2 events × 20 customers / 100
    assert t.asai == pytest.approx(1 - 9000 / (100 * YEAR_MINUTES))
    assert t.aihc1 == pytest.approx(1.5)
    assert t.aitc1 == pytest.approx(1.5)
    assert t.rs1 == pytest.approx((1 - 1.5 / 8760) * 100)
    assert t.caifi is None
    # 100 distinct customers had a sustained interruption: 150 / 100.
    assert with_customers_interrupted(t, 100).caifi == pytest.approx(1.5)


def test_five_minutes_exactly_is_momentary_and_a_second_more_is_sustained() -> None:
    five = Interruption(at(1), at(1) + dt.timedelta(minutes=5), 10)
    longer = Interruption(at(2), at(2) + dt.timedelta(minutes=5, seconds=1), 10)
    t = tally([five, longer], customers_served=10, period_start=T0, period_end=T1)
    assert (t.momentary_events, t.customer_interruptions) == (10, 10)


def test_an_interruption_counts_whole_in_the_year_it_began() -> None:
    # Began on New Year's Eve at 23:00, back at 01:00: 2 h in the old year, none in the new.
    eve = Interruption(T1 - dt.timedelta(hours=1), T1 + dt.timedelta(hours=1), 10)
    before = Interruption(T0 - dt.timedelta(hours=1), T0 + dt.timedelta(hours=1), 10)
    t = tally([eve, before], customers_served=10, period_start=T0, period_end=T1)
    assert t.saidi == pytest.approx(120.0)
    assert t.interruptions == 1


def test_rs3_leaves_out_rationing() -> None:
    t = tally(
        [out(5, 6, 100, rationing=True), out(6, 3, 100)],
        customers_served=100,
        period_start=T0,
        period_end=T1,
    )
    assert t.aihc1 == pytest.approx(9.0)
    assert t.aihc3 == pytest.approx(3.0)
    assert t.rs1 == pytest.approx((1 - 9 / 8760) * 100)
    assert t.rs3 == pytest.approx((1 - 3 / 8760) * 100)


def test_medium_voltage_users_count_transformer_areas_not_households() -> None:
    # 4 transformer areas (one a customer's own transformer) of 100 households in all; a fuse
    # above 2 areas (60 households) opens for 3 hours.
    households = tally([out(1, 3, 60)], customers_served=100, period_start=T0, period_end=T1)
    mv_users = tally([out(1, 3, 2)], customers_served=4, period_start=T0, period_end=T1)
    assert households.aihc1 == pytest.approx(1.8)
    assert mv_users.aihc1 == pytest.approx(1.5)


def test_months_add_up_to_the_year() -> None:
    jan = tally([out(3, 1, 10)], customers_served=10, period_start=T0, period_end=at(31))
    rest = tally([out(40, 2, 5)], customers_served=10, period_start=at(31), period_end=T1)
    year = tally(
        [out(3, 1, 10), out(40, 2, 5)], customers_served=10, period_start=T0, period_end=T1
    )
    assert (jan + rest).saidi == pytest.approx(year.saidi)
    assert (jan + rest).rs1 == pytest.approx(year.rs1)
    with pytest.raises(ValueError):
        _ = jan + Tally(customers_served=11, period_minutes=1.0)


def test_no_customers_no_division_by_zero() -> None:
    t = tally([], customers_served=0, period_start=T0, period_end=T1)
    assert (t.saidi, t.saifi, t.caidi, t.asai, t.maifi_e, t.rs1) == (0, 0, 0, 1, 0, 100)


def test_cemi_and_celid() -> None:
    # 60 customers never out, 30 out twice (40 min and 90 min), 10 out five times (20 min each).
    counts = [(0, 60), (2, 30), (5, 10)]
    assert cemi(counts, 1, customers_served=100) == pytest.approx(0.4)
    assert cemi(counts, 2, customers_served=100) == pytest.approx(0.1)
    assert cemi(counts, 5, customers_served=100) == 0.0
    assert celid_s([(0, 60), (90, 30), (20, 10)], 60, customers_served=100) == pytest.approx(0.3)
    assert celid_t([(0, 60), (130, 30), (100, 10)], 120, customers_served=100) == 0.3
    assert celid_t([(0, 60), (130, 30), (100, 10)], 60, customers_served=100) == 0.4


def test_t_med_from_a_hand_worked_history() -> None:
    # ln of the daily SAIDI: 0, 1, 2 → α = 1, β = 1 (sample), T_MED = e^3.5 ≈ 33.115.
    assert major_event_threshold([1.0, math.e, math.e**2, 0.0]) == pytest.approx(math.e**3.5)
    assert major_event_threshold([5.0]) is None
    assert major_event_threshold([]) is None


def test_major_event_days_exceed_the_threshold() -> None:
    daily = {dt.date(2026, 7, 14): 40.0, dt.date(2026, 7, 15): 33.0, dt.date(2026, 3, 1): 2.0}
    assert major_event_days(daily, 33.0) == [dt.date(2026, 7, 14)]
    assert major_event_days(daily, None) == []


def test_daily_saidi_uses_unplanned_sustained_interruptions_on_the_station_day() -> None:
    utc = dt.UTC
    # 17:00 UTC is 01:00 the next day in Shanghai.
    late = Interruption(
        dt.datetime(2026, 7, 13, 17, tzinfo=utc), dt.datetime(2026, 7, 13, 19, tzinfo=utc), 50
    )
    planned = Interruption(at(100), at(100, 8), 100, planned=True)
    blip = Interruption(at(101), at(101) + dt.timedelta(minutes=3), 100)
    days = daily_saidi([late, planned, blip], customers_served=100, tz=TZ)
    assert days == {dt.date(2026, 7, 14): pytest.approx(60.0)}


# -- properties ---------------------------------------------------------------------------------
interruption = st.builds(
    lambda day, start_min, minutes, customers, planned: Interruption(
        at(day) + dt.timedelta(minutes=start_min),
        at(day) + dt.timedelta(minutes=start_min + minutes),
        customers,
        planned,
    ),
    st.integers(0, 364),
    st.integers(0, 1439),
    st.integers(0, 3000),
    st.integers(0, 200),
    st.booleans(),
)


@given(st.lists(interruption, max_size=40), st.integers(1, 150))
def test_saidi_is_saifi_times_caidi(items: list[Interruption], served: int) -> None:
    t = tally(items, customers_served=served, period_start=T0, period_end=T1)
    assert t.saidi == pytest.approx(t.saifi * t.caidi)
    assert 0.0 <= t.asai <= 1.0
    assert 0.0 <= t.rs1 <= 100.0
    assert t.rs1 == pytest.approx(max(0.0, 100 * (1 - t.aihc1 / 8760)))


@given(st.lists(interruption, max_size=40), st.integers(1, 150))
def test_leaving_out_major_event_days_never_raises_saidi(
    items: list[Interruption], served: int
) -> None:
    daily = daily_saidi(items, customers_served=served, tz=TZ)
    threshold = major_event_threshold(daily.values())
    med = set(major_event_days(daily, threshold))
    kept = [i for i in items if i.planned or i.start.astimezone(TZ).date() not in med]
    full = tally(items, customers_served=served, period_start=T0, period_end=T1)
    rest = tally(kept, customers_served=served, period_start=T0, period_end=T1)
    assert rest.saidi <= full.saidi + 1e-9
    assert rest.saifi <= full.saifi


@given(st.lists(st.floats(0.001, 1e4), min_size=2, max_size=60))
def test_t_med_lies_above_the_geometric_mean_of_its_history(
    values: list[float],
) -> None:
    # T_MED lies above the geometric mean of the days it was computed from.
    threshold = major_event_threshold(values)
    assert threshold is not None
    assert threshold >= math.exp(sum(math.log(v) for v in values) / len(values)) * (1 - 1e-9)
