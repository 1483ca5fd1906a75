"""Walk67 M2: an outage was closed while its callers' own callbacks were still due (their fault
orders joined to it, resolved by its restore), though the callbacks page says every household
must be reached first. One callback per household, never two: a caller with an order joined to
the outage is called back on it, the outage is not closed until that call is made (the orders
named), and one call settles the household wherever it is listed twice."""

from __future__ import annotations

from django.utils import timezone, translation

from powerdesk.customers.models import Customer
from powerdesk.outages.aftercare import outage_callback_done
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.life import outage_close
from powerdesk.outages.models import OutageCallback
from powerdesk.outages.outage_callback_record import outage_callback_record
from powerdesk.outages.services import OutageError, outage_restore
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.order_steps import work_order_transition
from tests.outage_life_cast import OutageLifeCase


class OutageClosedOnlyOnceCallersAreCalledBackTests(OutageLifeCase):
    def restored_with_own_order(self) -> tuple[object, WorkOrder]:
        own = self.fault_call(self.neighbour)  # before the outage: an order of their own
        assert own is not None
        outage = self.declare(minutes_ago=10)
        self.assertEqual(outage_join_open_orders(outage=outage), 1)
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        own.refresh_from_db()
        self.assertEqual(own.status, "resolved")
        self.assertIsNotNone(own.callback_due_at)
        # The households of the outage's list (a medical need, an elderly person alone) called.
        for callback in OutageCallback.objects.filter(outage=outage):
            outage_callback_done(callback=callback, user=self.clerk)
        return outage, own

    def test_closing_is_refused_while_a_caller_s_own_order_is_still_to_call_back(self) -> None:
        outage, own = self.restored_with_own_order()
        # Never on both: the household is called back on its order, not on the list too.
        self.assertFalse(OutageCallback.objects.filter(customer=self.neighbour).exists())
        with translation.override("en"), self.assertRaises(OutageError) as refused:
            outage_close(outage=outage, user=self.chief)  # type: ignore[arg-type]
        said = str(refused.exception)
        # Said as the caller on their own order, not as one of the list (walk72, 5).
        self.assertIn("1 caller on their own work order", said)
        self.assertNotIn("callbacks page", said)
        self.assertIn(own.number, said)
        # Not reached: still due, still refused.
        callback_record(work_order=own, user=self.clerk, outcome="not_reached")
        with self.assertRaisesMessage(OutageError, own.number):
            outage_close(outage=outage, user=self.chief)  # type: ignore[arg-type]
        callback_record(work_order=own, user=self.clerk, outcome="reached", satisfaction=5)
        outage_close(outage=outage, user=self.chief)  # type: ignore[arg-type]
        self.assertTrue(outage.events.filter(what="closed").exists())  # type: ignore[attr-defined]

    def test_an_order_closed_after_a_try_no_longer_holds_the_outage(self) -> None:
        outage, own = self.restored_with_own_order()
        callback_record(work_order=own, user=self.clerk, outcome="not_reached")
        work_order_transition(work_order=own, to_status="closed", user=self.chief)
        outage_close(outage=outage, user=self.chief)  # type: ignore[arg-type]

    def test_one_call_on_the_order_settles_the_household_s_place_on_the_list(self) -> None:
        outage, own = self.restored_with_own_order()
        listed = OutageCallback.objects.create(
            outage=outage, customer=self.neighbour, reason="caller", due_at=timezone.now()
        )
        callback_record(work_order=own, user=self.clerk, outcome="reached", satisfaction=4)
        listed.refresh_from_db()
        self.assertIsNotNone(listed.done_at)
        self.assertEqual((listed.outcome, listed.satisfaction), ("reached", 4))
        self.assertIn(own.number, listed.note)
        outage_close(outage=outage, user=self.chief)  # type: ignore[arg-type]

    def test_one_call_on_the_list_settles_the_household_s_own_order(self) -> None:
        outage, own = self.restored_with_own_order()
        listed = OutageCallback.objects.create(
            outage=outage, customer=self.neighbour, reason="caller", due_at=timezone.now()
        )
        outage_callback_record(callback=listed, user=self.clerk, outcome="reached", satisfaction=5)
        own.refresh_from_db()
        self.assertEqual(own.status, "callback_done")
        self.assertEqual(own.callbacks.get().satisfaction, 5)
        outage_close(outage=outage, user=self.chief)  # type: ignore[arg-type]

    def test_the_list_and_the_callers_are_counted_apart(self) -> None:
        """ "还有 3 户待回访" against the 2 the callbacks page lists: said as 2 + 1 (walk72, 5)."""
        outage, own = self.restored_with_own_order()
        others = [
            Customer.objects.create(
                station=self.station_a,
                account_number=f"5325000009{k}",
                name=name,
                village=self.village,
            )
            for k, name in enumerate(("赵六", "钱七"))
        ]
        for customer in others:
            OutageCallback.objects.create(
                outage=outage, customer=customer, reason="caller", due_at=timezone.now()
            )
        with translation.override("en"), self.assertRaises(OutageError) as refused:
            outage_close(outage=outage, user=self.chief)  # type: ignore[arg-type]
        said = str(refused.exception)
        self.assertIn("2 households on the callbacks page + 1 caller on their own work order", said)
        self.assertIn(own.number, said)
