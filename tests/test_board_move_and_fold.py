"""The board: a prediction moved to another feeder only when staff say so; the rarer actions of
each row folded under "更多操作"; the patrol list says what its mark means."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.outages.models import Outage, PredictedOutage
from powerdesk.outages.prediction_steps import prediction_confirm
from powerdesk.outages.services import OutageError, outage_declare
from tests.base import BaseTestCase
from tests.board_confirm import board_confirm


class MoveToAnotherFeederTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        dam = Feeder.objects.create(station=cls.station_a, code="DB", name="10kV大坝线")
        source = GridNode.objects.create(
            station=cls.station_a, feeder=dam, code="DB-CB", kind=NodeKind.SOURCE, name="大坝线出线"
        )
        cls.tangba = GridNode.objects.create(
            station=cls.station_a,
            feeder=dam,
            code="DB-T1-F",
            kind=NodeKind.FUSE,
            parent=source,
            name="塘坝支线熔断器",
        )

    def predicted(self) -> PredictedOutage:
        return PredictedOutage.objects.create(
            station=self.station_a,
            code=self.tangba.code,
            device=self.tangba,
            status=PredictedOutage.Status.PREDICTED,
            customers=3,
            confidence=0.7,
            first_sign_at=timezone.now() - dt.timedelta(minutes=10),
            explain={"calls": 3},
        )

    def test_a_move_to_another_feeder_is_refused_naming_both_feeders(self) -> None:
        prediction = self.predicted()
        with self.assertRaisesMessage(OutageError, "在10kV左门线上，不在10kV大坝线上"):
            prediction_confirm(prediction=prediction, user=self.chief, device=self.fuse)
        self.assertFalse(Outage.objects.exists())

    def test_the_board_keeps_the_prediction_and_says_why_until_staff_tick_the_box(self) -> None:
        prediction = self.predicted()
        self.login(self.clerk)
        move = {"action": "move", "prediction": prediction.pk, "device": self.fuse.code}
        page = self.client.post(reverse("outages:list"), move, follow=True)
        self.assertContains(page, "确认改到另一条线路", status_code=400)
        self.assertContains(page, "10kV大坝线", status_code=400)
        self.assertFalse(Outage.objects.exists())
        board_confirm(self.client, {**move, "other_feeder": "on"})
        outage = Outage.objects.get()
        self.assertEqual(outage.device, self.fuse)
        note = outage.events.get(what="confirmed").note
        self.assertIn("10kV大坝线 → 10kV左门线", note)

    def test_a_move_on_the_same_feeder_needs_no_tick(self) -> None:
        prediction = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=2,
            confidence=0.8,
            first_sign_at=timezone.now(),
        )
        outage = prediction_confirm(prediction=prediction, user=self.chief, device=self.pole)
        self.assertEqual(outage.device, self.pole)


class FoldedActionsTests(BaseTestCase):
    def row_actions(self, key: str) -> str:
        self.login(self.clerk)
        html = self.client.get(reverse("outages:board")).content.decode()
        return html.split(f'id="board-{key}"')[1].split("</td></tr>", 2)[1]

    def test_a_prediction_shows_confirm_and_folds_reject_and_move(self) -> None:
        prediction = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=2,
            confidence=0.8,
            first_sign_at=timezone.now(),
            explain={"calls": 2, "meter_off": 0},
        )
        actions = self.row_actions(f"prediction-{prediction.pk}")
        shown, folded = actions.split("更多操作", 1)
        self.assertIn('value="confirm"', shown)
        self.assertNotIn('value="reject"', shown)
        self.assertIn('value="reject"', folded)
        self.assertIn('value="move"', folded)

    def test_an_outage_shows_dispatch_and_folds_the_rarer_steps(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        actions = self.row_actions(f"outage-{outage.pk}")
        shown, folded = actions.split("更多操作", 1)
        self.assertIn('value="dispatch"', shown)
        self.assertNotIn("<details><summary>派出班组", shown)  # not hidden behind a click
        for rare in ('value="progress"', 'value="restore_part"', 'value="cause"'):
            self.assertNotIn(rare, shown)
            self.assertIn(rare, folded)


class PatrolMarkTests(BaseTestCase):
    def test_the_patrol_mark_says_customers_reported_beyond_the_place(self) -> None:
        from django.template.loader import render_to_string
        from django.utils import translation

        stop = {"key": "n1", "label": "哔叭支线02号杆", "on_callers_path": True, "share": 0.6}
        with translation.override("zh-hans"):
            html = render_to_string("outages/_patrol_stop.html", {"s": stop})
        self.assertIn("其下有用户报修", html)
        self.assertIn('title="报修用户由此处供电', html)
        self.assertNotIn("下有报修<", html.replace("其下有用户报修", ""))
