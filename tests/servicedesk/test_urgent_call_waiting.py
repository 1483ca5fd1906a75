"""An urgent call (a danger to life, a medical need) taken by someone who may not open work
orders (the administrator at the phone at night) waits for the desk like any other; but its
station's dispatchers are told at once, in PowerDesk and by text message, and told again with
the chief if it still has no work order once its commitment has passed. Told once per
occasion (a retry, the scan running again), only at its own station, and shown on the
dispatcher's pages with its urgency."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.notifications.models import Channel, Delivery, Event, Notice
from powerdesk.notifications.texts import render
from powerdesk.servicedesk.call_order import call_open_order
from powerdesk.servicedesk.call_urgent import urgent_call_due, urgent_call_tell
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Call, Notification
from tests.base import BaseTestCase, make_user, post_intake


class UrgentCallWaitingTests(BaseTestCase):
    def setUp(self) -> None:
        self.admin = make_user("night_admin", self.station_a, Role.ADMIN, full_name="值夜管理员")
        self.dispatcher = make_user(
            "dispatcher", self.station_a, Role.DISPATCHER, full_name="王调度", phone="13988887777"
        )
        self.other_dispatcher = make_user(
            "dispatcher_b", self.station_b, Role.DISPATCHER, phone="13966665555"
        )

    def take_as_admin(self, **data: str) -> Call:
        self.login(self.admin)
        response = post_intake(
            self.client,
            {
                "caller_number": "13900001111",
                "village": str(self.village.pk),
                "place": "村口",
                **data,
            },
        )
        self.assertEqual(response.status_code, 302)
        return Call.objects.filter(station=self.station_a).latest("pk")

    def told(self, user_id: int, kind: str = "urgent_call") -> list[Notification]:
        return list(Notification.objects.filter(recipient_id=user_id, kind=kind))

    def test_a_danger_taken_by_the_administrator_reaches_the_dispatcher_at_once(self) -> None:
        call = self.take_as_admin(category="hazard", text="路边电线断了掉在地上，小孩在旁边")
        self.assertTrue(call.urgent)
        self.assertTrue(call.needs_order)
        self.assertIsNone(call.work_order_id)
        (notice,) = self.told(self.dispatcher.pk)
        self.assertEqual(notice.call_id, call.pk)
        self.assertEqual(notice.station, self.station_a)
        # By text message too: at night nobody at the desk is looking at PowerDesk.
        sms = Delivery.objects.get(channel=Channel.SMS, user=self.dispatcher)
        self.assertEqual(sms.address, "+8613988887777")
        self.assertEqual(sms.notice.event, Event.URGENT_CALL)
        text = render(sms)  # what, where, the caller's number: one text message
        for part in ("光禄供电所", "左门", "村口", "139 0000 1111", "路边电线断了"):
            self.assertIn(part, text)
        self.assertLessEqual(len(text), 140)
        # Only the station's own dispatcher; the clerk and the chief are not told yet, nor is
        # the administrator who took it.
        for user in (self.other_dispatcher, self.clerk, self.chief, self.admin):
            self.assertEqual(self.told(user.pk), [], user)
        self.assertFalse(Delivery.objects.filter(user=self.other_dispatcher).exists())
        # Told once: the same telling again (a retry, the scan) adds nothing.
        self.assertFalse(urgent_call_tell(call))
        escalations_scan(station=self.station_a, now=call.received_at + dt.timedelta(minutes=5))
        self.assertEqual(len(self.told(self.dispatcher.pk)), 1)
        self.assertEqual(Delivery.objects.filter(user=self.dispatcher).count(), 2)
        self.assertEqual(Notice.objects.filter(event=Event.URGENT_CALL).count(), 1)

    def test_it_is_told_again_with_the_chief_when_still_without_an_order_when_late(
        self,
    ) -> None:
        call = self.take_as_admin(category="hazard", text="电杆被车撞歪了，线垂到路上")
        due = urgent_call_due(call)
        self.assertEqual(due, call.received_at + dt.timedelta(minutes=45))  # the hazard's
        escalations_scan(station=self.station_a, now=due - dt.timedelta(minutes=1))
        self.assertEqual(self.told(self.chief.pk), [])
        escalations_scan(station=self.station_a, now=due + dt.timedelta(minutes=1))
        for user in (self.dispatcher, self.chief):
            keys = sorted(n.key for n in self.told(user.pk))
            expected = [f"urgent_call_late:{call.pk}"]
            if user == self.dispatcher:
                expected.insert(0, f"urgent_call:{call.pk}")
            self.assertEqual(keys, expected, user)
        escalations_scan(station=self.station_a, now=due + dt.timedelta(minutes=6))
        self.assertEqual(len(self.told(self.chief.pk)), 1)
        self.assertEqual(len(self.told(self.dispatcher.pk)), 2)
        # The call's page says who was told, when, as the dispatcher reads it.
        self.login(self.dispatcher)
        page = self.client.get(reverse("servicedesk:call", args=[call.pk]))
        self.assertContains(page, 'data-testid="urgent-told"')
        self.assertContains(page, "王调度")
        self.assertContains(page, "杨所长")

    def test_an_order_opened_in_time_stops_the_second_telling(self) -> None:
        call = self.take_as_admin(category="hazard", text="变压器冒烟起火了")
        call_open_order(call=call, user=self.dispatcher)
        escalations_scan(station=self.station_a, now=call.received_at + dt.timedelta(hours=2))
        self.assertEqual(self.told(self.chief.pk), [])
        self.assertEqual(len(self.told(self.dispatcher.pk)), 1)

    def test_a_call_that_is_not_urgent_waits_without_telling(self) -> None:
        call = self.take_as_admin(category="business", text="想问一下改户名的手续")
        self.assertTrue(call.needs_order)
        self.assertFalse(call.urgent)
        escalations_scan(station=self.station_a, now=call.received_at + dt.timedelta(days=1))
        self.assertFalse(Notification.objects.filter(kind="urgent_call").exists())

    def test_a_station_without_a_dispatcher_tells_its_chief(self) -> None:
        self.dispatcher.memberships.all().delete()
        call = self.take_as_admin(category="hazard", text="线断了掉在水田里")
        (notice,) = self.told(self.chief.pk)
        self.assertEqual(notice.call_id, call.pk)

    def test_the_dispatcher_sees_it_urgent_on_home_and_in_the_calls_waiting(self) -> None:
        routine = self.take_as_admin(category="business", text="想问一下改户名的手续")
        urgent = self.take_as_admin(category="hazard", text="路边电线断了掉在地上")
        self.login(self.dispatcher)
        home = self.client.get(reverse("web:home"))
        self.assertContains(home, 'data-testid="calls-waiting"')
        self.assertContains(home, reverse("servicedesk:call", args=[urgent.pk]))
        # "Notices to you": the call, where, what was said; leading to the call's page.
        groups = home.content.decode().split('data-testid="notice-groups"')[1]
        self.assertIn('data-kind="urgent_call"', groups.split("</ul>")[0])
        self.assertIn("路边电线断了", groups.split("</ul>")[0])
        listed = self.client.get(reverse("servicedesk:calls"), {"show": "waiting"})
        self.assertEqual([c.pk for c in listed.context["page"]], [urgent.pk, routine.pk])
        self.assertContains(listed, 'data-testid="call-urgent"', count=1)
        notices = self.client.get(reverse("servicedesk:notices"))
        self.assertContains(notices, reverse("servicedesk:call", args=[urgent.pk]))
        # Another station's dispatcher sees none of it.
        self.login(self.other_dispatcher)
        self.assertNotContains(self.client.get(reverse("web:home")), 'data-kind="urgent_call"')

    def test_a_medical_need_at_home_is_urgent_with_the_hazard_s_arrival(self) -> None:
        call = self.take_as_admin(category="fault_repair", text="停电了，家里老人在用制氧机")
        self.assertTrue(call.urgent)
        self.assertTrue(call.needs_order)
        (notice,) = self.told(self.dispatcher.pk)
        self.assertEqual(notice.call_id, call.pk)
        # An urgent fault: a crew on site within the hazard's 45 minutes, not the rural fault's 90.
        self.assertEqual(urgent_call_due(call), call.received_at + dt.timedelta(minutes=45))
        escalations_scan(station=self.station_a, now=call.received_at + dt.timedelta(minutes=40))
        self.assertEqual(self.told(self.chief.pk), [])
        escalations_scan(station=self.station_a, now=call.received_at + dt.timedelta(minutes=46))
        self.assertEqual(len(self.told(self.chief.pk)), 1)

    def test_a_note_cut_for_the_text_message_shows_the_cut(self) -> None:
        self.take_as_admin(
            category="hazard", text="干海组王家门口的电线杆被大水冲歪了，电线很低，娃娃在旁边耍"
        )
        sms = Delivery.objects.get(channel=Channel.SMS, user=self.dispatcher)
        text = render(sms)
        self.assertIn(
            "干海组王家门口的电线杆被大水冲歪了，电…。", text
        )  # 20 characters, the cut shown
