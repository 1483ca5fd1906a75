"""A call taken by someone who may take calls but not open work orders (the administrator at
the phone at night) waits, marked, for the desk, who opens its order from the call's page:
never lost, never two orders for one call (walkthrough: the administrator's fault call was
saved with "no work order was opened" and no one could open one)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.servicedesk.call_order import call_open_order, calls_waiting_for_order
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase, make_user, post_intake, zh


class CallWaitingForOrderTests(BaseTestCase):
    def setUp(self) -> None:
        self.admin = make_user("night_admin", self.station_a, Role.ADMIN, full_name="值夜管理员")

    def take_as_admin(self, **data: str) -> Call:
        self.login(self.admin)
        page = self.client.get(reverse("servicedesk:intake"))
        self.assertEqual(page.status_code, 200)
        response = post_intake(
            self.client,
            {
                "caller_number": "13900001111",
                "text": "我家电表烧了，现在没电",
                "village": str(self.village.pk),
                **data,
            },
        )
        self.assertEqual(response.status_code, 302)
        return Call.objects.filter(station=self.station_a).latest("pk")

    def test_the_administrator_is_not_offered_an_order_and_the_call_waits_for_the_desk(
        self,
    ) -> None:
        self.login(self.admin)
        panel = self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": "13900001111", "text": "没电了", "category": "fault_repair"},
        )
        self.assertNotContains(panel, 'data-testid="new-matter"')
        self.assertContains(panel, "登记来电，由营业厅开工单")
        call = self.take_as_admin(category="fault_repair", action="new")  # a stale page
        self.assertTrue(call.needs_order)
        self.assertIsNone(call.work_order_id)
        self.assertFalse(WorkOrder.objects.filter(station=self.station_a).exists())
        said = self.client.get(reverse("servicedesk:intake"))
        self.assertContains(said, "等营业厅开工单")
        # The administrator may read the call but not open its order, by page or by service.
        page = self.client.get(reverse("servicedesk:call", args=[call.pk]))
        self.assertContains(page, 'data-testid="needs-order"')
        self.assertNotContains(page, 'data-testid="open-order"')
        refused = self.client.post(reverse("servicedesk:call_order", args=[call.pk]))
        self.assertEqual(refused.status_code, 403)
        with self.assertRaises(NotAllowed):
            call_open_order(call=call, user=self.admin)
        self.assertFalse(WorkOrder.objects.filter(station=self.station_a).exists())

    def test_the_desk_finds_the_call_and_opens_its_order_once(self) -> None:
        call = self.take_as_admin(category="fault_repair")
        log_only = self.take_as_admin(category="fault_repair", action="log")
        self.assertFalse(log_only.needs_order)  # logged only on purpose: nothing waits
        # The administrator's home page does not send them to it; the clerk's shows it.
        self.assertNotContains(self.client.get(reverse("web:home")), 'data-testid="calls-waiting"')
        self.login(self.clerk)
        home = self.client.get(reverse("web:home"))
        self.assertContains(home, 'data-testid="calls-waiting"')
        self.assertContains(home, reverse("servicedesk:call", args=[call.pk]))
        listed = self.client.get(reverse("servicedesk:calls"), {"show": "waiting"})
        self.assertEqual([c.pk for c in listed.context["page"]], [call.pk])
        self.assertEqual(list(calls_waiting_for_order(self.station_a)), [call])
        page = self.client.get(reverse("servicedesk:call", args=[call.pk]))
        self.assertContains(page, 'data-testid="open-order"')
        first = self.client.post(reverse("servicedesk:call_order", args=[call.pk]))
        again = self.client.post(reverse("servicedesk:call_order", args=[call.pk]))  # double click
        order = WorkOrder.objects.get(station=self.station_a)
        self.assertRedirects(first, order.get_absolute_url(), fetch_redirect_response=False)
        self.assertRedirects(again, order.get_absolute_url(), fetch_redirect_response=False)
        call.refresh_from_db()
        self.assertEqual(call.work_order, order)
        self.assertFalse(call.needs_order)
        self.assertEqual(order.category, "fault_repair")
        self.assertIn("电表烧了", order.title)
        self.assertEqual(order.owner, self.clerk)
        self.assertFalse(calls_waiting_for_order(self.station_a).exists())
        self.assertNotContains(self.client.get(reverse("web:home")), 'data-testid="calls-waiting"')
        page = self.client.get(reverse("servicedesk:call", args=[call.pk]))
        self.assertNotContains(page, 'data-testid="open-order"')

    def test_another_station_s_clerk_cannot_open_it(self) -> None:
        call = self.take_as_admin(
            category="hazard",
            text="路边电线断了掉在地上",
            village=str(self.village.pk),
            place="村口",
        )
        self.assertTrue(call.needs_order)
        other = make_user("clerk_b", self.station_b, Role.COUNTER)
        self.login(other)
        response = self.client.post(reverse("servicedesk:call_order", args=[call.pk]))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(calls_waiting_for_order(self.station_b).exists())
        self.assertFalse(WorkOrder.objects.exists())

    def test_the_counter_home_names_a_waiting_caller_and_says_the_call_waits(self) -> None:
        call = self.take_as_admin(category="fault_repair", caller_name="王大妈")
        self.assertTrue(call.needs_order)
        self.login(self.clerk)
        home = self.client.get(reverse("web:home")).content.decode()
        waiting = home[home.index('data-testid="calls-waiting"') :]
        self.assertIn("王大妈", waiting[: waiting.index("</ul>")])
        # Today's calls say it waits for its order, not only that it was answered.
        items = [li.split("</li>")[0] for li in home.split("<li>")]
        said = [li for li in items if reverse("servicedesk:call", args=[call.pk]) in li]
        self.assertTrue(any("待开工单" in li for li in said), said)


class LiaisonReportWaitingTests(BaseTestCase):
    """A liaison's report with no villager named is shown on the counter's home with who
    reported it, the village and the start of its words, not only its time (walkthrough 26,
    finding 4: "1 个来电待开工单 · 12-03 22:16" and nothing else)."""

    def test_the_box_names_the_liaison_the_village_and_the_words(self) -> None:
        from powerdesk.accounts.models import Membership
        from powerdesk.community.liaison import liaison_report

        liaison = make_user("zm", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        found = liaison_report(
            user=liaison,
            village=self.village,
            group=self.group,
            text="😀⚡️电表不走了，整个组的表都不走了，请派人来看看，谢谢",
        )
        call = found if isinstance(found, Call) else found.calls.get()
        # As taken while no classifier was stored (the walk's case): no category, no order yet.
        if call.work_order_id is not None:
            order_id = call.work_order_id
            Call.objects.filter(pk=call.pk).update(work_order=None, needs_order=True, category="")
            WorkOrder.objects.filter(pk=order_id).delete()
        call.refresh_from_db()
        self.assertTrue(call.needs_order)
        self.assertEqual(call.caller_name, "")
        self.login(self.clerk)
        home = self.client.get(reverse("web:home")).content.decode()
        waiting = home[home.index('data-testid="calls-waiting"') :]
        line = waiting[: waiting.index("</li>")]
        self.assertIn(zh("Village liaison"), line)
        self.assertIn("左门村委会 李文华", line)
        self.assertIn("左门·哔叭", line)
        self.assertIn("😀⚡️电表不走了，整个组的表都", line)
        self.assertIn("…", line)  # the start of the words, the cut shown
        # Today's calls name the liaison and the village too (walk27), not only a time.
        today = home[home.index(f'<a class="btn" href="{reverse("servicedesk:intake")}">') :]
        today = today[today.index(reverse("servicedesk:call", args=[call.pk])) :]
        today_line = today[: today.index("</li>")]
        self.assertIn("左门村委会 李文华", today_line)

    def test_a_liaison_s_report_that_reads_as_nothing_waits_for_the_desk(self) -> None:
        """ "😀😀⚡️" from a village liaison (walkthrough 27): a known person's report is read by
        a clerk, never closed as answered with no order and nobody to call back."""
        from powerdesk.accounts.models import Membership
        from powerdesk.community.liaison import liaison_report

        liaison = make_user("zm3", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        found = liaison_report(user=liaison, village=self.village, group=self.group, text="😀😀⚡️")
        call = found if isinstance(found, Call) else found.calls.get()
        self.assertTrue(call.needs_order, call.status)
        self.assertIsNone(call.work_order_id)
        self.assertIn(call, calls_waiting_for_order(self.station_a))
