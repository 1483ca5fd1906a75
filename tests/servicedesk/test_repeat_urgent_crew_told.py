"""A repeat call that makes an order urgent tells its crew, already on the way, by text message
(walk #26 item 2): that the order is now urgent, why, and the new time to be on site; once,
however often it is asked, and the order's history says so. In the words of its dispatch text
(review 27, M4): the same opening with each danger named, the same place, the words of the call
cut the same way, the same on-site time and the number to ring."""

from __future__ import annotations

from powerdesk.lib.days import day_and_time
from powerdesk.notifications.dispatch_texts import dispatch_facts
from powerdesk.notifications.models import Channel, Delivery, Event
from powerdesk.notifications.texts import render, render_text
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.repeats import _crew_told, repeat_made_urgent
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase, zh


def now_urgent(order: WorkOrder, why: str) -> str:
    """How the text opens: "【光禄供电所】【紧急：医疗需要】派工…已转为紧急"."""
    return zh("[%(station)s][URGENT: %(why)s] Job %(number)s is now urgent") % {
        "station": "光禄供电所",
        "why": why,
        "number": order.number,
    }


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
        self.urgent_call("老人用制氧机，撑不住了")
        order = WorkOrder.objects.get(pk=self.order.pk)
        self.assertTrue(order.urgent)
        (sms,) = self.texts_to_crew()
        self.assertEqual(sms.notice.event, Event.CREW_DISPATCHED)  # the dispatch's path
        text = render(sms)
        assert order.arrive_due_at is not None
        self.assertTrue(text.startswith(now_urgent(order, zh("medical need"))), text)
        self.assertIn(" 故障报修 左门·哔叭 ", text)  # what and where, as the dispatch said
        for part in (
            zh("account %(account)s") % {"account": "53250000001"},
            "老人用制氧机，撑不住了",  # this call's words
            zh("on site by %(deadline_when)s")
            % {"deadline_when": day_and_time(order.arrive_due_at)},
        ):
            self.assertIn(part, text)
        self.assertTrue(text.endswith(zh("caller %(contact)s") % {"contact": "0878 123 4567"}))
        self.assertNotIn(zh("a line down or low"), text)  # no danger was named
        (line,) = order.events.filter(note_code="crew_told_urgent")
        self.assertEqual(line.by, self.clerk)
        self.assertIn(self.crew.name, line.note)
        # The same asked again (a retry, a double submit): no second text, no second line.
        _crew_told(order, order.calls.latest("received_at"), self.clerk)
        self.assertEqual(len(self.texts_to_crew()), 1)
        self.assertEqual(order.events.filter(note_code="crew_told_urgent").count(), 1)
        # Another urgent call on the order, urgent already, brings its own reason (a line down,
        # sparks): the crew is told of it too, once for that call (walk39, 7).
        self.urgent_call("线断了，在打火，还是没电")
        later = order.calls.latest("received_at")
        _crew_told(order, later, self.clerk, again=True)  # asked again: once
        self.assertEqual(len(self.texts_to_crew()), 2)
        self.assertIn(zh("a line down or low"), render(self.texts_to_crew()[-1]))
        # Told as a new reason on an order urgent already (walk40, 3), not "now urgent" again.
        self.assertEqual(order.events.filter(note_code="crew_told_urgent").count(), 1)
        self.assertEqual(order.events.filter(note_code="crew_told_urgent_added").count(), 1)

    def test_each_danger_is_named_as_a_fresh_dispatch_of_the_order_names_it(self) -> None:
        self.urgent_call("门口电线断了掉在地上，还在打火")
        (sms,) = self.texts_to_crew()
        text = render(sms)
        order = WorkOrder.objects.get(pk=self.order.pk)
        why = zh("、").join([zh("a line down or low"), zh("arcing or sparks")])
        self.assertTrue(text.startswith(now_urgent(order, why)), text)
        self.assertNotIn(zh("medical need"), text)
        # The dispatch's own text for the order now: the same opening, the same place.
        _key, facts, _order = dispatch_facts(self.crew, order=order) or ("", {}, None)
        fresh = render_text("crew_dispatched", {"station": "光禄供电所", **facts})
        opening = zh("[%(station)s][URGENT: %(why)s] Job %(number)s") % {
            "station": "光禄供电所",
            "why": why,
            "number": order.number,
        }
        self.assertTrue(fresh.startswith(opening + " 故障报修 左门·哔叭"), fresh)
        self.assertIn(" 故障报修 左门·哔叭", text)

    def test_two_urgent_calls_at_once_make_one_history_line(self) -> None:
        """Review 27, L1: the second waits for the first's lock, then finds it urgent."""
        stale = WorkOrder.objects.get(pk=self.order.pk)  # read before the first call made it urgent
        self.urgent_call("还是没电，家里老人在用制氧机，快撑不住了")
        second = self.order.calls.latest("received_at")
        self.assertFalse(stale.urgent)
        self.assertFalse(repeat_made_urgent(stale, second, self.clerk))
        self.assertEqual(self.order.events.filter(note_code="made_urgent").count(), 1)

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


class CrewAtWorkToldTests(BaseTestCase):
    """Walk39, 3: a crew already at work there is told too (which house has an oxygen machine
    decides what to restore first), and no arrival time is set for a crew that has arrived."""

    setUp = CrewToldOfUrgentTests.setUp
    texts_to_crew = CrewToldOfUrgentTests.texts_to_crew
    urgent_call = CrewToldOfUrgentTests.urgent_call

    def test_a_crew_on_site_is_told_and_given_no_time_to_arrive(self) -> None:
        for step in ("on_the_way", "on_site"):
            self.order = work_order_transition(
                work_order=self.order, to_status=step, user=self.chief
            )
        due_before = self.order.arrive_due_at
        self.urgent_call("还是没电，家里老人用制氧机")
        order = WorkOrder.objects.get(pk=self.order.pk)
        self.assertTrue(order.urgent)
        self.assertEqual(order.arrive_due_at, due_before)
        (sms,) = self.texts_to_crew()
        self.assertIn("老人用制氧机", render(sms))
        self.assertTrue(order.events.filter(note_code="made_urgent_no_arrival").exists())
        self.assertFalse(order.events.filter(note_code="made_urgent").exists())
