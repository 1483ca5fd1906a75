"""A hazard job resolved is no outage repaired (walkthrough 35, 3): the crew made a danger safe
(a line down, a pole leaning), and only the callers it left without power — below the device
where it was — have power back with it; a no-power caller elsewhere, or a hazard with no device
found, is no ``call_on`` from the crew (the engine keeps what their calls said)."""

from __future__ import annotations

from typing import Any

from powerdesk.outages.models import Signal
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.services import work_order_dispatch, work_order_transition
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, other_branch_fuse


class HazardResolvedPowerBackTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.other_fuse = other_branch_fuse(self)
        call = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="0878-1234567",
            text="电线断了掉在路边，家里也没电了",
            category="hazard",
        )
        self.assertTrue(Signal.objects.filter(type="call", customer=self.customer).exists())
        order = call.work_order
        assert order is not None
        self.order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        for step in ("on_the_way", "on_site"):
            work_order_transition(work_order=self.order, to_status=step, user=self.chief)

    def resolve(self, **how: Any) -> None:
        work_order_transition(
            work_order=self.order,
            to_status="resolved",
            user=self.chief,
            cause="导线断落",
            note="已处理，恢复安全",
            **how,
        )

    def test_made_safe_elsewhere_no_caller_is_said_to_have_power(self) -> None:
        self.resolve(device=self.other_fuse, device_confirmed=True)
        self.assertFalse(Signal.objects.filter(type="call_on").exists())

    def test_made_safe_above_the_caller_their_power_is_back(self) -> None:
        self.resolve(device=self.fuse)
        power_on = Signal.objects.get(type="call_on")
        self.assertEqual((power_on.customer, power_on.source), (self.customer, "crew"))
