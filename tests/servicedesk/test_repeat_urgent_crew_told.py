"""A repeat call that makes an order urgent tells its crew, already on the way, by text message
(walk #26 item 2): that the order is now urgent, why, and the new time to be on site; once,
however often it is asked, and the order's history says so."""

from __future__ import annotations

from django.utils import timezone

from powerdesk.notifications.models import Channel, Delivery, Event
from powerdesk.notifications.texts import render
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.repeats import _crew_told
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase, zh

NUMBER = "0878-1234567"  # 普光荣's
CREW_PHONE = "+8613700001111"


class CrewToldOfUrgentTests(BaseTestCase):
    def setUp(self) -> None:
        self.crew.phone = CREW_PHONE
        self.crew.save(update_fields=["phone"])
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="家里停电了",
            category="fault_repair",
        )
        assert taken.work_order is not None
        self.order = work_order_dispatch(
            work_order=taken.work_order, crew=self.crew, user=self.chief
        )

    def texts_to_crew(self) -> list[Delivery]:
        return list(
            Delivery.objects.filter(channel=Channel.SMS, address=CREW_PHONE)
            .exclude(template="crew_dispatched")
            .order_by("pk")
        )

    def urgent_call(self, text: str) -> None:
        call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text=text,
            category="fault_repair",
            urgent=True,
            repeat_of=self.order,
        )

    def test_the_crew_on_the_way_is_texted_once_why_and_by_when(self) -> None:
        self.urgent_call("还是没电，家里老人在用制氧机，快撑不住了")
        order = WorkOrder.objects.get(pk=self.order.pk)
        self.assertTrue(order.urgent)
        (sms,) = self.texts_to_crew()
        self.assertEqual(sms.notice.event, Event.CREW_DISPATCHED)  # the dispatch's path
        text = render(sms)
        assert order.arrive_due_at is not None
        for part in (
            order.number,
            zh("a medical need at home"),  # 家中有医疗用电需要
            f"{timezone.localtime(order.arrive_due_at):%H:%M}",
        ):
            self.assertIn(part, text)
        self.assertNotIn(zh("a danger"), text)  # no danger was named
        (line,) = order.events.filter(note_code="crew_told_urgent")
        self.assertEqual(line.by, self.clerk)
        self.assertIn(self.crew.name, line.note)
        # The same asked again (a retry, a double submit): no second text, no second line.
        _crew_told(order, order.calls.latest("received_at"), self.clerk)
        self.urgent_call("线断了，在打火，还是没电")
        self.assertEqual(len(self.texts_to_crew()), 1)
        self.assertEqual(order.events.filter(note_code="crew_told_urgent").count(), 1)

    def test_a_danger_is_named_as_the_reason(self) -> None:
        self.urgent_call("门口电线断了掉在地上，还在打火")
        (sms,) = self.texts_to_crew()
        text = render(sms)
        self.assertIn(zh("a danger"), text)
        self.assertNotIn(zh("a medical need at home"), text)

    def test_no_text_to_a_crew_not_sent_or_already_there(self) -> None:
        routine = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="电表箱没电",
            customer=self.customer,
        )
        self.order = routine  # no crew yet: nothing to tell
        self.urgent_call("还是没电，线断了在打火")
        self.assertEqual(self.texts_to_crew(), [])
        self.assertFalse(routine.events.filter(note_code="crew_told_urgent").exists())
