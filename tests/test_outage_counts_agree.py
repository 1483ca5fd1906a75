"""The board, the map and the home page count what is off one way and say it in the same words
(walkthrough: households alone were outages on the board and the home page but not on the map,
and the board's "N户报修" was the engine's calls while the map's was 24 hours of callers)."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage, PredictedOutage
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase, make_user

HX = {"HX-Request": "true"}


class OutageCountsAgreeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.dispatcher = make_user("dispatcher", cls.station_a, Role.DISPATCHER)
        now = timezone.now()

        def node(code: str, kind: str, parent: GridNode) -> GridNode:
            return GridNode.objects.create(
                station=cls.station_a, feeder=cls.feeder, code=code, kind=kind, parent=parent
            )

        fuse2 = node("ZM-B02-F", NodeKind.FUSE, cls.breaker)
        area2 = node("ZM-B02-T1", NodeKind.TRANSFORMER, fuse2)
        area3 = node("ZM-B03-T1", NodeKind.TRANSFORMER, cls.breaker)
        people = [
            Customer.objects.create(
                station=cls.station_a,
                account_number=f"5325000010{i}",
                name=f"三角{i}号",
                village=cls.village,
                transformer=area2,
            )
            for i in range(3)
        ]
        alone = Customer.objects.create(
            station=cls.station_a,
            account_number="53250000200",
            name="地索1号",
            village=cls.village,
            transformer=area3,
        )
        # Recorded: the fuse at pole 02 (one household). Predicted: the second fuse (three), and
        # one household alone on the engine's list (its own service).
        Outage.objects.create(
            station=cls.station_a,
            device=cls.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=now - dt.timedelta(minutes=40),
        )
        common = {
            "station": cls.station_a,
            "status": PredictedOutage.Status.PREDICTED,
            "confidence": 0.9,
            "first_sign_at": now - dt.timedelta(minutes=30),
        }
        cls.fuse2_out = PredictedOutage.objects.create(
            code=fuse2.code, device=fuse2, customers=3, explain={"calls": 1}, **common
        )
        cls.alone_out = PredictedOutage.objects.create(
            code=alone.account_number, customer=alone, customers=1, explain={"calls": 1}, **common
        )
        # Two households under the second fuse and the one alone reported a fault today; one
        # more the day before yesterday (not within 24 hours).
        for number, who, ago in [
            ("GD-1", people[0], 20),
            ("GD-2", people[1], 10),
            ("GD-3", alone, 15),
            ("GD-4", people[2], 60 * 50),
        ]:
            WorkOrder.objects.create(
                station=cls.station_a,
                number=number,
                category="fault_repair",
                summary="停电",
                customer=who,
                status="received",
                created_at=now - dt.timedelta(minutes=ago),
            )

    def summary(self, html: str, testid: str) -> dict[str, str]:
        part = html.split(f'data-testid="{testid}"', 1)[1].split("</p>", 1)[0]
        return dict(re.findall(r'data-count="([\w-]+)">([^<]*)<', part))

    def callers(self, html: str) -> dict[str, str]:
        return dict(re.findall(r'data-callers="([\w-]+)"[^>]*>([^<]*)<', html))

    def test_the_board_the_map_and_the_home_page_agree(self) -> None:
        self.login(self.dispatcher)
        board = self.client.get(reverse("outages:board"), headers=HX).content.decode()
        map_list = self.client.get(reverse("outages:map_list")).content.decode()
        dispatcher_home = self.client.get(reverse("web:home")).content.decode()
        self.login(self.chief)
        chief_home = self.client.get(reverse("web:home")).content.decode()

        on_board = self.summary(board, "board-summary")
        # 5 households out (1 + 3 + the one alone); 2 outages (1 recorded); 1 household alone
        self.assertEqual(
            [re.findall(r"\d+", on_board[k]) for k in ("households-out", "outages", "singles")],
            [["5"], ["2", "1"], ["1"]],
        )
        self.assertEqual(self.summary(map_list, "map-summary"), on_board)
        self.assertEqual(self.summary(dispatcher_home, "board-summary"), on_board)
        self.assertEqual(self.summary(chief_home, "outages-summary"), on_board)

        # Callers: households below each that reported a fault in 24 hours, in the same words.
        fuse2, alone = f"prediction-{self.fuse2_out.pk}", f"prediction-{self.alone_out.pk}"
        on_board_callers = self.callers(board)
        # (the label names the 24 hours: the other number is the households')
        self.assertEqual(set(re.findall(r"\d+", on_board_callers[fuse2])) - {"24"}, {"2"})
        self.assertEqual(set(re.findall(r"\d+", on_board_callers[alone])) - {"24"}, {"1"})
        self.assertEqual(self.callers(map_list)[fuse2], on_board_callers[fuse2])
        self.assertEqual(self.callers(chief_home)[fuse2], on_board_callers[fuse2])
        self.assertEqual(self.callers(chief_home)[alone], on_board_callers[alone])
