"""A village liaison's report of a danger is taken as the counter's intake takes it (walkthrough
28, finding 1): the rules hear the danger and give the call its category (hazard) while no call
classifier is loaded, the model gives it once one is, and the urgent hazard order is opened at
once. Before, the liaison's "哔叭组02号杆被水冲歪了，电线垂得很低" was saved with no category and
waited for an office step while the dispatchers were told of an urgent call with no order."""

from __future__ import annotations

from powerdesk.accounts.models import Membership, Role
from powerdesk.community.liaison import liaison_report
from powerdesk.servicedesk.models import Call, Notification, WorkOrder
from tests.base import BaseTestCase, make_user
from tests.servicedesk.model_store import no_model_stored

DANGER = "哔叭组02号杆被水冲歪了，电线垂得很低"


class LiaisonDangerTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.liaison = make_user("zm", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=self.liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.dispatcher = make_user("dispatcher", self.station_a, Role.DISPATCHER)

    def report(self) -> WorkOrder | Call:
        return liaison_report(
            user=self.liaison,
            village=self.village,
            group=self.group,
            text=DANGER,
            villager_name="马大爷",
            villager_phone="13800001111",
        )

    def assert_hazard_order(self, found: WorkOrder | Call) -> None:
        self.assertIsInstance(found, WorkOrder)
        call = Call.objects.get()
        self.assertEqual((call.category, call.urgent), ("hazard", True))
        self.assertFalse(call.needs_order)
        order = WorkOrder.objects.get()
        self.assertEqual(call.work_order, order)
        self.assertEqual((order.category, order.urgent), ("hazard", True))
        # No "urgent call waiting for an order" notice: the order is there already.
        self.assertFalse(Notification.objects.filter(kind="urgent_call").exists())

    def test_with_no_model_loaded_the_rules_make_it_a_hazard_order(self) -> None:
        with no_model_stored():
            found = self.report()
        self.assert_hazard_order(found)

    def test_with_the_model_loaded_it_is_a_hazard_order_too(self) -> None:
        self.assert_hazard_order(self.report())
