"""The station's reliability summed in the database agrees with the engine's arithmetic over
the same outages, per station, feeder, village and month, with and without planned outages and
major event days (on the demo station: five years of outages and a typhoon)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.test import TestCase

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village
from powerdesk.customers.models import Customer
from powerdesk.engine.annual import annual_report
from powerdesk.engine.indices import Interruption, tally
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.outages.models import Outage
from powerdesk.reliability.major_events import major_events
from powerdesk.reliability.selectors import Variant, reliability_by_area, village_reliability
from powerdesk.reliability.weights import Basis, grid_weights
from tests.demo_station import TODAY, load_demo

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
YEAR = TODAY.year
YEAR_END = dt.datetime(YEAR + 1, 1, 1, tzinfo=TZ)  # the year over: whole-year figures


class DemoReliabilityTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY)
        cls.station = Station.objects.get(code="guanglu")

    def engine_report(self, year: int) -> dict[str, object]:
        outages = Outage.objects.for_station(self.station).exclude(
            status__in=[Outage.Status.ANNOUNCED, Outage.Status.CANCELLED]
        )
        items = [
            Interruption(o.starts_at, o.restored_at, o.customers, o.kind == Outage.Kind.PLANNED)
            for o in outages
        ]
        served = Customer.objects.for_station(self.station).count()
        return annual_report(items, customers_served=served, year=year, tz=TZ)

    def test_the_typhoon_is_a_major_event_day_against_five_years_of_history(self) -> None:
        first = Outage.objects.for_station(self.station).order_by("starts_at").first()
        assert first is not None
        self.assertEqual(first.starts_at.astimezone(TZ).year, YEAR - 5)
        med = major_events(self.station, YEAR, now=YEAR_END)
        self.assertIn(dt.date(YEAR, 7, 14), med.days)
        report = self.engine_report(YEAR)
        self.assertAlmostEqual(med.threshold or 0, report["t_med_minutes"], places=2)  # type: ignore[arg-type]
        self.assertEqual(sorted(d.isoformat() for d in med.days), report["med_days"])

    def test_the_station_figures_are_the_engine_s_over_the_same_outages(self) -> None:
        report = self.engine_report(YEAR)
        # however many outages: the grid (two), the customers by the day they were connected,
        # their count for major events, two sums, the partial restores
        with self.assertNumQueries(7):
            figures = reliability_by_area(self.station, YEAR, now=YEAR_END)
        station = figures[("station", self.station.pk)]
        for variant in (Variant.ALL, Variant.UNPLANNED, Variant.EXCLUDING_MED):
            t = station.year(variant)
            expected = report[variant.value]
            assert isinstance(expected, dict)
            self.assertAlmostEqual(t.saifi, expected["saifi"], places=3)
            self.assertAlmostEqual(t.saidi, expected["saidi"], delta=0.01)
            self.assertAlmostEqual(t.maifi_e, expected["maifi_e"], places=3)
        self.assertAlmostEqual(station.year().rs1, report["rs1"], places=3)  # type: ignore[arg-type]
        # The typhoon makes a real difference, and leaving out planned work or the major event
        # days never adds anything.
        self.assertLess(station.year(Variant.EXCLUDING_MED).saidi, station.year().saidi / 2)
        self.assertLessEqual(station.year(Variant.UNPLANNED).saidi, station.year().saidi)
        self.assertAlmostEqual(
            station.year(Variant.PLANNED).customer_minutes
            + station.year(Variant.UNPLANNED).customer_minutes,
            station.year().customer_minutes,
            places=3,
        )

    def test_feeders_and_villages_add_up_to_the_station_month_by_month(self) -> None:
        figures = reliability_by_area(self.station, YEAR, now=YEAR_END)
        station = figures[("station", self.station.pk)]
        feeders = [f for k, f in figures.items() if k[0] == "feeder"]
        self.assertEqual(len(feeders), Feeder.objects.for_station(self.station).count())
        self.assertEqual(sorted(station.months), list(range(1, 13)))
        for month in range(1, 13):
            total = station.months[month][Variant.ALL].customer_minutes
            self.assertAlmostEqual(
                sum(f.months[month][Variant.ALL].customer_minutes for f in feeders), total, places=3
            )
        july = station.months[7][Variant.ALL]
        self.assertAlmostEqual(july.period_minutes, 31 * 24 * 60)
        self.assertGreater(july.saidi, station.months[3][Variant.ALL].saidi)

    def test_medium_voltage_users_are_the_transformer_areas(self) -> None:
        weights = grid_weights(self.station)
        figures = reliability_by_area(
            self.station, YEAR, basis=Basis.MV_USERS, weights=weights, now=YEAR_END
        )
        t = figures[("station", self.station.pk)].year()
        areas = GridNode.objects.for_station(self.station).filter(kind=NodeKind.TRANSFORMER)
        self.assertEqual(t.customers_served, areas.count())
        self.assertGreater(t.saifi, 0)
        self.assertTrue(99.0 < t.rs1 < 100.0)

    def test_a_village_s_year_so_far(self) -> None:
        zuomen = Village.objects.get(name="左门")
        now = dt.datetime.combine(TODAY, dt.time(9), tzinfo=TZ)
        year = village_reliability(self.station, zuomen.pk, now=now)
        self.assertEqual(year.all.customers_served, zuomen.customers.count())
        self.assertGreater(year.all.interruptions, 0)
        self.assertLessEqual(year.excluding_med.saidi, year.all.saidi)
        self.assertTrue(0 < year.all.aihc1 < 100)

    def test_an_outage_still_on_is_never_momentary(self) -> None:
        # A feeder's breaker open 4 minutes before the report: not momentary (it has not ended),
        # not counted yet; 20 minutes on, it is a sustained interruption up to the report's time.
        feeder = Feeder.objects.for_station(self.station).order_by("pk").first()
        assert feeder is not None
        head = GridNode.objects.get(feeder=feeder, kind=NodeKind.SOURCE)
        now = dt.datetime.combine(TODAY, dt.time(9), tzinfo=TZ)
        key = ("feeder", feeder.pk)
        before = reliability_by_area(self.station, YEAR, areas=[key], now=now)[key].months[
            now.month
        ]
        Outage.objects.create(
            station=self.station,
            device=head,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=now - dt.timedelta(minutes=4),
            customers=87,
        )
        early = reliability_by_area(self.station, YEAR, areas=[key], now=now)[key].months[now.month]
        for variant in (Variant.ALL, Variant.UNPLANNED):
            self.assertEqual(early[variant].momentary_events, before[variant].momentary_events)
            self.assertEqual(early[variant].interruptions, before[variant].interruptions)
        later = now + dt.timedelta(minutes=16)
        on = reliability_by_area(self.station, YEAR, areas=[key], now=later)[key].months[now.month]
        self.assertEqual(on[Variant.ALL].momentary_events, before[Variant.ALL].momentary_events)
        self.assertEqual(on[Variant.ALL].interruptions, before[Variant.ALL].interruptions + 1)
        # the engine, given the same outage without an end, agrees
        brief = Interruption(now - dt.timedelta(minutes=4), None, 87)
        t = tally([brief], customers_served=100, period_start=now.replace(day=1), period_end=now)
        self.assertEqual((t.momentary_events, t.interruptions), (0, 0))
        t = tally([brief], customers_served=100, period_start=now.replace(day=1), period_end=later)
        self.assertEqual((t.momentary_events, t.interruptions, t.customer_minutes), (0, 1, 87 * 20))
