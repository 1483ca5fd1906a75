"""The outage map: its data is the station's own placed grid, with what is off and who called."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.lib.env import env_tile_url
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage, PredictedOutage, PredictionRejection
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import Call, Category
from tests.base import BaseTestCase, make_user, zh


class OutageMapTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Place A's grid on the map, except the pole; and B's one element too.
        for i, node in enumerate([cls.breaker, cls.fuse, cls.transformer]):
            node.x, node.y = 101.2 + i * 0.001, 25.5 + i * 0.001
            node.save()
        cls.unplaced = GridNode.objects.create(
            station=cls.station_a,
            feeder=cls.feeder,
            code="ZM-B02-F",
            kind=NodeKind.FUSE,
            parent=cls.breaker,
        )
        other_feeder = cls.station_b.feeders.create(code="DC", name="10kV栋川线")
        GridNode.objects.create(
            station=cls.station_b,
            feeder=other_feeder,
            code="DC-CB",
            kind=NodeKind.SOURCE,
            x=101.3,
            y=25.6,
        )

    def data(self) -> dict[str, Any]:
        response = self.client.get(reverse("outages:map_data"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/geo+json")
        return json.loads(response.content)

    def devices(self, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
        return {
            f["properties"]["code"]: f["properties"]
            for f in data["features"]
            if f["properties"]["layer"] == "device"
        }

    def test_it_gives_the_stations_placed_devices_and_lines_only(self) -> None:
        self.login(self.clerk)
        data = self.data()
        self.assertEqual(data["type"], "FeatureCollection")
        devices = self.devices(data)
        self.assertEqual(set(devices), {"ZM-CB", "ZM-B01-F", "ZM-B01-T1"})
        self.assertEqual({d["state"] for d in devices.values()}, {"live"})
        self.assertEqual(devices["ZM-B01-T1"]["customers"], 1)
        lines = [f for f in data["features"] if f["properties"]["layer"] == "line"]
        # The pole has no place: the line runs from the breaker to the fuse, then the area.
        self.assertEqual(
            [f["geometry"]["coordinates"] for f in lines],
            [[[101.2, 25.5], [101.201, 25.501], [101.202, 25.502]]],
        )

    def test_an_open_device_and_the_areas_below_it_are_marked_dark(self) -> None:
        outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        self.login(self.chief)
        data = self.data()
        devices = self.devices(data)
        self.assertEqual(devices["ZM-B01-F"]["state"], "open-declared")
        self.assertEqual(devices["ZM-B01-T1"]["state"], "dark-declared")
        self.assertEqual(devices["ZM-CB"]["state"], "live")
        self.assertEqual(devices["ZM-B01-T1"]["state_label"], "无电")
        states = [
            f["properties"]["state"] for f in data["features"] if f["properties"]["layer"] == "line"
        ]
        self.assertEqual(states, ["live", "dark-declared"])
        self.assertEqual(data["summary"]["open_devices"], 1)
        self.assertEqual(data["summary"]["dark_transformer_areas"], 1)

    def predicted_fuse(self) -> PredictedOutage:
        return PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.9,
            first_sign_at=timezone.now() - dt.timedelta(minutes=30),
            explain={"calls": 1},
        )

    def test_a_prediction_staff_rejected_is_live_on_the_map_as_off_the_board(self) -> None:
        prediction = self.predicted_fuse()
        self.login(self.chief)
        self.assertEqual(self.devices(self.data())["ZM-B01-F"]["state"], "open-predicted")
        PredictionRejection.objects.create(
            station=self.station_a,
            code=prediction.code,
            first_sign_at=prediction.first_sign_at,
            reason="巡线未见异常",
            at=timezone.now(),
        )
        data = self.data()
        self.assertEqual(self.devices(data)["ZM-B01-F"]["state"], "live")
        self.assertEqual(self.devices(data)["ZM-B01-T1"]["state"], "live")
        self.assertEqual(data["summary"]["open_devices"], 0)
        board = self.client.get(reverse("outages:board")).content.decode()
        self.assertNotIn(f"board-prediction-{prediction.pk}", board)

    def test_a_prediction_on_a_device_restored_since_is_live_on_the_map(self) -> None:
        from powerdesk.outages.services import outage_restore

        prediction = self.predicted_fuse()
        # Staff recorded and restored the fuse after the first sign; the engine not yet told.
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.login(self.chief)
        data = self.data()
        self.assertEqual(self.devices(data)["ZM-B01-F"]["state"], "live")
        self.assertEqual(self.devices(data)["ZM-B01-T1"]["state"], "live")
        board = self.client.get(reverse("outages:board")).content.decode()
        self.assertNotIn(f"board-prediction-{prediction.pk}", board)

    def test_recent_fault_calls_are_points_at_their_transformer_area(self) -> None:
        now = timezone.now()
        Call.objects.create(
            station=self.station_a,
            received_at=now - dt.timedelta(hours=1),
            customer=self.customer,
            category=Category.FAULT_REPAIR,
        )
        Call.objects.create(  # yesterday's is not a caller of now
            station=self.station_a,
            received_at=now - dt.timedelta(hours=30),
            customer=self.customer,
            category=Category.FAULT_REPAIR,
        )
        self.login(self.clerk)
        calls = [f for f in self.data()["features"] if f["properties"]["layer"] == "calls"]
        self.assertEqual(len(calls), 1)
        self.assertEqual(calls[0]["geometry"]["coordinates"], [101.202, 25.502])
        self.assertEqual(calls[0]["properties"]["count"], 1)

    def test_another_station_sees_its_own_grid_and_a_liaison_nothing(self) -> None:
        outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        self.login(self.outsider)
        data = self.data()
        self.assertEqual(set(self.devices(data)), {"DC-CB"})
        self.assertNotIn("哔叭", json.dumps(data, ensure_ascii=False))
        self.assertEqual(data["summary"]["open_devices"], 0)
        liaison = make_user("liaison", self.station_a, Role.LIAISON)
        self.login(liaison)
        self.assertEqual(self.client.get(reverse("outages:map_data")).status_code, 403)
        self.assertEqual(self.client.get(reverse("outages:map")).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(reverse("outages:map_data")).status_code, 302)

    def test_the_page_loads_our_vendored_leaflet_and_the_tile_address_when_set(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("outages:map"))
        self.assertContains(page, "vendor/leaflet/leaflet.js")
        self.assertContains(page, "outages/map.js")
        self.assertContains(page, 'data-tiles=""')
        self.assertContains(page, "停电地图")
        tiles = "https://tiles.example/{z}/{x}/{y}.png"
        with override_settings(POWERDESK_MAP_TILES=tiles):
            self.assertContains(self.client.get(reverse("outages:map")), f'data-tiles="{tiles}"')
        self.assertContains(self.client.get(reverse("outages:list")), reverse("outages:map"))


def test_a_tile_address_must_name_the_zoom_and_tile_and_be_http() -> None:
    name = "POWERDESK_MAP_TILES"
    assert env_tile_url(name, {}) == ""
    good = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert env_tile_url(name, {name: good}) == good
    with pytest.raises(ImproperlyConfigured, match=r"does not name \{y\}"):
        env_tile_url(name, {name: "https://tiles.example/{z}/{x}.png"})
    with pytest.raises(ImproperlyConfigured, match="not an http"):
        env_tile_url(name, {name: "ftp://tiles.example/{z}/{x}/{y}.png"})


class OutageMapListTests(BaseTestCase):
    """Beside the map, the board's outages in its order, each with the box to zoom to; the map
    opens on the outage the address names, or on the whole grid."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for i, node in enumerate([cls.breaker, cls.fuse, cls.transformer]):
            node.x, node.y = 101.2 + i * 0.001, 25.5 + i * 0.001
            node.save()
        # A fuse without a place and with no one below it: near its breaker, last in the order.
        cls.bare = GridNode.objects.create(
            station=cls.station_a,
            feeder=cls.feeder,
            code="ZM-B02-F",
            name="哔叭支线二号熔断器",
            kind=NodeKind.FUSE,
            parent=cls.breaker,
        )

    def declare(self, device: GridNode) -> Outage:
        return outage_declare(
            station=self.station_a, user=self.chief, device=device, kind=Outage.Kind.UNPLANNED
        )

    def entries(self, html: str) -> list[tuple[str, str]]:
        import re

        return re.findall(r'data-key="([^"]+)" data-bounds="([^"]*)"', html)

    def test_the_list_is_in_the_boards_order_with_each_outages_box(self) -> None:
        bare = self.declare(self.bare)
        fuse = self.declare(self.fuse)  # later, but an elderly person alone is out below it
        self.login(self.clerk)
        page = self.client.get(reverse("outages:map")).content.decode()
        self.assertEqual(
            self.entries(page),
            [
                (f"outage-{fuse.pk}", "[[25.501,101.201],[25.502,101.202]]"),
                (f"outage-{bare.pk}", "[[25.5,101.2],[25.5,101.2]]"),  # at its breaker
            ],
        )
        board = self.client.get(reverse("outages:board")).content.decode()
        self.assertLess(
            board.index(f"board-outage-{fuse.pk}"), board.index(f"board-outage-{bare.pk}")
        )
        self.assertIn('data-focus=""', page)  # no outage named: the whole grid
        # The list alone, as the map page polls it.
        partial = self.client.get(reverse("outages:map_list")).content.decode()
        self.assertEqual(self.entries(partial), self.entries(page))
        self.assertIn("抢修第", board)
        self.assertIn("第 1 位", partial)

    def test_the_board_links_each_outage_to_the_map_opened_on_it(self) -> None:
        outage = self.declare(self.fuse)
        self.login(self.clerk)
        board = self.client.get(reverse("outages:board")).content.decode()
        link = f"{reverse('outages:map')}?outage={outage.pk}"
        self.assertIn(f'href="{link}"', board)
        page = self.client.get(link)
        self.assertContains(page, f'data-focus="outage-{outage.pk}"')
        self.assertContains(page, 'data-focus-bounds="[[25.501,101.201],[25.502,101.202]]"')
        # By the device's code (a prediction's link): the same outage.
        page = self.client.get(reverse("outages:map"), {"device": "ZM-B01-F"})
        self.assertContains(page, f'data-focus="outage-{outage.pk}"')

    def test_an_outage_no_longer_on_the_board_opens_where_it_was_and_says_so(self) -> None:
        from powerdesk.outages.services import outage_restore

        outage = self.declare(self.fuse)
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.login(self.clerk)
        page = self.client.get(reverse("outages:map"), {"outage": outage.pk})
        self.assertContains(page, 'data-focus=""')
        self.assertContains(page, 'data-focus-bounds="[[25.501,101.201],[25.502,101.202]]"')
        self.assertContains(page, "此次停电已结束")
        self.assertContains(page, 'data-testid="map-outages-empty"')
        page = self.client.get(reverse("outages:map"), {"device": "ZM-CB"})
        self.assertContains(page, "目前未知")

    def test_a_bad_or_foreign_outage_or_device_is_refused(self) -> None:
        outage = self.declare(self.fuse)
        self.login(self.clerk)
        url = reverse("outages:map")
        self.assertEqual(self.client.get(url, {"outage": "abc"}).status_code, 400)
        self.assertEqual(self.client.get(url, {"device": "NO-SUCH"}).status_code, 404)
        self.login(self.outsider)
        self.assertEqual(self.client.get(url, {"outage": outage.pk}).status_code, 404)
        self.assertEqual(self.client.get(url, {"device": "ZM-B01-F"}).status_code, 404)
        self.assertNotIn("ZM-B01", self.client.get(reverse("outages:map_list")).content.decode())
        liaison = make_user("liaison", self.station_a, Role.LIAISON)
        self.login(liaison)
        self.assertEqual(self.client.get(reverse("outages:map_list")).status_code, 403)

    def test_the_summary_says_it_counts_the_whole_station(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("outages:map")).content.decode()
        labels = json.loads(page.split('id="map-labels" type="application/json">')[1].split("<")[0])
        self.assertEqual(
            labels["summary"],
            zh(
                "Whole station: %(recorded)s devices open in recorded outages, "
                "%(predicted)s open as the engine predicts (not recorded); %(dark)s "
                "transformer areas without power or probably so."
            ),
        )
