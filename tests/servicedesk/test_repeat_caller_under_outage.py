"""A caller whose own order was joined to an outage (as it was recorded) rings again: the call
joins their order, and intake offers it by its number; no order is opened in their name for
the outage, so one household is called back once (walkthrough 36, 1)."""

from __future__ import annotations

from powerdesk.outages.models import OutageLink
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.selectors import outage_to_join
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews, neighbour, outage_job


class RepeatCallerUnderOutageTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.outage, self.order = outage_job(self)  # joined as the outage was recorded

    def ring(self, customer: object) -> WorkOrder:
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=customer,  # type: ignore[arg-type]
            caller_number="13812345678",
            text="又打来问，你们的人什么时候到？",
            category="fault_repair",
            join_outage=self.outage,
        ).work_order
        assert order is not None
        return order

    def test_the_caller_s_call_joins_their_own_order(self) -> None:
        offered = outage_to_join(self.customer)
        self.assertEqual(offered["outage_order"], self.order)  # intake names their order
        before = WorkOrder.objects.count()
        joined = self.ring(self.customer)
        self.assertEqual(joined, self.order)
        self.assertEqual(WorkOrder.objects.count(), before)
        self.assertEqual(self.order.calls.count(), 2)
        # Their order is the crew's job, so the outage's order since the crew was sent (walk41, 1).
        self.assertEqual(OutageLink.objects.get(outage=self.outage).order, self.order)

    def test_a_neighbour_s_call_joins_the_crew_s_job_as_the_outage_s_order(self) -> None:
        # walk37, 15: never a second order titled after the outage beside the crew's card.
        other = neighbour(self)
        self.assertEqual(outage_to_join(other)["outage_order"], self.order)
        order = self.ring(other)
        self.assertEqual(order, self.order)
        self.assertEqual(OutageLink.objects.get(outage=self.outage).order, self.order)
        self.assertTrue(order.calls.filter(customer=other).exists())


class UrgentCallUnderOutageTests(BaseTestCase):
    """An urgent call (a medical need at home) from a caller under an outage joins their order
    and makes it urgent, with its line of the history; the need is said beside the call on the
    order's page and on the crew's card, and the crew on its way is texted (walk37, 1)."""

    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.crew.phone = "+8613700001111"
        self.crew.save(update_fields=["phone"])
        self.outage, self.order = outage_job(self)
        WorkOrder.objects.filter(pk=self.order.pk).update(urgent=False)  # a routine order

    def ring(
        self, customer: object, text: str = "还没来电，家里老人要用制氧机，很着急"
    ) -> WorkOrder:
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=customer,  # type: ignore[arg-type]
            caller_number="13812345678",
            text=text,
            category="fault_repair",
            urgent=True,
            join_outage=self.outage,
        ).work_order
        assert order is not None
        return order

    def test_the_caller_s_own_order_is_made_urgent(self) -> None:
        joined = self.ring(self.customer)
        self.assertEqual(joined, self.order)
        self.assertTrue(joined.urgent)
        self.order.refresh_from_db()
        self.assertTrue(self.order.urgent)
        self.assertTrue(self.order.events.filter(note_code="made_urgent").exists())
        # The crew, sent and not there yet, is texted that it is now urgent, and why.
        from powerdesk.notifications.models import Delivery

        self.assertTrue(
            Delivery.objects.filter(address="+8613700001111", template="crew_made_urgent").exists()
        )
        self.assertTrue(self.order.events.filter(note_code="crew_told_urgent").exists())

    def test_the_medical_need_is_shown_on_the_order_and_the_crew_s_card(self) -> None:
        self.ring(self.customer)
        self.client.force_login(self.chief)
        page = self.client.get(self.order.get_absolute_url()).content.decode()
        self.assertIn('data-testid="call-urgent"', page)
        self.assertIn(zh("a medical need at home"), page)
        self.client.force_login(self.member)
        card = self.client.get("/desk/crew/").content.decode()
        self.assertIn('data-testid="job-call-urgent"', card)
        self.assertIn(zh("a medical need at home"), card)

    def test_a_neighbour_s_urgent_call_makes_the_outage_s_order_urgent(self) -> None:
        other = neighbour(self)
        self.ring(other)  # opens the outage's order (urgent: no crew ahead yet on it)
        WorkOrder.objects.filter(customer=other).update(urgent=False)
        again = self.ring(other, "还是没电，我爸瘫在床上用呼吸机")
        again.refresh_from_db()
        self.assertTrue(again.urgent)
