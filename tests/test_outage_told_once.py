"""A household texted that its power is off is not texted again when a wider outage that takes
in its open one is recorded (the feeder-level prediction confirmed above two branch outages):
the ask says how many were already told, the sending leaves them out, whichever way the wider
one is recorded, and its history says who was left out."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.network.models import GridNode
from powerdesk.notifications.events import outage_known_reach
from powerdesk.outages.models import Outage, OutageEvent, PredictedOutage
from powerdesk.outages.reach_words import reach_words
from powerdesk.outages.services import outage_restore
from tests.base import BaseTestCase
from tests.board_confirm import board_confirm
from tests.outage_cast import fault_declare, households_beside_the_fuse, texted


class ToldOnceTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        cast = households_beside_the_fuse(self)
        self.qian, self.told = cast.qian, cast.below_fuse

    def declare(self, device: GridNode) -> Outage:
        return fault_declare(self, device)

    def texted(self, outage: Outage) -> set[int]:
        return texted(f"outage_known:{outage.pk}")

    def test_the_ask_says_how_many_were_already_told_and_counts_them_apart(self) -> None:
        self.declare(self.fuse)
        reach = outage_known_reach(self.station_a, self.pole)
        self.assertEqual(
            (reach.households, reach.texted, reach.messages, reach.already, reach.untexted),
            (4, 1, 1, 2, 1),
        )
        with translation.override("en"):
            self.assertEqual(
                reach_words(reach, "off"),
                "4 households are off, 2 were already texted of an outage below it and get no "
                "second text, of the others 1 with a mobile on file get a text message; 1 has "
                "no mobile number (tell it through the village liaison or a visit).",
            )

    def test_the_wider_outage_texts_only_those_not_told_and_its_history_names_the_others(
        self,
    ) -> None:
        branch = self.declare(self.fuse)
        self.assertEqual(self.texted(branch), self.told)
        wider = self.declare(self.pole)
        self.assertEqual(self.texted(wider), {self.qian.pk})
        line = OutageEvent.objects.get(outage=wider, what="already_told")
        self.assertEqual(sorted(line.note_args["customers"]), sorted(self.told))
        self.assertEqual(line.note_args["outages"], [branch.pk])
        with translation.override("en"):
            self.assertEqual(
                line.shown_note,
                f"2 households already texted of the outage on {self.fuse} below it were not "
                "texted again",
            )

    def test_once_the_branch_outage_is_over_its_households_are_texted_again(self) -> None:
        branch = self.declare(self.fuse)
        outage_restore(outage=branch, user=self.chief, cause="unknown", how="remote")
        wider = self.declare(self.pole)
        self.assertEqual(self.texted(wider), self.told | {self.qian.pk})
        self.assertFalse(OutageEvent.objects.filter(outage=wider, what="already_told").exists())

    def test_confirmed_on_the_board_the_ask_and_the_texts_leave_out_those_told(self) -> None:
        self.declare(self.fuse)
        prediction = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.pole.code,
            device=self.pole,
            status=PredictedOutage.Status.PREDICTED,
            customers=4,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(minutes=5),
            explain={"calls": 2},
        )
        self.login(self.clerk)
        confirm = {"action": "confirm", "prediction": str(prediction.pk)}
        asked = self.client.post(reverse("outages:list"), confirm)
        ask = asked.context["asking"].ask
        self.assertEqual((ask.device, ask.households, ask.reach.already), (self.pole, 1, 2))
        self.assertIn(f"登记{self.pole}停电将立即短信通知其下 1 户。", asked.content.decode())
        board_confirm(self.client, confirm)
        wider = Outage.objects.get(device=self.pole)
        self.assertEqual(self.texted(wider), {self.qian.pk})
        self.assertTrue(OutageEvent.objects.filter(outage=wider, what="already_told").exists())
