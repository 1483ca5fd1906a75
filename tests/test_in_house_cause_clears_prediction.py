"""The crew records a caller's fault inside the house: what that caller's call predicted leaves
the board at once, not when the job is closed (walkthrough 36, #10: one caller with a tripped
main switch kept a 12-household branch outage on the dispatcher's home until "resolved"). The
crew's "power is on" for the caller reaches the outage service as a signal (``call_on``), never
by running the engine in the request."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import PredictedOutage, Signal
from powerdesk.outages.predicted import shown_predictions
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.services import work_order_dispatch
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews
from tests.test_resolved_job_clears_prediction import _Quiet


class InHouseCauseTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        with time_machine.travel(timezone.now() - dt.timedelta(minutes=40), tick=False):
            first = self.take("我家没电了，邻居家都有电，总闸跳了推不上去")
        self.take("还是没电")
        from django.core.management import call_command

        call_command("outage_service", "--once", stderr=_Quiet())
        order = first.work_order
        assert order is not None
        self.order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=self.order, step=step, user=self.member, fields={})

    def take(self, text: str) -> Any:
        return call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="0878-1234567",
            text=text,
            category="fault_repair",
        )

    def in_house(self) -> None:
        crew_step_take(
            work_order=self.order,
            step="cause_found",
            user=self.member,
            fields={"cause": "户内总闸跳闸", "in_house": "1"},
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_site")  # not resolved yet

    def board(self) -> str:
        self.login(self.chief)
        return self.client.get(reverse("outages:board")).content.decode()

    def test_the_caller_s_own_service_leaves_the_board_once_in_house_is_recorded(self) -> None:
        (prediction,) = PredictedOutage.objects.all()
        self.assertEqual(prediction.customer, self.customer)
        self.assertIn(self.customer.name, self.board())
        self.in_house()
        power_on = Signal.objects.get(type="call_on")
        self.assertEqual((power_on.customer, power_on.source), (self.customer, "crew"))
        self.assertTrue(PredictedOutage.objects.exists())  # the engine has not run since
        self.assertNotIn(self.customer.name, self.board())

    def test_recorded_twice_it_is_said_once(self) -> None:
        self.in_house()
        crew_step_take(
            work_order=self.order,
            step="cause_found",
            user=self.member,
            fields={"cause": "户内总闸跳闸", "in_house": "1"},
        )
        self.assertEqual(Signal.objects.filter(type="call_on").count(), 1)
        # The job resolved later says the same once more: still one signal.
        crew_step_take(
            work_order=self.order, step="restored", user=self.member, fields={"note": "已合闸"}
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "resolved")
        self.assertEqual(Signal.objects.filter(type="call_on").count(), 1)

    def test_a_branch_predicted_from_that_call_alone_leaves_too(self) -> None:
        PredictedOutage.objects.all().delete()
        first_sign = Signal.objects.filter(type="call").order_by("event_at").first()
        assert first_sign is not None
        branch = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=12,
            confidence=0.6,
            first_sign_at=first_sign.event_at,
            explain={"calls": 1, "meter_off": 0},
        )
        self.assertEqual(shown_predictions(self.station_a.pk, [branch]), [branch])
        self.in_house()
        self.assertEqual(shown_predictions(self.station_a.pk, [branch]), [])

    def test_a_branch_with_other_signs_stays(self) -> None:
        PredictedOutage.objects.all().delete()
        branch = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=12,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(hours=1),
            explain={"calls": 1, "meter_off": 3},
        )
        self.in_house()
        self.assertEqual(shown_predictions(self.station_a.pk, [branch]), [branch])
