"""A crew already sent to a caller's order when the outage is recorded over that caller (or
confirmed from a prediction) works the outage from that moment, as a crew sent to it does: its
job becomes the outage's order (later callers join it), urgent for the outage with a line of
the order's history, and the crew is texted the outage's job once — not only at the next call,
with nobody texted (fix42a's leftover). Asked again (a retry, a double click on "join the
callers' orders", the same crew sent from the board) it texts nothing more."""

from __future__ import annotations

from django.utils.translation import override

from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.reach import households_below_count
from powerdesk.notifications.texts import render
from powerdesk.outages.joined import (
    outage_join_open_orders,
    outage_join_separate_orders,
    outage_link,
)
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage
from powerdesk.outages.prediction_steps import prediction_confirm
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_dispatch
from powerdesk.servicedesk.urgent_why import order_urgent_why, outage_why
from tests.base import BaseTestCase, zh
from tests.outage_cast import declared
from tests.servicedesk.crew_cast import add_crews, neighbour
from tests.servicedesk.intake_page import predict_outage

CREW_PHONE = "+8613700001111"
STATION = "光禄供电所"


class _CrewOnACallersOrder(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.crew.phone = CREW_PHONE
        self.crew.save(update_fields=["phone"])

    def caller_sent(self) -> WorkOrder:
        """A plain fault call, its order sent to 抢修一班 (texted its plain job)."""
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            caller_number="15886453725",
            text="家里停电了",
            category="fault_repair",
        )
        assert taken.work_order is not None
        order = work_order_dispatch(work_order=taken.work_order, crew=self.crew, user=self.chief)
        self.assertFalse(order.urgent)
        self.assertEqual(len(self.texts()), 1)
        return order

    def texts(self) -> list[str]:
        return [
            render(d)
            for d in Delivery.objects.filter(channel=Channel.SMS, address=CREW_PHONE).order_by("pk")
        ]

    def assert_the_outage_s_job(self, order: WorkOrder, outage: Outage) -> None:
        order.refresh_from_db()
        self.assertEqual(outage_link(outage).order, order)
        self.assertEqual(outage_link(outage).crew, self.crew)
        self.assertTrue(order.urgent)
        (line,) = order.events.filter(note_code__startswith="made_urgent_outage")
        self.assertEqual(line.by, self.chief)
        with override("zh-hans"):
            why = outage_why(households_below_count(self.fuse))
            self.assertEqual(order_urgent_why(order), why)
        # Texted once more, as an outage's dispatch: urgent, for the outage and its households.
        _plain, text = self.texts()
        head = zh("[%(station)s][URGENT: %(why)s] Job %(number)s") % {
            "station": STATION,
            "why": why,
            "number": order.number,
        }
        self.assertTrue(text.startswith(head), text)

    def assert_told_once(self, order: WorkOrder) -> None:
        self.assertEqual(len(self.texts()), 2)
        self.assertEqual(order.events.filter(note_code__startswith="made_urgent_outage").count(), 1)


class RecordedOverTheCallerTests(_CrewOnACallersOrder):
    def setUp(self) -> None:
        super().setUp()
        self.order = self.caller_sent()
        # The dispatcher records the outage on the fuse above the house, as /outages/ does.
        self.outage = declared(self, self.fuse)
        outage_join_open_orders(outage=self.outage, user=self.chief)

    def test_the_crew_s_order_is_the_outage_s_urgent_job_at_once_and_the_crew_is_texted(
        self,
    ) -> None:
        self.assert_the_outage_s_job(self.order, self.outage)

    def test_asked_again_or_the_same_crew_sent_it_texts_nothing_more(self) -> None:
        outage_join_separate_orders(outage=self.outage, user=self.chief)  # a double click
        outage_join_open_orders(outage=self.outage, user=self.chief)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)  # from the board
        self.assert_told_once(self.order)

    def test_a_later_caller_joins_that_job_and_no_order_of_the_outage_is_opened(self) -> None:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=neighbour(self),
            caller_number="13683678621",
            text="我家也没电了",
            category="fault_repair",
        )
        self.assertEqual(taken.work_order, self.order)
        self.assert_told_once(self.order)


class ConfirmedFromAPredictionTests(_CrewOnACallersOrder):
    def test_confirmed_over_the_caller_it_is_the_outage_s_urgent_job_texted_once(self) -> None:
        prediction = predict_outage(self.station_a, self.fuse)
        order = self.caller_sent()
        outage = prediction_confirm(prediction=prediction, user=self.chief)
        self.assert_the_outage_s_job(order, outage)
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        self.assert_told_once(order)
