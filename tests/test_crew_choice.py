"""Which crew to send: the travel time from where the crew is (or its base) by road, with the
walk into a village without road access, and its workload; one tap sends the suggestion."""

from __future__ import annotations

import datetime as dt
import doctest

import time_machine
from hypothesis import given
from hypothesis import strategies as st

from powerdesk.accounts.models import Crew
from powerdesk.outages import crew_choice
from powerdesk.outages.crew_choice import (
    Setout,
    Workload,
    crew_options,
    haversine_km,
    travel_minutes,
)
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import work_order_dispatch
from tests.base import BaseTestCase
from tests.crew_choice_cast import TARGET, job_sent

# A crew's base 0.1° of latitude north of TARGET: 11.12 km as the crow flies.
NORTH = (101.2, 25.6)


def crew(name: str, pk: int) -> Crew:
    return Crew(pk=pk, name=name)


def test_the_docstring_examples_hold() -> None:
    failures, _tried = doctest.testmod(crew_choice)
    assert failures == 0


def test_distance_and_travel_time() -> None:
    assert round(haversine_km((101.2, 25.0), (101.2, 26.0)), 1) == 111.2  # a degree of latitude
    assert haversine_km(TARGET, TARGET) == 0.0
    # 18 km as the crow flies, × 1.4 on mountain roads, at 30 km/h: 50.4 minutes; + the walk.
    assert travel_minutes(18, road_factor=1.4, speed_kmh=30, walk_minutes=0) == 50.4
    assert travel_minutes(18, road_factor=1.4, speed_kmh=30, walk_minutes=80) == 130.4


def test_the_walk_is_added_and_the_reason_says_so() -> None:
    (option,) = crew_options(
        [(crew("抢修一班", 1), Setout(NORTH, "base"), Workload())],
        TARGET,
        walk_minutes=80,
        road_factor=1.4,
        speed_kmh=30,
    )
    assert option.km is not None and round(option.km, 2) == 11.12
    assert option.minutes == round(option.km * 1.4 / 30 * 60 + 80, 1)
    assert option.reason == "路程约 111 分钟（在驻点，11 km，含步行 80 分钟），空闲"


def test_a_position_s_time_is_shown_in_the_station_s_time_not_utc() -> None:
    # 23:30 UTC is 07:30 the next morning at the station (Asia/Shanghai).
    at = dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC)
    (option,) = crew_options(
        [(crew("抢修一班", 1), Setout(NORTH, "position", at), Workload())],
        TARGET,
        road_factor=1.4,
        speed_kmh=30,
    )
    assert "07:30 的位置" in option.travel
    assert "23:30" not in option.reason


def test_a_free_crew_farther_away_may_come_before_a_busy_one_nearby() -> None:
    near_busy = (crew("抢修一班", 1), Setout((101.2, 25.52), "base"), Workload(open_jobs=2))
    far_free = (crew("抢修二班", 2), Setout(NORTH, "base"), Workload())
    options = crew_options([near_busy, far_free], TARGET, road_factor=1.4, speed_kmh=30)
    # 2.2 km and two jobs (6 + 60 min) against 11 km and nothing in hand (31 min).
    assert [o.crew.name for o in options] == ["抢修二班", "抢修一班"]
    # The minutes shown are those it is ranked by: the travel, then what its jobs add.
    busy = options[1]
    assert busy.travel == "路程约 6 分钟（在驻点，2.2 km）"
    assert busy.busy == "手上 2 个工单（排序加 60 分钟）"
    assert busy.ranked_by == f"共约 {round(busy.cost)} 分钟" == "共约 66 分钟"
    assert (
        busy.reason
        == "路程约 6 分钟（在驻点，2.2 km），手上 2 个工单（排序加 60 分钟），共约 66 分钟"
    )
    assert options[0].ranked_by == ""  # free: its travel is what it is ranked by
    assert round(options[0].cost) < round(busy.cost)


def test_a_crew_whose_whereabouts_are_unknown_comes_last() -> None:
    nowhere = (crew("抢修一班", 1), None, Workload())
    far = (crew("抢修二班", 2), Setout(NORTH, "base"), Workload(outages=1, hours_on_duty=6))
    options = crew_options([nowhere, far], TARGET, road_factor=1.4, speed_kmh=30)
    assert [o.crew.name for o in options] == ["抢修二班", "抢修一班"]
    assert "已派往 1 起停电，今天已出工 6.0 小时（排序加 75 分钟）" in options[0].reason
    assert options[1].reason == "位置未知（无定位也无驻点），空闲"
    # Without a place for the device, only the workload counts.
    options = crew_options([nowhere, far], None, road_factor=1.4, speed_kmh=30)
    assert [o.crew.name for o in options] == ["抢修一班", "抢修二班"]


points = st.tuples(
    st.floats(min_value=100.5, max_value=101.5), st.floats(min_value=25.0, max_value=26.0)
)
workloads = st.builds(
    Workload,
    st.integers(min_value=0, max_value=6),
    st.integers(min_value=0, max_value=3),
    st.floats(min_value=0, max_value=14),
)


@given(
    target=points,
    a=points,
    b=points,
    busy=workloads,
    less=st.tuples(st.integers(0, 6), st.integers(0, 3), st.floats(0, 14)),
    walk=st.integers(min_value=0, max_value=180),
    factor=st.floats(min_value=1.0, max_value=5.0),
    speed=st.integers(min_value=5, max_value=120),
)
def test_a_closer_crew_with_no_more_work_never_ranks_below(
    target: tuple[float, float],
    a: tuple[float, float],
    b: tuple[float, float],
    busy: Workload,
    less: tuple[int, int, float],
    walk: int,
    factor: float,
    speed: int,
) -> None:
    if haversine_km(a, target) > haversine_km(b, target):
        a, b = b, a
    idle = Workload(
        min(less[0], busy.open_jobs),
        min(less[1], busy.outages),
        min(less[2], busy.hours_on_duty),
    )
    closer = (crew("closer", 1), Setout(a, "base"), idle)
    farther = (crew("farther", 2), Setout(b, "position", None), busy)
    for given_order in ([closer, farther], [farther, closer]):
        options = crew_options(
            given_order, target, walk_minutes=walk, road_factor=factor, speed_kmh=speed
        )
        names = [o.crew.name for o in options]
        if names[0] != "closer":
            # Only a tie in every respect puts the other first (then the name decides).
            first, second = options
            assert (first.cost, first.workload.minutes, first.minutes) == (
                second.cost,
                second.workload.minutes,
                second.minutes,
            )


@given(points, points, st.floats(min_value=0, max_value=1000))
def test_distance_is_symmetric_and_travel_time_grows_with_it(
    a: tuple[float, float], b: tuple[float, float], extra: float
) -> None:
    km = haversine_km(a, b)
    assert abs(km - haversine_km(b, a)) < 1e-9
    assert travel_minutes(km, road_factor=1.4, speed_kmh=30, walk_minutes=0) <= travel_minutes(
        km + extra, road_factor=1.4, speed_kmh=30, walk_minutes=0
    )


class HoursOutTodayTests(BaseTestCase):
    """ "Out on jobs X h today": the time out on jobs, each hour once, within today."""

    def job(self, went: dt.datetime, resolved: dt.datetime | None = None) -> None:
        order = job_sent(self, self.crew, went=went)
        if resolved is not None:
            WorkOrder.objects.filter(pk=order.pk).update(status="resolved", resolved_at=resolved)

    def test_a_job_at_two_and_two_overlapping_tonight_are_not_twenty_one_hours(self) -> None:
        import zoneinfo

        from powerdesk.outages.crew_workload import hours_out as _hours_out

        zone = zoneinfo.ZoneInfo("Asia/Shanghai")
        now = dt.datetime(2026, 7, 1, 23, 18, tzinfo=zone)
        midnight = dt.datetime(2026, 7, 1, tzinfo=zone)
        self.job(
            dt.datetime(2026, 7, 1, 2, 0, tzinfo=zone), dt.datetime(2026, 7, 1, 2, 30, tzinfo=zone)
        )
        self.job(dt.datetime(2026, 7, 1, 22, 0, tzinfo=zone))  # still open
        self.job(dt.datetime(2026, 7, 1, 22, 30, tzinfo=zone))  # the same storm, at once
        self.job(
            dt.datetime(2026, 6, 29, 9, 0, tzinfo=zone),
            dt.datetime(2026, 6, 29, 12, 0, tzinfo=zone),
        )
        with time_machine.travel(now, tick=False):
            hours = _hours_out(self.station_a, since=midnight, now=now)[self.crew.pk]
        # 02:00-02:30 and 22:00-23:18 (the job at 22:30 overlaps it): 0.5 + 1.3 hours.
        self.assertAlmostEqual(hours, 1.8, places=2)

    def test_a_reopened_order_counts_from_its_present_visit_not_the_one_before(self) -> None:
        # Out 08:00-09:00 and resolved; "still not fixed" at 14:00, out again from 15:00: at
        # 16:00 the crew has been out an hour on this visit, not eight since the first.
        import zoneinfo

        from powerdesk.outages.crew_workload import hours_out as _hours_out
        from powerdesk.servicedesk.order_again import work_order_reopen

        zone = zoneinfo.ZoneInfo("Asia/Shanghai")
        midnight = dt.datetime(2026, 7, 1, tzinfo=zone)
        self.job(
            dt.datetime(2026, 7, 1, 8, 0, tzinfo=zone), dt.datetime(2026, 7, 1, 9, 0, tzinfo=zone)
        )
        order = WorkOrder.objects.get()
        with time_machine.travel(dt.datetime(2026, 7, 1, 14, 0, tzinfo=zone), tick=False):
            work_order_reopen(work_order=order, reason="还是没电", user=self.chief)
            work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        WorkOrderEvent.objects.create(
            work_order=order,
            at=dt.datetime(2026, 7, 1, 15, 0, tzinfo=zone),
            kind=WorkOrderEvent.Kind.STATUS,
            from_status="dispatched",
            to_status="on_the_way",
        )
        now = dt.datetime(2026, 7, 1, 16, 0, tzinfo=zone)
        with time_machine.travel(now, tick=False):
            hours = _hours_out(self.station_a, since=midnight, now=now)[self.crew.pk]
        self.assertAlmostEqual(hours, 1.0, places=2)


def test_where_no_road_reaches_the_last_stretch_is_walked_and_said() -> None:
    # 0.6 km from the base, in a village marked "no road access" whose walk is not recorded:
    # not two minutes by car but the way on foot (0.6 × 1.4 km at 4 km/h).
    near = (TARGET[0], TARGET[1] + 0.6 / 111.19)
    (driven,) = crew_options(
        [(crew("抢修一班", 1), Setout(near, "base"), Workload())],
        TARGET,
        road_factor=1.4,
        speed_kmh=30,
    )
    (walked,) = crew_options(
        [(crew("抢修一班", 1), Setout(near, "base"), Workload())],
        TARGET,
        walk_in=True,
        road_factor=1.4,
        speed_kmh=30,
    )
    assert driven.minutes is not None and driven.minutes < 2
    assert walked.minutes == walked.walk_minutes == 12.6
    assert (
        walked.reason
        == "路程约 13 分钟（在驻点，0.6 km，不通车：需步行进入，含步行 13 分钟），空闲"
    )


def test_far_away_only_the_last_stretch_is_walked() -> None:
    (option,) = crew_options(
        [(crew("抢修一班", 1), Setout(NORTH, "base"), Workload())],
        TARGET,
        walk_in=True,
        road_factor=1.4,
        speed_kmh=30,
    )
    assert option.km is not None
    # 2 km on foot (30 min), the rest of the 11.12 × 1.4 km by road at 30 km/h.
    assert option.walk_minutes == 30.0
    assert option.minutes == round((option.km * 1.4 - 2) / 30 * 60 + 30, 1)
