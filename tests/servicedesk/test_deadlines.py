"""Deadlines follow the commitments and the official calendar: weekends, holidays, 调休."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from powerdesk.lib.workdays import add_working_days, is_working_day
from powerdesk.servicedesk.deadlines import deadlines_for
from powerdesk.servicedesk.models import CommitmentPolicy

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)  # type: ignore[misc]


def test_a_weekend_is_skipped() -> None:
    # Friday 2026-11-27 + 1 working day = Monday 2026-11-30, end of day.
    assert add_working_days(at(2026, 11, 27, 15), 1) == at(2026, 11, 30, 23, 59, 59)


def test_the_national_day_holiday_is_skipped() -> None:
    assert not is_working_day(dt.date(2026, 10, 1))
    assert add_working_days(at(2026, 9, 30, 9), 1) == at(2026, 10, 8, 23, 59, 59)


def test_an_adjusted_saturday_counts_as_a_working_day() -> None:
    assert dt.date(2026, 10, 10).weekday() == 5
    assert is_working_day(dt.date(2026, 10, 10))
    # Friday 9 October + 1 working day lands on the 调休 Saturday.
    assert add_working_days(at(2026, 10, 9, 10), 1) == at(2026, 10, 10, 23, 59, 59)


def test_spring_festival_moves_a_five_day_deadline() -> None:
    # Received Friday 13 February 2026, before the Spring Festival week (15-23 February).
    due = add_working_days(at(2026, 2, 13, 10), 5)
    assert due.date() > dt.date(2026, 2, 24)


def test_a_year_without_published_calendar_falls_back_to_weekends_and_fixed_holidays() -> None:
    assert not is_working_day(dt.date(2027, 1, 1))
    assert not is_working_day(dt.date(2027, 1, 2))  # a Saturday
    assert is_working_day(dt.date(2027, 1, 4))


def test_fault_repair_deadlines_are_rural_or_remote() -> None:
    policy = CommitmentPolicy()
    received = at(2026, 6, 20, 22, 0)
    rural = deadlines_for(policy, "fault_repair", received, remote=False)
    assert rural.arrive == received + dt.timedelta(minutes=90)
    assert rural.resolve == rural.arrive + dt.timedelta(hours=4)
    remote = deadlines_for(policy, "fault_repair", received, remote=True)
    assert remote.arrive == received + dt.timedelta(hours=2)


def test_a_hazard_is_tighter_than_a_fault() -> None:
    policy = CommitmentPolicy()
    received = at(2026, 6, 20, 22, 0)
    hazard = deadlines_for(policy, "hazard", received, remote=False)
    fault = deadlines_for(policy, "fault_repair", received, remote=False)
    assert hazard.arrive < fault.arrive and hazard.resolve < fault.resolve


def test_complaints_are_contacted_within_24_hours_and_answered_in_4_working_days() -> None:
    policy = CommitmentPolicy()
    received = at(2026, 11, 27, 10)  # a Friday
    deadlines = deadlines_for(policy, "complaint", received, remote=False)
    assert deadlines.arrive == received + dt.timedelta(hours=24)
    assert deadlines.resolve == at(2026, 12, 3, 23, 59, 59)


def test_an_urgent_fault_gets_the_crew_there_as_fast_as_a_hazard() -> None:
    # A danger at the fault or a medical need at home: the station's shortest time (三最) to
    # be on site; the power is due back as the fault's own commitment says.
    policy = CommitmentPolicy()
    received = at(2026, 6, 20, 22, 0)
    for remote in (False, True):
        plain = deadlines_for(policy, "fault_repair", received, remote=remote)
        urgent = deadlines_for(policy, "fault_repair", received, remote=remote, urgent=True)
        hazard = deadlines_for(policy, "hazard", received, remote=remote)
        assert urgent.arrive == hazard.arrive < plain.arrive
        assert urgent.resolve == plain.resolve


def test_an_urgent_fault_keeps_its_own_arrival_where_the_station_promised_sooner() -> None:
    policy = CommitmentPolicy(arrive_rural_minutes=30, hazard_arrive_minutes=45)
    received = at(2026, 6, 20, 22, 0)
    urgent = deadlines_for(policy, "fault_repair", received, remote=False, urgent=True)
    assert urgent.arrive == received + dt.timedelta(minutes=30)


def test_an_urgent_order_of_any_category_gets_the_crew_there_as_fast_as_a_hazard() -> None:
    # A danger told in a call filed as business (a line sagging low over the lane by a street
    # lamp) or in a complaint: on site in the station's shortest time, not in a week
    # (walkthrough 33, finding 13); the rest is due as the category's commitment says.
    policy = CommitmentPolicy()
    received = at(2026, 6, 20, 22, 0)
    hazard = deadlines_for(policy, "hazard", received, remote=False)
    for category in ("business", "complaint", "consultation", "new_connection", "other"):
        plain = deadlines_for(policy, category, received, remote=False)
        urgent = deadlines_for(policy, category, received, remote=False, urgent=True)
        assert urgent.arrive == hazard.arrive, category
        assert urgent.resolve == plain.resolve, category
        assert plain.arrive is None or plain.arrive > hazard.arrive, category
