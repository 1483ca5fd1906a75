"""After power is back, the crew's order made at dispatch (no customer; callers joined it later)
asks for no callback of its own: its callers are on the outage's callback list, once each, and
one whose call said a medical need at home is listed for it (walk 39, 11: a card with no name
and no number, and "家里老人用制氧机" listed only as "called about it"); the need as kept with the call (review39,
N4); a caller still dark from another outage is called back after it (review39, S1)."""

from __future__ import annotations

from unittest import mock

from powerdesk.customers.models import Customer
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageCallback, OutageLink
from powerdesk.outages.selectors import outage_callbacks_listed
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.selectors import callbacks_due
from powerdesk.servicedesk.understanding import urgency
from powerdesk.servicedesk.understanding.urgency import Findings
from tests.base import BaseTestCase
from tests.outage_cast import caller_joins, second_area
from tests.outage_cast_sent import nested_sent, outage_sent
from tests.servicedesk.crew_cast import add_crews, neighbour

R = OutageCallback.Reason


class DispatchOrderCallbackTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.outage, (self.job,) = outage_sent(self)
        self.assertIsNone(self.job.customer_id)  # the crew's job, made before anyone called
        self.neighbour = neighbour(self)

    def call(self, customer: object, number: str, text: str) -> WorkOrder:
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=customer,  # type: ignore[arg-type]
            caller_number=number,
            text=text,
            category="fault_repair",
            join_outage=self.outage,
        ).work_order
        assert order is not None
        return order

    def test_its_callers_are_called_back_from_the_outage_s_list_with_why(self) -> None:
        plain = Customer.objects.create(
            station=self.station_a,
            account_number="53250000078",
            name="起忠云",
            village=self.village,
            group=self.group,
            transformer=self.transformer,
        )
        self.assertEqual(self.call(plain, "13900001111", "我家没电了"), self.job)
        self.assertEqual(
            self.call(self.neighbour, "18852368557", "还是没电，家里老人用制氧机"), self.job
        )
        # 普光荣 lives alone (elderly); their call says a medical need: that is the reason.
        self.assertEqual(self.call(self.customer, "13812345678", "家里有人用呼吸机"), self.job)
        outage_restore(outage=self.outage, user=self.chief, cause="tree", how="remote")
        self.job.refresh_from_db()
        # No card for the crew's job: nobody on it to call.
        self.assertIsNone(self.job.callback_due_at)
        self.assertNotIn(self.job, list(callbacks_due(self.station_a)))
        listed = dict(
            OutageCallback.objects.filter(outage=self.outage).values_list("customer_id", "reason")
        )
        self.assertEqual(
            listed, {plain.pk: R.CALLER, self.neighbour.pk: R.MEDICAL, self.customer.pk: R.MEDICAL}
        )

    def test_a_medical_need_is_the_one_kept_with_the_call(self) -> None:
        # review39, N4: the restore read each caller's note anew; a later round of the rules
        # reading it calm would have listed the caller only as one who called.
        self.call(self.neighbour, "18852368557", "还是没电，家里老人用制氧机")
        with mock.patch.object(urgency, "findings_read", return_value=Findings()):
            outage_restore(outage=self.outage, user=self.chief, cause="tree", how="remote")
        callback = OutageCallback.objects.get(outage=self.outage, customer=self.neighbour)
        self.assertEqual(callback.reason, R.MEDICAL)


class StillDarkCallerCallbackTests(BaseTestCase):
    """review39, S1: a caller on the crew's order of a wider outage, still dark from a smaller
    outage below it when the wider is restored, is on neither outage's list (not the wider's:
    still dark; not the smaller's: not joined to it) and the crew's order gets no callback of
    its own. They are listed on the smaller outage, to be called back once it is restored."""

    def test_the_caller_is_called_back_after_the_outage_keeping_them_dark(self) -> None:
        add_crews(self)
        wider, job, smaller = nested_sent(self)  # job: the wider's own, no customer
        self.assertEqual(caller_joins(self, wider), job)

        outage_restore(outage=wider, user=self.chief, cause="tree", how="remote")
        job.refresh_from_db()
        self.assertIsNone(job.callback_due_at)  # no name, no number on the crew's order
        self.assertFalse(
            OutageCallback.objects.filter(outage=wider, customer=self.customer).exists()
        )
        kept = OutageCallback.objects.get(outage=smaller, customer=self.customer)
        self.assertEqual(kept.reason, R.CALLER)
        # Not called while still dark.
        self.assertNotIn(kept, list(outage_callbacks_listed(self.station_a)))

        outage_restore(outage=smaller, user=self.chief, cause="tree", how="remote")
        smaller.refresh_from_db()
        (listed,) = [
            c for c in outage_callbacks_listed(self.station_a) if c.customer_id == self.customer.pk
        ]
        self.assertEqual(listed.outage, smaller)
        assert smaller.restored_at is not None
        self.assertGreater(listed.due_at, smaller.restored_at)  # due from its restore


class DispatchOrderClosedTests(BaseTestCase):
    """walk40 5: the crew's order made at dispatch (用户 —), once the outage is restored, sat
    at 已处理 for ever with a callback form and nobody to call, on no list. It is closed at the
    restore, a step of its history saying its callers are on the outage's list; its page says
    so with a link and offers no callback form; its description, the cause as known at
    dispatch ("雷击"), is not said again under the cause found."""

    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        # The patrol found lightning before the crew was sent: the order is described so.
        OutageLink.objects.update_or_create(
            outage=self.outage, defaults={"cause_kind": "lightning"}
        )
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        job = OutageLink.objects.get(outage=self.outage).order
        assert job is not None and job.customer_id is None
        self.job = job

    def test_the_order_is_closed_at_the_restore_and_its_page_points_to_the_outage_s_list(
        self,
    ) -> None:
        from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderStatus

        call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            caller_number="13812345678",
            text="家里老人用制氧机",
            category="fault_repair",
            join_outage=self.outage,
        )
        outage_restore(outage=self.outage, user=self.chief, cause="lightning", how="remote")
        self.job.refresh_from_db()
        self.assertEqual(self.job.status, WorkOrderStatus.CLOSED)
        self.assertIsNotNone(self.job.closed_at)
        step = WorkOrderEvent.objects.filter(work_order=self.job).order_by("-pk").first()
        assert step is not None
        self.assertEqual(
            (step.from_status, step.to_status), (WorkOrderStatus.RESOLVED, WorkOrderStatus.CLOSED)
        )
        self.assertEqual(step.note_code, "closed_callbacks_on_outage")
        self.assertTrue(OutageCallback.objects.filter(outage=self.outage).exists())

        self.client.force_login(self.clerk)
        page = self.client.get(self.job.get_absolute_url())
        self.assertContains(page, 'data-testid="order-callbacks-on-outage"')
        self.assertContains(page, "#after-outage")
        self.assertNotContains(page, 'value="callback"')
        # "雷击" once, as the cause found; not again as the description under it.
        self.assertEqual(self.job.description, "雷击")
        self.assertContains(page, 'data-testid="order-cause">雷击')
        self.assertNotContains(page, "<p>雷击</p>")

    def test_an_order_left_resolved_before_offers_no_callback_and_refuses_one(self) -> None:
        from powerdesk.servicedesk.callbacks import callback_record
        from powerdesk.servicedesk.models import WorkOrderStatus
        from powerdesk.servicedesk.workflow import WorkOrderError

        outage_restore(outage=self.outage, user=self.chief, cause="lightning", how="remote")
        # As an order restored before this stop was left: resolved.
        WorkOrder.objects.filter(pk=self.job.pk).update(status=WorkOrderStatus.RESOLVED)
        self.client.force_login(self.clerk)
        page = self.client.get(self.job.get_absolute_url())
        self.assertContains(page, 'data-testid="order-callbacks-on-outage"')
        self.assertNotContains(page, 'value="callback"')
        with self.assertRaises(WorkOrderError):
            callback_record(work_order=self.job, user=self.clerk, outcome="reached", satisfaction=5)


class MovedCallerPartBackTests(BaseTestCase):
    """A caller moved onto the outage still keeping them dark (review39, S1) is called back
    when their own part of it is back (a step), not at its full restore hours later; one whose
    call said a medical need is counted among its callers, asked by text whether power is
    back, as one who said nothing more is."""

    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.wider, _job, self.smaller = nested_sent(self)
        # Another transformer area under the fuse, its fault still to find after the step.
        self.second = second_area(self, self.fuse)
        Customer.objects.create(
            station=self.station_a,
            account_number="53250000092",
            name="普光明",
            village=self.village,
            group=self.group,
            transformer=self.second,
        )

    def moved(self, text: str) -> OutageCallback:
        caller_joins(self, self.wider, text)  # below the fuse, 1号台区
        outage_restore(outage=self.wider, user=self.chief, cause="tree", how="remote")
        return OutageCallback.objects.get(outage=self.smaller, customer=self.customer)

    def step(self) -> None:
        from powerdesk.outages.restoration import outage_restore_part

        outage_restore_part(outage=self.smaller, user=self.chief, still_open=[self.second])

    def test_the_moved_caller_is_called_back_once_their_part_is_back(self) -> None:
        kept = self.moved("我家没电了")
        self.assertNotIn(kept, list(outage_callbacks_listed(self.station_a)))
        self.step()
        self.smaller.refresh_from_db()
        self.assertEqual(self.smaller.status, Outage.Status.ACTIVE)  # 2号台区 still out
        (listed,) = [
            c for c in outage_callbacks_listed(self.station_a) if c.customer_id == self.customer.pk
        ]
        self.assertEqual(listed.outage, self.smaller)
        assert listed.back_at is not None
        self.assertGreater(listed.due_at, listed.back_at)  # due from the step
        due = listed.due_at
        # The full restore later does not push it back.
        outage_restore(outage=self.smaller, user=self.chief, cause="tree", how="remote")
        listed.refresh_from_db()
        self.assertEqual(listed.due_at, due)

    def test_a_moved_caller_with_a_medical_need_is_one_of_its_callers(self) -> None:
        from powerdesk.notifications.power_back import _callers

        kept = self.moved("家里老人用制氧机，没电了")
        self.assertEqual(kept.reason, R.MEDICAL)
        self.assertIn(self.customer.pk, _callers(self.smaller))
