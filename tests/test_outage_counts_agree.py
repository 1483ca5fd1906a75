"""The board, the map and the home page count what is off one way and say it in the same words
(walkthrough: households alone were outages on the board and the home page but not on the map,
and the board's "N户报修" was the engine's calls while the map's was 24 hours of callers).

A storm's walkthrough then found three caller figures for one outage (the row's 24 hours, the
engine's evidence "2281 户中 652 户报修", the map's whole station in 24 hours) and "已确认" on a
recorded outage beside "信号已确认，待登记" on one nobody recorded, with the map's "32台设备断开"
adding 31 predictions to one record: one caller figure now (the households out that reported a
fault since the outage's first sign), and three words — predicted and not recorded, recorded,
confirmed on site by a crew — counted apart."""

from __future__ import annotations

import datetime as dt
import re

from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from powerdesk.accounts.models import Role
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.board_counts import BoardCounts
from powerdesk.outages.models import Outage, OutageEvent, PredictedOutage
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase, make_user

HX = {"HX-Request": "true"}


def words(msgid: str) -> str:
    """A string as the pages say it (Chinese)."""
    with translation.override("zh-hans"):
        return gettext(msgid)


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
        cls.recorded = Outage.objects.create(
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
            code=fuse2.code,
            device=fuse2,
            customers=3,
            # The engine's tally: one customer whose last word was a call (the other caller's
            # meter sent power-off after), two reporting meters of which one sent power-off.
            explain={"calls": 1, "meter_off": 1, "reporting_meters": 2},
            **common,
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
        # The third household under the second fuse also called two hours ago, about something
        # before this outage's first sign (30 minutes ago): within 24 hours, not this outage's.
        Call.objects.create(
            station=cls.station_a,
            customer=people[2],
            category="fault_repair",
            text="电压低",
            received_at=now - dt.timedelta(hours=2),
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
        # 5 households out (1 + 3 + the one alone); 1 outage recorded (none confirmed on site),
        # 1 predicted and not recorded; 1 household alone
        self.assertEqual(
            [
                re.findall(r"\d+", on_board[k])
                for k in ("households-out", "recorded", "predicted", "singles")
            ],
            [["5"], ["1"], ["1"], ["1"]],
        )
        self.assertEqual(self.summary(map_list, "map-summary"), on_board)
        self.assertEqual(self.summary(dispatcher_home, "board-summary"), on_board)
        self.assertEqual(self.summary(chief_home, "outages-summary"), on_board)

        # Callers: households out below each that reported a fault since its first sign, in the
        # same words.
        fuse2, alone = f"prediction-{self.fuse2_out.pk}", f"prediction-{self.alone_out.pk}"
        on_board_callers = self.callers(board)
        self.assertEqual(re.findall(r"\d+", on_board_callers[fuse2]), ["2"])
        self.assertEqual(re.findall(r"\d+", on_board_callers[alone]), ["1"])
        self.assertEqual(self.callers(map_list)[fuse2], on_board_callers[fuse2])
        self.assertEqual(self.callers(chief_home)[fuse2], on_board_callers[fuse2])
        self.assertEqual(self.callers(chief_home)[alone], on_board_callers[alone])

    def test_one_caller_figure_for_this_outage_not_24_hours_nor_the_engines_tally(self) -> None:
        self.login(self.dispatcher)
        board = self.client.get(reverse("outages:board"), headers=HX).content.decode()
        fuse2 = f"prediction-{self.fuse2_out.pk}"
        # Two of the three households out reported it since its first sign; the call two hours
        # ago (before it began) is not this outage's, though it is within 24 hours.
        self.assertEqual(re.findall(r"\d+", self.callers(board)[fuse2]), ["2"])
        self.assertNotIn("24", self.callers(board)[fuse2])
        # The evidence names the calls without a second count of callers.
        self.assertIsNone(re.search(r"\d+ 户中 \d+ 户报修", board))
        self.assertIn("2 块上报电表中 1 块报停电", board)
        # In all: the two below the fuse and the household alone, each once.
        self.assertEqual(re.findall(r"\d+", self.summary(board, "board-summary")["callers"]), ["3"])
        # The map's line over the map no longer adds a station-wide 24-hour count of callers.
        self.login(self.chief)
        labels = self.client.get(reverse("outages:map")).context["labels"]
        self.assertNotIn("24", labels["summary"])

    def test_predicted_recorded_and_confirmed_on_site_are_three_words_counted_apart(self) -> None:
        self.login(self.dispatcher)
        board = self.client.get(reverse("outages:board"), headers=HX).content.decode()
        standing = dict(re.findall(r'data-standing="(\w+)">([^<]*)<', board))
        # The recorded outage: recorded, not yet seen; the prediction: not recorded.
        self.assertEqual(set(standing), {"recorded", "predicted"})
        self.assertEqual(standing["recorded"], words("recorded, not yet seen on site"))
        self.assertEqual(standing["predicted"], words("predicted, not recorded"))
        self.assertNotIn("已确认", board)
        counts = self.summary(board, "board-summary")
        self.assertEqual(re.findall(r"\d+", counts["recorded"]), ["1"])
        self.assertEqual(re.findall(r"\d+", counts["predicted"]), ["1"])

        # A crew on site: confirmed on site, said and counted so on the board, map and home.
        OutageEvent.objects.create(outage=self.recorded, what="on_site", at=timezone.now())
        board = self.client.get(reverse("outages:board"), headers=HX).content.decode()
        standing = dict(re.findall(r'data-standing="(\w+)">([^<]*)<', board))
        self.assertEqual(standing["on_site"], words("confirmed on site by a crew"))
        self.assertEqual(len({*standing.values()}), 2)
        counts = self.summary(board, "board-summary")
        self.assertEqual(re.findall(r"\d+", counts["recorded"]), ["1", "1"])
        map_list = self.client.get(reverse("outages:map_list")).content.decode()
        self.assertEqual(self.summary(map_list, "map-summary"), counts)
        self.assertIn('data-standing="on_site"', map_list)
        self.login(self.chief)
        self.assertEqual(
            self.summary(self.client.get(reverse("web:home")).content.decode(), "outages-summary"),
            counts,
        )

        # The map's own line counts the open devices apart: one recorded, one predicted (the
        # household alone is no device), not "2 devices open".
        summary = self.client.get(reverse("outages:map_data")).json()["summary"]
        self.assertEqual((summary["open_recorded"], summary["open_predicted"]), (1, 1))


class NoughtLeftOutTests(SimpleTestCase):
    """The summary says only what is there: "0 confirmed on site" or "0 predicted" tell a
    dispatcher nothing (walkthrough: "（抢修班现场确认 0 处）" under every quiet board)."""

    def said(self, **figures: int) -> dict[str, str]:
        counts = BoardCounts(
            **{
                "outages": 0,
                "recorded": 0,
                "on_site": 0,
                "predicted": 0,
                "singles": 0,
                "households_out": 0,
                "callers": 0,
                **figures,
            }
        )
        with translation.override("en"):
            html = render_to_string("outages/_counts.html", {"counts": counts, "testid": "s"})
        return dict(re.findall(r'data-count="([\w-]+)">([^<]*)<', html))

    def test_a_part_that_is_nought_is_left_out(self) -> None:
        said = self.said(outages=1, recorded=1, households_out=40)
        self.assertEqual(
            said, {"households-out": "40 households out", "recorded": "1 outage recorded"}
        )
        said = self.said(outages=1, predicted=1, households_out=40, callers=3)
        self.assertEqual(set(said), {"households-out", "callers", "predicted"})

    def test_the_crew_on_site_is_said_when_there_is_one(self) -> None:
        said = self.said(outages=3, recorded=2, on_site=1, predicted=1, households_out=90)
        self.assertEqual(said["recorded"], "2 outages recorded (1 confirmed on site by a crew)")
        self.assertEqual(said["predicted"], "1 predicted by the engine, not recorded")

    def test_the_single_households_are_said_in_plain_english(self) -> None:
        # not "…and 2 households on their own" (walkthrough of the English home page)
        self.assertEqual(
            self.said(outages=2, singles=2, households_out=2)["singles"], "and 2 single households"
        )
        self.assertEqual(
            self.said(outages=1, singles=1, households_out=1)["singles"], "and 1 single household"
        )
