"""A caller who rings again within a few hours about the same matter: the call joins their
open order as a repeat call (recorded, counted), not a second order; the clerk may still open a
new one; another station's order is never shown nor joined."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from powerdesk.accounts.models import Membership, Role
from powerdesk.accounts.tokens import token_create
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.deadlines import policy_for
from powerdesk.servicedesk.models import Call, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.repeats import REPEAT_WINDOW, repeat_order_for
from powerdesk.servicedesk.services import WorkOrderError
from tests.base import BaseTestCase, make_user
from tests.servicedesk.intake_page import NUMBER

STRANGER = "13900001111"  # nobody's


class RepeatCallTests(BaseTestCase):
    def first_call(self, number: str = NUMBER, **extra: object) -> WorkOrder:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=number,
            text="家里停电了",
            category="fault_repair",
            **extra,  # type: ignore[arg-type]
        )
        assert taken.work_order is not None
        return taken.work_order

    def test_a_second_fault_call_within_hours_joins_the_first_order_as_a_repeat(self) -> None:
        order = self.first_call()
        taken = call_take(
            station=self.station_a,
            user=self.chief,
            caller_number="+86 878 123 4567",  # the same number, written otherwise
            text="还是没电，什么时候来修",
            category="fault_repair",
        )
        self.assertEqual(taken.work_order, order)
        self.assertTrue(taken.repeat)
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertTrue(Call.objects.get(pk=taken.call.pk).is_repeat)
        event = order.events.get(kind=WorkOrderEvent.Kind.REPEAT_CALL)
        self.assertEqual(event.by, self.chief)
        self.assertIn("还是没电", event.note)

    def test_an_unknown_number_ringing_again_joins_its_order(self) -> None:
        order = self.first_call(STRANGER, caller_name="过路人", village=self.village)
        self.assertIsNone(order.customer)
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=STRANGER,
            text="村口还是没电",
            category="fault_repair",
        )
        self.assertEqual((taken.work_order, taken.repeat), (order, True))

    def test_the_same_account_from_another_of_its_numbers_is_the_same_caller(self) -> None:
        order = self.first_call()
        self.assertEqual(
            repeat_order_for(station=self.station_a, customer=self.customer, number="13812345678"),
            order,
        )

    def test_a_new_matter_another_category_or_an_old_call_opens_its_own_order(self) -> None:
        order = self.first_call()
        new = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="另一户也停电",
            category="fault_repair",
            open_order=True,
        )
        complaint = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="你们修得太慢了，我要投诉",
            category="complaint",
        )
        self.assertNotIn(order, (new.work_order, complaint.work_order))
        self.assertFalse(complaint.repeat)
        # Later than the window, the caller's earlier calls are not looked at.
        Call.objects.update(received_at=timezone.now() - REPEAT_WINDOW - dt.timedelta(minutes=1))
        late = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="又停电了",
            category="fault_repair",
        )
        self.assertNotIn(late.work_order, (order, new.work_order))

    def test_an_urgent_call_joins_a_routine_order_and_makes_it_urgent(self) -> None:
        order = self.first_call()
        self.assertFalse(order.urgent)
        routine_due = order.arrive_due_at
        assert routine_due is not None
        for chosen in (None, order):  # nothing chosen (the API), then chosen at intake
            with self.subTest(chosen=chosen):
                taken = call_take(
                    station=self.station_a,
                    user=self.clerk,
                    caller_number=NUMBER,
                    text="还是没电，家里老人在用制氧机，快撑不住了",
                    category="fault_repair",
                    urgent=True,
                    repeat_of=chosen,
                )
                self.assertEqual((taken.work_order, taken.repeat), (order, True))
        self.assertEqual(WorkOrder.objects.count(), 1)  # one order for the household
        order.refresh_from_db()
        self.assertTrue(order.urgent)
        assert order.arrive_due_at is not None
        self.assertLess(order.arrive_due_at, routine_due)
        hazard = policy_for(self.station_a.pk).hazard_arrive_minutes
        first_urgent = order.calls.filter(urgent=True).earliest("received_at")
        self.assertEqual(
            order.arrive_due_at, first_urgent.received_at + dt.timedelta(minutes=hazard)
        )
        (line,) = order.events.filter(note_code="made_urgent")  # made urgent once
        self.assertEqual(line.by, self.clerk)
        self.assertIn(f"{timezone.localtime(order.arrive_due_at):%H:%M}", line.note)

    def test_an_urgent_repeat_call_restarts_a_routine_order_s_paused_clock(self) -> None:
        """A routine order paused for "come tomorrow" by the counter, then an urgent call on
        it (a medical need): the order is urgent and its clock runs again, since only the chief
        may keep an urgent order paused before a crew is on site; the history says so."""
        from powerdesk.servicedesk.models.queries import work_order_is_overdue
        from powerdesk.servicedesk.order_field import work_order_pause

        order = self.first_call()
        work_order_pause(work_order=order, reason="客户说明天再来", user=self.clerk)
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="还是没电，家里老人在用制氧机，快撑不住了",
            category="fault_repair",
            urgent=True,
        )
        self.assertEqual(taken.work_order, order)
        order.refresh_from_db()
        self.assertTrue(order.urgent)
        self.assertFalse(order.is_paused)  # the danger does not wait for tomorrow
        self.assertEqual(order.pause_reason, "")
        line = order.events.get(kind=WorkOrderEvent.Kind.RESUMED)
        self.assertEqual(line.by, self.clerk)
        self.assertEqual(line.note_code, "resumed_urgent")  # why, in the reader's language
        # Once its crew is late on site, the order is late like any other urgent one.
        assert order.arrive_due_at is not None
        later = order.arrive_due_at + dt.timedelta(minutes=1)
        self.assertTrue(work_order_is_overdue(order, later))

    def test_a_chosen_order_that_cannot_be_joined_refuses_the_call_with_why(self) -> None:
        order = self.first_call()
        WorkOrder.objects.filter(pk=order.pk).update(status="resolved")
        with self.assertRaisesMessage(WorkOrderError, order.number):
            call_take(
                station=self.station_a,
                user=self.clerk,
                caller_number=NUMBER,
                text="又停电了",
                category="fault_repair",
                repeat_of=order,
            )
        self.assertEqual((WorkOrder.objects.count(), Call.objects.count()), (1, 1))

    def test_a_finished_order_is_not_joined(self) -> None:
        order = self.first_call()
        WorkOrder.objects.filter(pk=order.pk).update(status="resolved")
        self.assertIsNone(repeat_order_for(station=self.station_a, customer=self.customer))
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="又停电了",
            category="fault_repair",
        )
        self.assertNotEqual(taken.work_order, order)

    def test_another_station_s_order_is_never_found_nor_joined(self) -> None:
        other = Customer.objects.create(
            station=self.station_b, account_number="B-1", name="栋川某户"
        )
        CustomerPhone.objects.create(customer=other, number="+868781234567")
        b_order = call_take(
            station=self.station_b,
            user=None,
            caller_number=NUMBER,
            text="停电",
            category="fault_repair",
        ).work_order
        assert b_order is not None
        self.assertIsNone(repeat_order_for(station=self.station_a, number=NUMBER))
        with self.assertRaises(WorkOrderError):
            call_take(
                station=self.station_a,
                user=self.clerk,
                caller_number=NUMBER,
                text="停电",
                category="fault_repair",
                repeat_of=b_order,
            )
        a_order = self.first_call()
        self.assertNotEqual(a_order, b_order)
        self.assertEqual(b_order.calls.count(), 1)

    def test_a_liaison_reporting_for_villagers_is_not_taken_for_one_caller(self) -> None:
        liaison = make_user("liaison", self.station_a)
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        first = call_take(
            station=self.station_a,
            user=liaison,
            caller_number="13700000000",
            text="张家停电",
            category="fault_repair",
            by_liaison=True,
        )
        second = call_take(
            station=self.station_a,
            user=liaison,
            caller_number="13700000000",
            text="李家也停电",
            category="fault_repair",
            by_liaison=True,
        )
        self.assertNotEqual(first.work_order, second.work_order)


class RepeatCallApiTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def post(self, **body: object) -> dict[str, object]:
        response = self.client.post(
            "/api/v1/calls",
            {"caller_number": NUMBER, "category": "fault_repair", **body},
            content_type="application/json",
            **self.auth,
        )
        self.assertIn(response.status_code, (200, 201, 422), response.content)
        return {"status": response.status_code, **response.json()}

    def test_a_repeat_call_through_the_api_joins_instead_of_duplicating(self) -> None:
        first = self.post(text="家里停电了")
        second = self.post(text="还是没电")
        self.assertEqual(second["work_order_id"], first["work_order_id"])
        self.assertEqual((first["is_repeat"], second["is_repeat"]), (False, True))
        self.assertEqual(WorkOrder.objects.count(), 1)

    def test_the_api_joins_a_named_open_order_of_its_station_only(self) -> None:
        order = self.post(text="想办过户", category="business")["work_order_id"]
        joined = self.post(text="过户材料补齐了", category="business", join_order_id=order)
        self.assertEqual(joined["work_order_id"], order)
        refused = self.post(text="x", join_order_id=order, open_order=True)
        self.assertEqual(refused["status"], 422)
        b_order = call_take(
            station=self.station_b, user=None, text="停电", category="fault_repair"
        ).work_order
        assert b_order is not None
        self.assertEqual(self.post(text="停电", join_order_id=b_order.pk)["status"], 422)
        self.assertEqual(b_order.calls.count(), 1)
