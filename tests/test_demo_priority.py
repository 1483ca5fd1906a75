"""The demo station has what the board's order of restoration and crew suggestion need: typed
customers (a clinic and a drinking-water pump station among them, under real transformer
areas), the walk into the village without road access, crews with bases and positions."""

from __future__ import annotations

from django.test import TestCase
from django.utils import timezone

from powerdesk.accounts.models import Crew, CrewPosition, Station
from powerdesk.community.models import Village
from powerdesk.customers.models import Customer, CustomerType
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import subtree_ids
from powerdesk.outages.board import board_rows
from powerdesk.outages.models import Outage
from tests.demo_station import TODAY, load_demo


class DemoPriorityTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY)
        cls.station = Station.objects.get(code="guanglu")

    def test_a_clinic_and_a_water_pump_station_are_under_real_transformer_areas(self) -> None:
        for kind in (CustomerType.CLINIC, CustomerType.WATER_PUMP, CustomerType.SCHOOL):
            with self.subTest(kind=kind):
                found = Customer.objects.filter(station=self.station, customer_type=kind)
                self.assertGreaterEqual(found.count(), 3)
                for customer in found:
                    area = customer.transformer
                    assert area is not None, customer
                    self.assertEqual(area.kind, NodeKind.TRANSFORMER)
                    self.assertEqual(area.station_id, self.station.pk)
                    self.assertIsNotNone(area.feeder_id)
        self.assertTrue(
            Customer.objects.filter(
                station=self.station, name="左门卫生室", customer_type=CustomerType.CLINIC
            ).exists()
        )

    def test_an_outage_on_the_bibа_fuse_puts_its_pump_station_first(self) -> None:
        fuse = GridNode.objects.get(
            station=self.station, kind=NodeKind.FUSE, line_name="哔叭支线", feeder__code="ZM"
        )
        pump = Customer.objects.get(station=self.station, name="左门哔叭人饮泵站")
        self.assertEqual(pump.customer_type, CustomerType.WATER_PUMP)
        area = pump.transformer
        assert area is not None
        self.assertIn(area.pk, subtree_ids(fuse))
        Outage.objects.create(
            station=self.station,
            device=fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=timezone.now(),
        )
        (row,) = board_rows(self.station)
        assert row.priority is not None
        self.assertIn("饮水泵站 1", row.priority.summary)
        self.assertEqual(len(row.crew_options), 3)  # every crew, the first to send first

    def test_the_village_without_road_has_its_walk_and_the_crews_their_bases(self) -> None:
        village = Village.objects.get(station=self.station, name="梅子箐")
        self.assertTrue(village.no_road_access)
        self.assertGreater(village.walk_minutes, 0)
        crews = Crew.objects.filter(station=self.station)
        self.assertTrue(all(c.base_x is not None and c.base_y is not None for c in crews))
        self.assertTrue(CrewPosition.objects.filter(crew__name="抢修二班").exists())
