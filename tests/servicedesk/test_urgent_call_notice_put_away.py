"""The dispatchers' "urgent call waiting for a work order" notices are put away once the call has
its order, whoever opens it (walkthrough 28, finding 2: both dispatchers still read "紧急来电待开工
单…请立即开工单并派人" after gl_dispatch had opened the order, and a second dispatcher could open a
second order). Each keeps when and why ("work order opened"), the putting away is on the
station's audit trail, and a late telling is not made any more."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.ops.audit import audit_entries
from powerdesk.servicedesk.call_order import call_open_order
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Call, Notification, NotificationsRead
from powerdesk.servicedesk.notices import notice_groups
from tests.base import BaseTestCase, make_user, post_intake, zh


class UrgentCallNoticePutAwayTests(BaseTestCase):
    def setUp(self) -> None:
        self.admin = make_user("night_admin", self.station_a, Role.ADMIN, full_name="值夜管理员")
        self.county = make_user("county", self.station_a, Role.DISPATCHER, full_name="段调度")
        self.dispatcher = make_user("gl", self.station_a, Role.DISPATCHER, full_name="罗志强")

    def take_as_admin(self) -> Call:
        self.login(self.admin)
        response = post_intake(
            self.client,
            {
                "caller_number": "13900001111",
                "village": str(self.village.pk),
                "place": "村口",
                "category": "hazard",
                "text": "哔叭组02号杆被水冲歪了，电线垂得很低",
            },
        )
        self.assertEqual(response.status_code, 302)
        return Call.objects.filter(station=self.station_a).latest("pk")

    def test_opening_the_order_puts_the_notices_away_for_every_dispatcher(self) -> None:
        call = self.take_as_admin()
        told = Notification.objects.filter(kind="urgent_call", call=call)
        self.assertEqual(told.count(), 2)
        self.assertEqual(told.filter(read_at=None).count(), 2)
        self.login(self.county)
        home = self.client.get(reverse("web:home")).content.decode()
        self.assertIn('data-kind="urgent_call"', home)

        # The other dispatcher opens the order from the call's page.
        self.login(self.dispatcher)
        self.client.post(reverse("servicedesk:call_order", args=[call.pk]))
        call.refresh_from_db()
        order = call.work_order
        assert order is not None
        for notice in told:
            self.assertIsNotNone(notice.read_at, notice.recipient)
            self.assertEqual(notice.read_reason, "order_opened")
        marked = NotificationsRead.objects.get(reason="order_opened")
        self.assertEqual((marked.count, marked.work_order, marked.user), (2, order, None))
        for person in (self.county, self.dispatcher):
            kinds = {g.kind for g in notice_groups(user=person, station=self.station_a)}
            self.assertNotIn("urgent_call", kinds, person)
        self.login(self.county)
        home = self.client.get(reverse("web:home")).content.decode()
        self.assertNotIn('data-kind="urgent_call"', home)
        # The list of read notices says why it went, not "read".
        page = self.client.get(reverse("servicedesk:notices") + "?state=read").content.decode()
        self.assertIn(f'<span data-testid="notice-put-away">{zh("work order opened")} ', page)
        # On the station's audit trail: by the system, which order.
        lines = [e.what for e in audit_entries(station=self.station_a) if e.kind == "notices_read"]
        self.assertTrue(any(order.number in str(line) for line in lines), lines)
        # No late telling for a call that has its order.
        escalations_scan(station=self.station_a, now=call.received_at + dt.timedelta(hours=2))
        self.assertEqual(Notification.objects.filter(kind="urgent_call", read_at=None).count(), 0)

    def test_a_second_press_puts_away_nothing_more(self) -> None:
        call = self.take_as_admin()
        call_open_order(call=call, user=self.dispatcher)
        call_open_order(call=call, user=self.county)
        self.assertEqual(NotificationsRead.objects.filter(reason="order_opened").count(), 1)

    def test_a_notice_read_by_the_person_first_keeps_its_reason(self) -> None:
        call = self.take_as_admin()
        mine = Notification.objects.get(kind="urgent_call", call=call, recipient=self.county)
        self.login(self.county)
        self.client.post(reverse("servicedesk:notice_read", args=[mine.pk]))
        call_open_order(call=call, user=self.dispatcher)
        mine.refresh_from_db()
        self.assertEqual(mine.read_reason, "")
        marked = NotificationsRead.objects.get(reason="order_opened")
        self.assertEqual(marked.count, 1)
