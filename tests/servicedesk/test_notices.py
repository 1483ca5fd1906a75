"""A person's notices in a storm: the scan tells the chief one summary instead of a notice per
order; the home page groups them by kind, what is late first; the person's page lists them all,
marks one or all read (a POST, once, recorded), and shows only their own at this station."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse

from powerdesk.accounts.models import Membership, Role
from powerdesk.accounts.tenancy import SESSION_KEY
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Notification, NotificationsRead, WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, make_user

START = dt.datetime(2026, 6, 22, 2, 0, tzinfo=dt.UTC)  # Monday 10:00 in Beijing
HTMX = {"HTTP_HX_REQUEST": "true"}


class ScanSummaryTests(BaseTestCase):
    def storm(self, n: int) -> list[WorkOrder]:
        """Callers' orders opened through the API (no owner), as in the storm replay."""
        return [
            work_order_create(
                station=self.station_a, user=None, category="fault_repair", summary=f"停电{i}"
            )
            for i in range(n)
        ]

    def test_a_storm_s_orders_due_soon_reach_the_chief_as_one_summary_per_scan(self) -> None:
        with time_machine.travel(START, tick=False):
            self.storm(30)
            own = work_order_create(
                station=self.station_a, user=self.clerk, category="fault_repair", summary="一相没电"
            )
        with time_machine.travel(START + dt.timedelta(minutes=40), tick=False):
            escalations_scan(station=self.station_a)
            escalations_scan(station=self.station_a)  # the next run: nothing new to tell
        chief = Notification.objects.filter(recipient=self.chief, kind="due_soon")
        self.assertEqual(chief.count(), 1)
        summary = chief.get()
        self.assertEqual(summary.count, 31)
        self.assertIsNone(summary.work_order_id)
        # the owner still gets their own order, to act on it
        clerk = Notification.objects.filter(recipient=self.clerk, kind="due_soon")
        self.assertEqual([n.work_order_id for n in clerk], [own.pk])
        self.login(self.chief)
        home = self.client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        self.assertIn("31 work orders due within the hour", home)
        self.assertIn(f'href="{reverse("servicedesk:work_orders")}?show=due_soon"', home)

    def test_a_few_orders_are_still_told_one_by_one(self) -> None:
        with time_machine.travel(START, tick=False):
            self.storm(2)
        with time_machine.travel(START + dt.timedelta(minutes=40), tick=False):
            escalations_scan(station=self.station_a)
        chief = Notification.objects.filter(recipient=self.chief, kind="due_soon")
        self.assertEqual(sorted(n.count for n in chief), [1, 1])
        self.assertTrue(all(n.work_order_id for n in chief))


class NoticesTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.order = work_order_create(
            station=cls.station_a, user=cls.clerk, category="hazard", summary="导线落地"
        )

    def tell(
        self, user: object, kind: str, n: int, station: object = None, **extra: object
    ) -> None:
        first = Notification.objects.count()
        for i in range(n):
            Notification.objects.create(
                station=station or self.station_a,
                recipient=user,
                kind=kind,
                key=f"{kind}:{first + i}",
                text=f"{kind} 第{first + i}条",
                **extra,
            )

    def test_the_home_panel_groups_by_kind_and_keeps_what_is_late_first(self) -> None:
        self.tell(self.chief, "overdue", 1, work_order=self.order)  # the oldest
        self.tell(self.chief, "due_soon", 20)
        self.login(self.chief)
        home = self.client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        panel = home.split('data-testid="notice-groups"')[1].split("</ul>")[0]
        lines = panel.split("<li")[1:]
        self.assertEqual(len(lines), 2)
        self.assertIn('data-kind="overdue"', lines[0])
        self.assertIn(self.order.get_absolute_url(), lines[0])
        self.assertIn("20 work orders due within the hour", lines[1])
        self.assertIn(f"{reverse('servicedesk:notices')}?kind=due_soon", lines[1])
        # the page of all of them, from the panel and from the menu
        self.assertGreaterEqual(home.count(f'href="{reverse("servicedesk:notices")}"'), 2)

    def test_one_name_for_the_person_s_notices_on_the_chief_s_home(self) -> None:
        self.tell(self.chief, "overdue", 1, work_order=self.order)
        self.login(self.chief)
        home = self.client.get(reverse("web:home")).content.decode()
        self.assertIn("<h2>给您的提醒", home)
        self.assertNotIn("<h2>您的提醒", home)
        self.assertNotIn(">您的提醒<", home)

    def test_the_page_lists_them_all_a_page_at_a_time_read_or_unread(self) -> None:
        self.tell(self.chief, "due_soon", 55)
        self.tell(self.chief, "overdue", 1, read_at=START)
        self.login(self.chief)
        page = self.client.get(reverse("servicedesk:notices"))
        self.assertEqual(len(page.context["rows"]), 50)
        self.assertEqual(page.context["page"].paginator.count, 55)
        second = self.client.get(reverse("servicedesk:notices"), {"page": 2})
        self.assertEqual(len(second.context["rows"]), 5)
        read = self.client.get(reverse("servicedesk:notices"), {"state": "read"})
        self.assertEqual([r["n"].kind for r in read.context["rows"]], ["overdue"])
        part = self.client.get(reverse("servicedesk:notices"), {"state": "all"}, **HTMX)
        self.assertTemplateUsed(part, "servicedesk/_notice_list.html")
        self.assertTemplateNotUsed(part, "web/base.html")

    def test_mark_all_read_is_a_post_up_to_what_was_shown_once_and_recorded(self) -> None:
        self.tell(self.chief, "due_soon", 3)
        self.login(self.chief)
        page = self.client.get(reverse("servicedesk:notices"))
        upto = page.context["upto"]
        self.tell(self.chief, "overdue", 1)  # comes after the page was drawn
        url = reverse("servicedesk:notices_read_all")
        self.assertEqual(self.client.get(url).status_code, 405)
        self.assertEqual(self.client.post(url).status_code, 400)  # which page? none: nothing
        self.assertEqual(NotificationsRead.objects.count(), 0)
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(self.chief)
        self.assertEqual(strict.post(url, {"upto": upto}).status_code, 403)
        self.assertEqual(Notification.objects.filter(read_at=None).count(), 4)
        response = self.client.post(url, {"upto": upto}, **HTMX)
        self.assertTemplateUsed(response, "servicedesk/_notice_list.html")
        unread = Notification.objects.filter(recipient=self.chief, read_at=None)
        self.assertEqual([n.kind for n in unread], ["overdue"])  # the new one stays
        again = self.client.post(url, {"upto": upto})
        self.assertEqual(again.status_code, 302)
        record = NotificationsRead.objects.get()
        self.assertEqual(
            (record.user, record.station, record.count), (self.chief, self.station_a, 3)
        )

    def test_mark_one_kind_read_from_the_home_panel(self) -> None:
        self.tell(self.chief, "due_soon", 4)
        self.tell(self.chief, "overdue", 1)
        self.login(self.chief)
        upto = Notification.objects.order_by("-pk").first().pk  # type: ignore[union-attr]
        url = reverse("servicedesk:notices_read_all")
        response = self.client.post(url, {"upto": upto, "kind": "due_soon", "next": "/"})
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        unread = Notification.objects.filter(read_at=None)
        self.assertEqual([n.kind for n in unread], ["overdue"])

    def test_mark_one_read_swaps_its_row(self) -> None:
        self.tell(self.chief, "overdue", 1, work_order=self.order)
        notice = Notification.objects.get()
        self.login(self.chief)
        url = reverse("servicedesk:notice_read", args=[notice.pk])
        response = self.client.post(url, **HTMX)
        self.assertTemplateUsed(response, "servicedesk/_notice_row.html")
        self.assertContains(response, f'id="notice-{notice.pk}"')
        notice.refresh_from_db()
        first = notice.read_at
        self.assertIsNotNone(first)
        self.client.post(url)
        notice.refresh_from_db()
        self.assertEqual(notice.read_at, first)

    def test_each_station_sees_and_marks_only_its_own_notices(self) -> None:
        both = make_user("county", self.station_a, Role.DISPATCHER)
        Membership.objects.create(user=both, station=self.station_b, role=Role.DISPATCHER)
        self.tell(both, "due_soon", 2, station=self.station_a)
        self.tell(both, "outage", 1, station=self.station_b)
        self.tell(self.chief, "overdue", 1, work_order=self.order)
        a_notice = Notification.objects.get(recipient=self.chief)
        # station B's chief: none of A's, and A's notice is not found
        self.login(self.outsider)
        page = self.client.get(reverse("servicedesk:notices"), {"state": "all"})
        self.assertEqual(page.context["rows"], [])
        read = reverse("servicedesk:notice_read", args=[a_notice.pk])
        self.assertEqual(self.client.post(read).status_code, 404)
        url = reverse("servicedesk:notices_read_all")
        self.client.post(url, {"upto": a_notice.pk + 100})
        a_notice.refresh_from_db()
        self.assertIsNone(a_notice.read_at)
        # someone of both stations, working at B: B's notices only, and marks only those
        self.client.force_login(both)
        session = self.client.session
        session[SESSION_KEY] = self.station_b.pk
        session.save()
        page = self.client.get(reverse("servicedesk:notices"))
        self.assertEqual([r["n"].kind for r in page.context["rows"]], ["outage"])
        self.client.post(url, {"upto": a_notice.pk + 100})
        self.assertEqual(
            Notification.objects.filter(recipient=both, read_at=None).count(), 2
        )  # A's two stay unread
        self.assertEqual(NotificationsRead.objects.get().station, self.station_b)

    def test_the_chief_reads_in_the_audit_who_marked_notices_read(self) -> None:
        self.tell(self.clerk, "due_soon", 3)
        self.login(self.clerk)
        upto = Notification.objects.order_by("-pk").first().pk  # type: ignore[union-attr]
        self.client.post(reverse("servicedesk:notices_read_all"), {"upto": upto})
        self.login(self.chief)
        page = self.client.get(reverse("ops:audit"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, 'data-kind="notices_read"')
        self.assertContains(page, "marked 3 notices read")
