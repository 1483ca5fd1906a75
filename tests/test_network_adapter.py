"""The station's grid tables become the engine's network."""

from __future__ import annotations

from powerdesk.engine.inference import OutageInference
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.outages.network_adapter import station_network
from tests.base import BaseTestCase


class StationNetworkTests(BaseTestCase):
    def test_the_grid_and_its_customers_form_one_radial_network(self) -> None:
        net = station_network(self.station_a)
        self.assertEqual(net.customer_count, 1)
        fuse = net.index["ZM-B01-F"]
        self.assertEqual(net.customers_below(fuse), 1)
        self.assertEqual(net.kind_name(net.index["ZM-B01-P02"]), "node")
        self.assertTrue(bool(net.lightning_zone[fuse]))

    def test_another_station_s_grid_is_not_included(self) -> None:
        feeder = Feeder.objects.create(station=self.station_b, code="DC", name="10kV栋川线")
        GridNode.objects.create(
            station=self.station_b, feeder=feeder, code="DC-CB", kind=NodeKind.SOURCE
        )
        self.assertNotIn("DC-CB", station_network(self.station_a).index)
        self.assertEqual(station_network(self.station_b).ids, ["DC-CB"])

    def test_the_engine_finds_an_outage_on_the_station_s_grid(self) -> None:
        engine = OutageInference(station_network(self.station_a))
        engine.ingest(0.0, "confirm_open", "ZM-B01-F")
        engine.ingest(60.0, "call", "53250000001")
        (outage,) = engine.picture(120.0).outages
        self.assertEqual(
            (outage.device, outage.status, outage.customers), ("ZM-B01-F", "confirmed", 1)
        )
