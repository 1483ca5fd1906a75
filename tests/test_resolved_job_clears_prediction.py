"""A job resolved clears what its calls predicted (walkthrough 34, 1): the crew fixed a fault at
a device off the household's line ("It is this device": the account on the order was wrong), or
found none on the grid, and the caller's own service ("… 的接户线") stayed on the board, with a
crew offered for it, long after. A device on the line clears it by its restore, as before."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import PredictedOutage, Signal
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.services import work_order_dispatch, work_order_transition
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, other_branch_fuse


class _Quiet:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


class ResolvedJobClearsItsPredictionTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.other_fuse = other_branch_fuse(self)
        # A lone call 40 minutes ago and the caller again now: the engine names the caller's
        # own service (``tests/test_signals.py``).
        with time_machine.travel(timezone.now() - dt.timedelta(minutes=40), tick=False):
            first = self.take("家里停电了，老人在用制氧机")
        self.take("还是没电")
        self.engine()
        (self.prediction,) = PredictedOutage.objects.all()
        self.assertEqual(self.prediction.customer, self.customer)
        order = first.work_order
        assert order is not None
        self.order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)

    def take(self, text: str) -> Any:
        return call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="0878-1234567",
            text=text,
            category="fault_repair",
        )

    def engine(self) -> None:
        call_command("outage_service", "--once", stderr=_Quiet())

    def crew_steps(self, **cause: str) -> None:
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=self.order, step=step, user=self.member, fields={})
        crew_step_take(work_order=self.order, step="cause_found", user=self.member, fields=cause)
        crew_step_take(
            work_order=self.order,
            step="restored",
            user=self.member,
            fields={"note": "更换熔丝，已恢复供电"},
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "resolved")

    def board(self) -> str:
        self.login(self.chief)
        return self.client.get(reverse("outages:board")).content.decode()

    def test_the_board_shows_the_caller_s_own_service_before_the_job_is_done(self) -> None:
        self.assertIn(self.customer.name, self.board())

    def test_fixed_at_a_device_off_the_household_s_line_the_prediction_is_gone(self) -> None:
        self.crew_steps(cause="熔丝熔断", device=self.other_fuse.code, other_device="1")
        self.assertEqual(self.order.device_found, self.other_fuse)
        # The device found is closed again, and the caller has power as far as the crew knows.
        restore = Signal.objects.get(type="restore")
        self.assertEqual((restore.device, restore.source), (self.other_fuse, "crew"))
        power_on = Signal.objects.get(type="call_on")
        self.assertEqual((power_on.customer, power_on.source), (self.customer, "crew"))
        self.engine()
        self.assertFalse(PredictedOutage.objects.filter(customer=self.customer).exists())
        self.assertNotIn(self.customer.name, self.board())

    def test_the_board_leaves_it_at_once_before_the_engine_s_next_step(self) -> None:
        # Walkthrough 35, 2: the crew's "power is on" for the caller is on the board at once,
        # not after the engine's next step.
        self.crew_steps(cause="熔丝熔断", device=self.other_fuse.code, other_device="1")
        self.assertTrue(PredictedOutage.objects.filter(customer=self.customer).exists())
        self.assertNotIn(self.customer.name, self.board())
        self.engine()
        self.assertNotIn(self.customer.name, self.board())

    def test_fixed_on_the_household_s_line_its_restore_is_enough(self) -> None:
        self.crew_steps(cause="熔丝熔断", device=self.fuse.code)
        self.assertFalse(Signal.objects.filter(type="call_on").exists())
        self.engine()
        self.assertFalse(PredictedOutage.objects.filter(customer=self.customer).exists())
        self.assertNotIn(self.customer.name, self.board())

    def test_resolved_from_the_order_s_page_at_another_device_alike(self) -> None:
        for step in ("on_the_way", "on_site"):
            work_order_transition(work_order=self.order, to_status=step, user=self.chief)
        work_order_transition(
            work_order=self.order,
            to_status="resolved",
            user=self.chief,
            cause="熔丝熔断",
            device=self.other_fuse,
            device_confirmed=True,
            note="更换熔丝",
        )
        self.engine()
        self.assertFalse(PredictedOutage.objects.filter(customer=self.customer).exists())
