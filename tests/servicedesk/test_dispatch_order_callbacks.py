"""After power is back, the crew's order made at dispatch (no customer; callers joined it later)
asks for no callback of its own: its callers are on the outage's callback list, once each, and
one whose call said a medical need at home is listed for it (walk 39, 11: a card with no name
and no number, and "家里老人用制氧机" listed only as "called about it")."""

from __future__ import annotations

from powerdesk.customers.models import Customer
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageCallback, OutageLink
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.selectors import callbacks_due
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, neighbour

R = OutageCallback.Reason


class DispatchOrderCallbackTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.job = OutageLink.objects.get(outage=self.outage).order
        assert self.job is not None
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
