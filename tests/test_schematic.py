"""The feeder's single-line diagram: every device drawn, what is off coloured, callers marked."""

from __future__ import annotations

import datetime as dt
import doctest
import re
import time

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role, Station, User
from powerdesk.network import schematic
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.network.schematic import layout
from powerdesk.network.selectors import FeederTree, subtree_ids
from powerdesk.outages import selectors
from powerdesk.outages.models import Outage
from powerdesk.outages.selectors import open_devices, section_states
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.servicedesk.models import Call, Category
from tests.base import BaseTestCase, make_user
from tests.demo_station import load_demo


def _marks(svg: str) -> dict[str, str]:
    """Each drawn element's code → its state, as the SVG says."""
    return dict(re.findall(r'data-code="([^"]+)" data-kind="[^"]+" data-state="([^"]+)"', svg))


class SchematicOnTheDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()
        cls.station = Station.objects.get(code="guanglu")
        cls.chief = User.objects.get(username="gl_chief")
        # The feeder with the most transformer areas: the hardest to draw.
        cls.feeder = max(
            Feeder.objects.filter(station=cls.station),
            key=lambda f: f.nodes.filter(kind=NodeKind.TRANSFORMER).count(),
        )

    def schematic(self) -> str:
        self.client.force_login(self.chief)
        response = self.client.get(reverse("network:schematic", args=[self.feeder.pk]))
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_it_draws_every_device_and_transformer_area_of_the_biggest_feeder_and_no_pole(
        self,
    ) -> None:
        started = time.perf_counter()
        marks = _marks(self.schematic())
        took = time.perf_counter() - started
        shown = set(
            self.feeder.nodes.exclude(kind__in=[NodeKind.POLE, NodeKind.NODE]).values_list(
                "code", flat=True
            )
        )
        self.assertGreater(
            self.feeder.nodes.filter(kind=NodeKind.TRANSFORMER).count(), 60, "a big feeder"
        )
        self.assertEqual(set(marks), shown)
        self.assertEqual(set(marks.values()), {"live"})
        self.assertLess(took, 2.0, "the page is drawn at once")

    def test_the_page_and_the_map_data_ask_a_few_queries_however_big_the_grid(self) -> None:
        self.client.force_login(self.chief)
        url = reverse("network:schematic", args=[self.feeder.pk])
        with CaptureQueriesContext(connection) as page:
            self.client.get(url)
        with CaptureQueriesContext(connection) as data:
            self.client.get(reverse("outages:map_data"))
        feeders = Feeder.objects.filter(station=self.station).count()
        # 11 and 8 + one a feeder when set (open devices read the declared outages and the live
        # engine's picture): a query a row would be thousands.
        # (+3 for the crews on the map: crews, their positions, their jobs; +1 partial restores)
        self.assertLessEqual(len(page), 17, [q["sql"][:120] for q in page])
        self.assertLessEqual(len(data), 13 + feeders, [q["sql"][:120] for q in data])

    def test_no_two_elements_share_a_place_and_the_drawing_stays_readable(self) -> None:
        placed = layout(FeederTree.load(self.feeder))
        spots = [(p.col, p.row) for p in placed.placed.values()]
        self.assertEqual(len(spots), len(set(spots)))
        transformers = self.feeder.nodes.filter(kind=NodeKind.TRANSFORMER).count()
        # Transformer areas share rows on their device's line: far fewer rows than areas.
        self.assertLess(placed.rows, transformers)
        self.assertLess(placed.cols, 12)

    def test_an_open_fuse_and_everything_below_it_are_coloured_and_the_rest_is_not(self) -> None:
        fuse = GridNode.objects.get(station=self.station, name="哔叭支线02号杆跌落式熔断器")
        self.feeder = fuse.feeder
        outage = outage_declare(
            station=self.station, user=self.chief, device=fuse, kind=Outage.Kind.UNPLANNED
        )
        below = set(
            GridNode.objects.filter(pk__in=subtree_ids(fuse))
            .exclude(kind__in=[NodeKind.POLE, NodeKind.NODE])
            .exclude(pk=fuse.pk)
            .values_list("code", flat=True)
        )
        self.assertTrue(any(code.endswith("-T1") for code in below))

        marks = _marks(self.schematic())
        self.assertEqual(marks[fuse.code], "open-declared")
        self.assertEqual({marks[code] for code in below}, {"dark-declared"})
        others = set(marks) - below - {fuse.code}
        self.assertEqual({marks[code] for code in others}, {"live"})

        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(set(_marks(self.schematic()).values()), {"live"})

    def test_the_counts_say_they_are_the_feeders_and_the_other_feeders_say_theirs(self) -> None:
        fuse = GridNode.objects.get(station=self.station, name="哔叭支线02号杆跌落式熔断器")
        outage_declare(
            station=self.station, user=self.chief, device=fuse, kind=Outage.Kind.UNPLANNED
        )
        self.feeder = fuse.feeder
        page = self.schematic()
        summary = page.split('data-testid="schematic-summary"')[1].split("</p>")[0]
        # Said once, before the counts: they are this feeder's (the map's are the station's).
        label, counts = summary.split("</strong>")
        self.assertIn(f"本线路（{fuse.feeder.name}）：", label)
        self.assertIn("1台设备断开", counts)
        self.assertNotIn("open-elsewhere", summary)
        self.assertIn("停电地图（全所）", page)
        # Another feeder: nothing open on it, and the device open elsewhere is named as such.
        self.feeder = Feeder.objects.filter(station=self.station).exclude(pk=fuse.feeder_id)[0]
        page = self.schematic()
        summary = page.split('data-testid="schematic-summary"')[1].split("</p>")[0]
        self.assertIn("本线路所有设备均在合位", summary)
        self.assertIn("本所其他线路还有1台设备断开", summary)
        button = page.split(f'data-testid="feeder-{fuse.feeder_id}"')[1].split("</a>")[0]
        self.assertIn("1台断开", button)

    def test_a_transformer_area_with_a_fault_call_today_is_marked_with_its_callers(self) -> None:
        fuse = GridNode.objects.get(station=self.station, name="哔叭支线02号杆跌落式熔断器")
        self.feeder = fuse.feeder
        area = GridNode.objects.filter(
            pk__in=subtree_ids(fuse), kind=NodeKind.TRANSFORMER, customers__isnull=False
        ).first()
        assert area is not None
        customers = list(area.customers.all()[:2])
        now = timezone.now()
        for customer in customers:
            Call.objects.create(
                station=self.station,
                received_at=now - dt.timedelta(minutes=20),
                customer=customer,
                category=Category.FAULT_REPAIR,
                text="家里没电了",
            )
        Call.objects.create(  # the same customer again: still one caller
            station=self.station,
            received_at=now - dt.timedelta(minutes=5),
            customer=customers[0],
            category=Category.FAULT_REPAIR,
        )
        svg = self.schematic()
        found = re.search(rf'data-code="{area.code}"[^>]*data-callers=(\d+)', svg)
        assert found is not None, "the area is marked"
        self.assertEqual(int(found.group(1)), len(customers))


class SectionStateTests(BaseTestCase):
    def test_a_prediction_below_a_recorded_outage_does_not_weaken_it(self) -> None:
        children = {None: [1], 1: [2], 2: [3], 3: [4]}
        states = section_states(children, {1: "declared", 3: "predicted"})
        self.assertEqual(states, {1: "declared", 2: "declared", 3: "declared", 4: "declared"})

    def test_only_outages_in_force_open_a_device(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        later = timezone.now() + dt.timedelta(days=10)
        outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.breaker,
            kind=Outage.Kind.PLANNED,
            cause="更换绝缘子",
            starts_at=later,
            expected_restore_at=later + dt.timedelta(hours=4),
        )
        self.assertEqual(open_devices(self.station_a), {self.fuse.pk: "declared"})
        self.assertEqual(open_devices(self.station_b), {})
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(open_devices(self.station_a), {})


class SchematicAccessTests(BaseTestCase):
    def test_staff_of_the_station_see_it_from_the_feeder_page(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("network:feeder", args=[self.feeder.pk]))
        url = reverse("network:schematic", args=[self.feeder.pk])
        self.assertContains(page, url)
        self.assertContains(self.client.get(url), 'data-code="ZM-B01-F"')

    def test_another_station_gets_404_and_a_liaison_403(self) -> None:
        url = reverse("network:schematic", args=[self.feeder.pk])
        self.login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 404)
        liaison = make_user("liaison", self.station_a, Role.LIAISON)
        self.login(liaison)
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_the_device_page_lists_its_outages(self) -> None:
        outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            cause="雷击",
        )
        self.login(self.clerk)
        page = self.client.get(reverse("network:node", args=[self.fuse.pk]))
        self.assertContains(page, "雷击")
        self.assertContains(page, reverse("network:schematic", args=[self.feeder.pk]))


def test_the_layout_and_section_examples_in_their_docstrings_hold() -> None:
    for module in (schematic, selectors):
        failures, tried = doctest.testmod(module)
        assert (failures, tried > 0) == (0, True), module.__name__


class SchematicHeightTests(BaseTestCase):
    def test_the_diagram_uses_the_pages_height_and_has_a_full_screen_button(self) -> None:
        import re

        from django.contrib.staticfiles import finders

        self.login(self.clerk)
        page = self.client.get(reverse("network:schematic", args=[self.feeder.pk]))
        self.assertContains(page, 'data-fullscreen="schematic"')
        self.assertContains(page, "全屏")
        self.assertContains(page, "network/schematic.js")
        self.assertContains(page, 'id="schematic"')
        css_path = finders.find("web/powerdesk.css")
        assert isinstance(css_path, str)
        with open(css_path, encoding="utf-8") as css:
            rule = re.search(r"\.schematic-wrap \{([^}]*)\}", css.read())
        assert rule is not None
        # No inner box shorter than the diagram: a branch below it would be out of sight.
        self.assertNotIn("max-height", rule.group(1))
        self.assertNotIn("overflow: auto", rule.group(1))
        self.assertIsNotNone(finders.find("network/schematic.js"))
