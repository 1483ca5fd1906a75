"""The outages pages ask the database as often for a storm's outages as for a few.

A storm replayed on the demo station put about 160 outages on the outages page, and it took one
to two seconds to draw. Each page here is asked for with 5 outages and again with 50, each of
them in a different state (a crew sent and walking the line, an estimate and a cause, part of it
back, a fault found, a place set by the chief, callers joined to it), and must send the same
queries both times: a query per outage (or per crew, caller or liaison of one) is a page that
slows down with the storm.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from powerdesk.accounts.models import Crew, Station, User
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages import board_grid, board_html
from powerdesk.outages.estimates import outage_cause_found, outage_estimate
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.life import outage_dispatch, outage_progress
from powerdesk.outages.models import FoundPlace, Outage, OutageCause, PredictedOutage
from powerdesk.outages.priority import outage_priority_set
from powerdesk.outages.restoration import outage_restore_part
from powerdesk.servicedesk.models import WorkOrder
from tests.demo_station import load_demo

HX = {"HX-Request": "true"}
PAGES = [
    ("gl_chief", "/outages/", {}),
    ("gl_dispatch", "/outages/", {}),
    ("gl_dispatch", "/outages/board/", HX),  # the partial the page polls
    ("gl_chief", "/outages/board/", {}),  # opened at its own address
    ("gl_dispatch", "/outages/map/outages/", {}),
    ("gl_dispatch", "/outages/map/", {}),
    ("gl_dispatch", "/home/", {}),  # the board's first rows
    ("gl_chief", "/home/", {}),
]


class OutagePagesQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(dt.date.today())
        cls.station = Station.objects.get(code="guanglu")
        cls.chief = User.objects.get(username="gl_chief")
        cls.crews = list(Crew.objects.filter(station=cls.station).order_by("pk"))
        # Fuses with households below them in two transformer areas or more (a partial restore
        # leaves one of them open).
        children: dict[int, list[GridNode]] = {}
        for node in GridNode.objects.filter(station=cls.station):
            children.setdefault(node.parent_id or 0, []).append(node)
        peopled = set(
            Customer.objects.filter(station=cls.station).values_list("transformer_id", flat=True)
        )

        def areas_below(node: GridNode) -> list[GridNode]:
            found, stack = [], list(children.get(node.pk, ()))
            while stack:
                below = stack.pop()
                if below.kind == NodeKind.TRANSFORMER and below.pk in peopled:
                    found.append(below)
                stack.extend(children.get(below.pk, ()))
            return found

        cls.fuses = []
        for fuse in GridNode.objects.filter(station=cls.station, kind=NodeKind.FUSE).order_by(
            "code"
        ):
            areas = areas_below(fuse)
            if len(areas) >= 2:
                cls.fuses.append((fuse, areas[0]))

    def setUp(self) -> None:
        board_grid.forget()
        board_html.forget()

    def storm(self, first: int, last: int, *, hazards: bool = False) -> None:
        """Outages on fuses ``first``-``last``, each in one of the states a storm's are in,
        with a caller joined, and a prediction beside every other one; with ``hazards``, a line
        down reported in the area of each (a household's, and a passer-by's at its group)."""
        now = timezone.now()
        for index, (fuse, area) in enumerate(self.fuses[first:last], start=first):
            outage = Outage.objects.create(
                station=self.station,
                device=fuse,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.ACTIVE,
                starts_at=now - dt.timedelta(minutes=30 + index),
                cause="storm",
            )
            customer = Customer.objects.filter(transformer=area).first()
            if hazards and customer is not None:
                for number, place in (
                    (f"HZ-{index}", {"customer": customer}),
                    (
                        f"HZ-{index}-g",
                        {"village_id": customer.village_id, "group_id": customer.group_id},
                    ),
                ):
                    WorkOrder.objects.create(
                        station=self.station,
                        number=number,
                        category="hazard",
                        urgent=True,
                        summary="电线断了掉在路上",
                        status="received",
                        created_at=now - dt.timedelta(minutes=index),
                        **place,
                    )
            if customer is not None:
                WorkOrder.objects.create(
                    station=self.station,
                    number=f"QT-{index}",
                    customer=customer,
                    category="fault_repair",
                    summary="家里停电了",
                    status="received",
                    created_at=now - dt.timedelta(minutes=index),
                    crew=self.crews[index % len(self.crews)],
                )
                outage_join_open_orders(outage=outage)
            state = index % 5
            if state == 0:
                outage_dispatch(outage=outage, crew=self.crews[index % 3], user=self.chief)
                outage_progress(outage=outage, user=self.chief, what="patrolling", note="沿线")
            elif state == 1:
                outage_estimate(
                    outage=outage, user=self.chief, expected_restore_at=now + dt.timedelta(hours=3)
                )
                outage_cause_found(outage=outage, user=self.chief, cause=OutageCause.TREE)
            elif state == 2:
                outage_restore_part(outage=outage, user=self.chief, still_open=[area])
            elif state == 3:
                FoundPlace.objects.create(
                    outage=outage,
                    place=f"node-{area.pk}",
                    device=area,
                    cause=OutageCause.LIGHTNING,
                    found_at=now,
                    found_by=self.chief,
                    note="雷击",
                )
            else:
                outage_priority_set(
                    station=self.station,
                    user=self.chief,
                    outage=outage,
                    position=1 + index % 9,
                    reason="医院",
                )
            if index % 2:
                PredictedOutage.objects.create(
                    station=self.station,
                    code=area.code,
                    device=area,
                    status=PredictedOutage.Status.PREDICTED,
                    customers=3,
                    confidence=0.7,
                    first_sign_at=now - dt.timedelta(minutes=index),
                    explain={"calls": 2, "meter_off": 1, "reporting_meters": 2},
                    rank=index,
                )

    def queries(self, username: str, path: str, headers: dict[str, str]) -> list[str]:
        self.client.force_login(User.objects.get(username=username))
        self.assertEqual(self.client.get(path, headers=headers).status_code, 200)  # (warm)
        # Every row drawn anew, as when the storm moved on since the last refresh (a kept row's
        # HTML would hide what drawing it asks).
        board_html.forget()
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(path, headers=headers)
        self.assertEqual(response.status_code, 200, path)
        return [q["sql"] for q in captured.captured_queries]

    def test_the_outages_pages_ask_as_often_for_50_outages_as_for_5(self) -> None:
        self.five_then_fifty(hazards=False)

    def test_with_a_line_down_in_each_outage_s_area_too(self) -> None:
        # The hazards in each outage's area (``outages.hazards``): one query for every row.
        self.five_then_fifty(hazards=True)
        self.client.force_login(User.objects.get(username="gl_dispatch"))
        page = self.client.get("/outages/board/", headers=HX).content.decode()
        self.assertGreaterEqual(page.count('data-testid="hazard-outage-'), 50)

    def five_then_fifty(self, *, hazards: bool) -> None:
        self.assertGreaterEqual(len(self.fuses), 50)
        Outage.objects.filter(station=self.station, status=Outage.Status.ACTIVE).update(
            status=Outage.Status.RESTORED, restored_at=timezone.now()
        )
        # The station's earlier orders opened long before this storm: with fifty outages the
        # storm reaches further back, and an order of the fixture's from an hour ago would be
        # one more "separate order" to look up (a count that hung on the clock).
        WorkOrder.objects.filter(station=self.station, outage_links=None).update(
            created_at=timezone.now() - dt.timedelta(days=2)
        )
        self.storm(0, 5, hazards=hazards)
        few = [self.queries(*page) for page in PAGES]
        self.storm(5, 50, hazards=hazards)
        self.assertEqual(
            Outage.objects.filter(station=self.station, status=Outage.Status.ACTIVE).count(), 50
        )
        for page, before in zip(PAGES, few, strict=True):
            with self.subTest(page[:2]):
                many = self.queries(*page)
                self.assertEqual(
                    len(many),
                    len(before),
                    "queries that came with more outages:\n"
                    + "\n".join(sorted({q[:200] for q in many} - {q[:200] for q in before})),
                )
