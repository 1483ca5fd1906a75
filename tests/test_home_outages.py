"""The home page's "power off now" in a storm: the breakers SCADA opened and the fuses the calls
point to are there beside the outages staff recorded, each marked as what it is, with the
households out under each and in all (each household once), linking to its row on the board."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage, PredictedOutage, PredictionRejection
from tests.base import BaseTestCase, make_user, zh


def counted(panel: str) -> dict[str, list[str]]:
    """The summary's outages, recorded and predicted, as numbers."""
    found = dict(re.findall(r'data-count="(recorded|predicted)">([^<]*)<', panel))
    return {k: re.findall(r"\d+", v) for k, v in found.items()}


class HomeOutagesTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.dispatcher = make_user("dispatcher", cls.station_a, Role.DISPATCHER)
        cls.fuse2 = GridNode.objects.create(
            station=cls.station_a,
            feeder=cls.feeder,
            code="ZM-B02-F",
            kind=NodeKind.FUSE,
            parent=cls.breaker,
            name="三角支线01号杆跌落式熔断器",
        )
        cls.transformer2 = GridNode.objects.create(
            station=cls.station_a,
            feeder=cls.feeder,
            code="ZM-B02-T1",
            kind=NodeKind.TRANSFORMER,
            parent=cls.fuse2,
            name="左门三角1号台区",
        )
        Customer.objects.bulk_create(
            Customer(
                station=cls.station_a,
                account_number=f"532500001{i:02d}",
                name=f"三角{i}号",
                village=cls.village,
                transformer=cls.transformer2,
                medical_need=i == 0,
            )
            for i in range(30)
        )
        now = timezone.now()
        # Staff recorded the fuse at pole 02 (one household below it)…
        cls.recorded = Outage.objects.create(
            station=cls.station_a,
            device=cls.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=now - dt.timedelta(minutes=40),
        )
        # …while SCADA says the whole feeder's breaker is open (31 households, the fuse's one
        # among them), and the calls point to another fuse below it, not yet confirmed.
        cls.breaker_out = cls.prediction(cls.breaker, PredictedOutage.Status.CONFIRMED, 31)
        cls.fuse2_out = cls.prediction(cls.fuse2, PredictedOutage.Status.PREDICTED, 30)

    @classmethod
    def prediction(cls, device: GridNode, status: str, customers: int) -> PredictedOutage:
        return PredictedOutage.objects.create(
            station=cls.station_a,
            code=device.code,
            device=device,
            status=status,
            customers=customers,
            confidence=0.9,
            first_sign_at=timezone.now() - dt.timedelta(minutes=30),
            explain={"forced": "open"} if status == "confirmed" else {"calls": 4},
        )

    def panel(self) -> str:
        page = self.client.get(reverse("web:home")).content.decode()
        return page.split('data-testid="outages-summary"')[1].split("</ul>")[0]

    def test_the_chief_sees_the_storm_predicted_and_confirmed_beside_what_staff_recorded(
        self,
    ) -> None:
        self.login(self.chief)
        panel = self.panel()
        # Each household once: the feeder's 31, not 31 + 30 + 1.
        self.assertIn("31 户停电", panel)
        # One recorded (not yet seen on site), two the engine's not recorded: apart, not "3".
        self.assertEqual(counted(panel), {"recorded": ["1"], "predicted": ["2"]})
        current = panel.split('data-testid="outages-current"')[1]
        items = current.split("<li")[1:]
        # The most urgent first: the breaker, SCADA-confirmed, with its 31 households.
        self.assertIn('data-state="confirmed"', items[0])
        self.assertIn("10kV左门线出线开关", items[0])
        self.assertIn(zh("signals say open, not recorded"), items[0])
        self.assertIn("31 户", items[0])
        self.assertIn("医疗需要 1 户", items[0])
        self.assertIn(f'href="/outages/#board-prediction-{self.breaker_out.pk}"', items[0])
        fuse2 = next(i for i in items if "三角支线01号杆跌落式熔断器" in i)
        self.assertIn('data-state="predicted"', fuse2)
        self.assertIn(zh("predicted, not recorded"), fuse2)
        self.assertIn("30 户", fuse2)
        recorded = next(i for i in items if "哔叭支线02号杆跌落式熔断器" in i)
        self.assertIn(f'href="/outages/#board-outage-{self.recorded.pk}"', recorded)
        self.assertIn(zh("recorded, not yet seen on site"), recorded)

    def test_a_rejected_prediction_is_not_shown_as_off(self) -> None:
        PredictionRejection.objects.create(
            station=self.station_a,
            code=self.fuse2_out.code,
            first_sign_at=self.fuse2_out.first_sign_at,
            reason="巡线未见异常",
            at=timezone.now(),
        )
        self.login(self.chief)
        panel = self.panel()
        self.assertNotIn("三角支线01号杆跌落式熔断器", panel)
        self.assertEqual(counted(panel), {"recorded": ["1"], "predicted": ["1"]})

    def test_the_dispatcher_s_board_says_how_many_households_are_out_in_all(self) -> None:
        self.login(self.dispatcher)
        home = self.client.get(reverse("web:home")).content.decode()
        board = home.split('id="board"')[1]
        self.assertIn('data-testid="board-summary"', board)
        self.assertIn("31 户停电", board.split('data-testid="board-summary"')[1][:200])
        partial = self.client.get(reverse("outages:board")).content.decode()
        self.assertIn("31 户停电", partial.split('data-testid="board-summary"')[1][:200])

    def test_the_dispatcher_sees_each_outage_once_on_the_board_not_again_below(self) -> None:
        planned = Outage.objects.create(
            station=self.station_a,
            device=self.transformer2,
            kind=Outage.Kind.PLANNED,
            status=Outage.Status.ANNOUNCED,
            starts_at=timezone.now() + dt.timedelta(hours=5),
            notice="检修",
        )
        self.login(self.dispatcher)
        home = self.client.get(reverse("web:home")).content.decode()
        board = home.split('data-slot="board"')[1].split("</section>")[0]
        outages = home.split('data-slot="outages"')[1].split("</section>")[0]
        for name in (
            "10kV左门线出线开关",
            "三角支线01号杆跌落式熔断器",
            "哔叭支线02号杆跌落式熔断器",
        ):
            self.assertIn(name, board)
            self.assertNotIn(name, outages)
        self.assertEqual(home.count('data-testid="board-summary"'), 1)
        self.assertNotIn('data-testid="outages-summary"', outages)
        self.assertIn('data-testid="outages-on-board"', outages)
        # the planned outage to come is not on the board: it stays here
        self.assertIn('data-testid="outages-announced"', outages)
        self.assertIn(str(planned.device), outages)
        # the chief, without the board, still has them all in this panel
        self.login(self.chief)
        outages = self.client.get(reverse("web:home")).content.decode()
        outages = outages.split('data-slot="outages"')[1].split("</section>")[0]
        self.assertIn("10kV左门线出线开关", outages)
        self.assertNotIn('data-testid="outages-on-board"', outages)
