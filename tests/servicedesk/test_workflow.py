"""A work order's steps each need what they must, the page offers only what the state machine and
the person's role allow, and a crew cannot do the office's work."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from powerdesk.accounts.models import Crew, Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.deadlines import policy_for
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.order_field import work_order_pause, work_order_resume
from powerdesk.servicedesk.services import (
    WorkOrderError,
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase, make_user


class StepRequirementTests(BaseTestCase):
    def fault(self) -> WorkOrder:
        return work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="哔叭停电",
            customer=self.customer,
        )

    def test_no_crew_is_on_the_way_before_one_is_dispatched(self) -> None:
        order = self.fault()
        with self.assertRaisesMessage(WorkOrderError, "请先派出班组"):
            work_order_transition(work_order=order, to_status="on_the_way", user=self.chief)

    def test_a_fault_is_not_resolved_from_the_office_without_a_crew(self) -> None:
        with self.assertRaisesMessage(WorkOrderError, "现场"):
            work_order_transition(
                work_order=self.fault(), to_status="resolved", user=self.chief, cause="x"
            )

    def test_a_fault_is_resolved_only_with_its_cause_and_device(self) -> None:
        order = work_order_dispatch(work_order=self.fault(), crew=self.crew, user=self.chief)
        work_order_transition(work_order=order, to_status="on_site", user=self.chief)
        with self.assertRaisesMessage(WorkOrderError, "原因"):
            work_order_transition(work_order=order, to_status="resolved", user=self.chief)
        with self.assertRaisesMessage(WorkOrderError, "设备"):
            work_order_transition(
                work_order=order, to_status="resolved", user=self.chief, cause="熔断器熔断"
            )
        order = work_order_transition(
            work_order=order,
            to_status="resolved",
            user=self.chief,
            cause="熔断器熔断",
            device=self.fuse,
        )
        self.assertEqual(order.status, "resolved")

    def test_an_office_request_is_resolved_with_what_was_done(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="business", summary="更名"
        )
        with self.assertRaisesMessage(WorkOrderError, "处理"):
            work_order_transition(work_order=order, to_status="resolved", user=self.clerk)
        order = work_order_transition(
            work_order=order, to_status="resolved", user=self.clerk, note="已办理更名"
        )
        self.assertEqual(order.resolution, "已办理更名")

    def test_a_customer_reached_on_the_callback_gives_a_score(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="business", summary="更名"
        )
        order = work_order_transition(
            work_order=order, to_status="resolved", user=self.clerk, note="已办理"
        )
        with self.assertRaisesMessage(WorkOrderError, "评分"):
            callback_record(work_order=order, user=self.clerk, outcome="reached")
        order.refresh_from_db()
        self.assertEqual(order.status, "resolved")

    def test_an_unknown_status_is_a_message_not_a_server_error(self) -> None:
        with self.assertRaisesMessage(WorkOrderError, "不是工单的状态"):
            work_order_transition(work_order=self.fault(), to_status="exploded", user=self.chief)

    def test_a_called_back_order_is_not_closed_before_its_callback(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="business", summary="更名"
        )
        order = work_order_transition(
            work_order=order, to_status="resolved", user=self.clerk, note="已办理"
        )
        with self.assertRaisesMessage(WorkOrderError, "回访"):
            work_order_transition(work_order=order, to_status="closed", user=self.chief)


class OrderPageTests(BaseTestCase):
    def setUp(self) -> None:
        self.order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="哔叭停电",
            customer=self.customer,
        )
        self.url = reverse("servicedesk:work_order_action", args=[self.order.pk])

    def page(self) -> str:
        return self.client.get(self.order.get_absolute_url()).content.decode()

    def test_before_dispatch_only_dispatch_is_offered(self) -> None:
        self.login(self.chief)
        page = self.page()
        self.assertIn('name="action" value="dispatch"', page)
        self.assertNotIn('value="on_the_way"', page)
        self.assertNotIn('value="resolved"', page)

    def test_after_dispatch_the_field_steps_are_offered(self) -> None:
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        self.login(self.chief)
        page = self.page()
        self.assertIn('value="on_the_way"', page)
        self.assertIn('value="resolved"', page)

    def test_a_paused_order_offers_no_step(self) -> None:
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        work_order_pause(work_order=self.order, reason="等用户", user=self.clerk)
        self.login(self.chief)
        page = self.page()
        self.assertNotIn('value="on_the_way"', page)
        self.assertIn('value="resume"', page)

    def test_the_device_may_be_named_instead_of_coded(self) -> None:
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        self.login(self.chief)
        self.client.post(self.url, {"action": "status", "to": "on_site"})
        self.client.post(
            self.url,
            {
                "action": "status",
                "to": "resolved",
                "cause": "熔断器熔断",
                "device": "哔叭支线02号杆跌落式熔断器",
            },
        )
        self.order.refresh_from_db()
        self.assertEqual((self.order.status, self.order.device_found), ("resolved", self.fuse))

    def test_bad_ids_and_statuses_are_messages_not_server_errors(self) -> None:
        self.login(self.chief)
        for data in (
            {"action": "dispatch", "crew": "abc"},
            {"action": "dispatch", "crew": "²"},
            {"action": "link_problem", "problem": "²"},
            {"action": "dispatch", "crew": "99999999999999999999999"},
            {"action": "link_problem", "problem": "x"},
            {"action": "status", "to": "exploded"},
            {"action": "status", "to": "resolved", "device": "无此设备"},
            {"action": "nonsense"},
        ):
            response = self.client.post(self.url, data, follow=True)
            self.assertEqual(response.status_code, 200, data)
            self.assertContains(response, 'class="messages', msg_prefix=str(data))
        # A note too long is said at its field, what was typed kept (not cut, not lost).
        response = self.client.post(self.url, {"action": "note", "note": "长" * 5000}, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-testid="note-note-error"')
        self.assertFalse(self.order.events.filter(note__startswith="长").exists())
        self.order.refresh_from_db()
        self.assertEqual((self.order.status, self.order.crew), ("received", None))


class CrewRoleTests(BaseTestCase):
    def setUp(self) -> None:
        self.crew_member = make_user("crew1", self.station_a, Role.CREW)
        self.crew.members.add(self.crew_member)
        self.other_crew = Crew.objects.create(station=self.station_a, name="抢修二班")
        self.order = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="哔叭停电"
        )

    def post(self, order: WorkOrder, **data: str) -> int:
        url = reverse("servicedesk:work_order_action", args=[order.pk])
        return self.client.post(url, data).status_code

    def test_a_crew_takes_the_field_steps_of_its_own_orders(self) -> None:
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        self.login(self.crew_member)
        self.post(self.order, action="status", to="on_the_way")
        self.post(self.order, action="status", to="on_site")
        self.post(self.order, action="status", to="resolved", cause="熔断器熔断", device="ZM-B01-F")
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "resolved")

    def test_a_crew_cannot_do_the_office_s_work(self) -> None:
        self.login(self.crew_member)
        for data in (
            {"action": "dispatch", "crew": str(self.crew.pk)},
            {"action": "pause", "reason": "x"},
        ):
            self.assertEqual(self.post(self.order, **data), 403, data)
        self.order.refresh_from_db()
        self.assertEqual(
            (self.order.status, self.order.crew, self.order.paused_at), ("received", None, None)
        )

    def test_a_crew_cannot_touch_another_crew_s_order(self) -> None:
        work_order_dispatch(work_order=self.order, crew=self.other_crew, user=self.chief)
        self.login(self.crew_member)
        self.assertEqual(self.post(self.order, action="status", to="on_the_way"), 403)
        self.assertEqual(self.post(self.order, action="note", note="x"), 403)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "dispatched")

    def test_a_crew_cannot_record_a_callback_or_close(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="business", summary="更名"
        )
        order = work_order_transition(
            work_order=order, to_status="resolved", user=self.clerk, note="已办理"
        )
        with self.assertRaises(NotAllowed):
            callback_record(
                work_order=order, user=self.crew_member, outcome="reached", satisfaction=5
            )
        with self.assertRaises(NotAllowed):
            work_order_transition(work_order=order, to_status="closed", user=self.crew_member)
        self.login(self.crew_member)
        self.assertEqual(
            self.post(order, action="callback", outcome="reached", satisfaction="5"), 403
        )

    def test_the_crew_s_page_offers_no_office_action(self) -> None:
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        self.login(self.crew_member)
        page = self.client.get(self.order.get_absolute_url()).content.decode()
        self.assertIn('value="on_the_way"', page)
        for action in ("dispatch", "pause", "reopen", "callback"):
            self.assertNotIn(f'name="action" value="{action}"', page)


class ReopenTests(BaseTestCase):
    def test_a_reopened_order_is_sent_again_with_no_stale_visit(self) -> None:
        from powerdesk.servicedesk.order_again import work_order_reopen

        order = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="停电"
        )
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        for status in ("on_site", "resolved"):
            order = work_order_transition(
                work_order=order, to_status=status, user=self.chief, cause="雷击", device=self.fuse
            )
        order = work_order_reopen(work_order=order, reason="还是没电", user=self.chief)
        self.assertEqual(
            (order.status, order.crew, order.arrived_at, order.cause, order.device_found),
            ("received", None, None, "", None),
        )
        self.assertTrue(order.events.filter(note="雷击").exists())  # the last visit's finding

    def test_a_number_that_cannot_be_a_phone_is_refused_at_intake(self) -> None:
        from tests.base import post_intake

        self.login(self.clerk)
        response = post_intake(self.client, {"caller_number": "abc<script>", "text": "停电"})
        self.assertContains(response, "电话号码只能包含数字")
        # Digits only but too short: said as such, not as a wrong character.
        response = post_intake(self.client, {"caller_number": "1", "text": "停电"})
        self.assertContains(response, "电话号码至少有 3 位数字（1 太短）")
        self.assertNotContains(response, "电话号码只能包含数字")
        self.assertFalse(WorkOrder.objects.exists())


class CrewKeepsWhatWasTypedTests(BaseTestCase):
    def test_a_refused_resolution_is_shown_again_with_what_the_crew_typed(self) -> None:
        crew_member = make_user("crew1", self.station_a, Role.CREW)
        self.crew.members.add(crew_member)
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="停电"
        )
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        self.login(crew_member)
        url = reverse("servicedesk:crew_step", args=[order.pk])
        self.client.post(url, {"step": "on_site"})
        page = self.client.post(
            url,
            {"step": "cause_found", "cause": "熔断器底座被雷击穿", "device": "没有这个设备"},
            follow=True,
        )
        self.assertContains(page, "没有这个设备")
        self.assertContains(page, 'value="熔断器底座被雷击穿"')
        self.assertContains(page, 'value="没有这个设备"')
        order.refresh_from_db()
        self.assertEqual((order.status, order.cause), ("on_site", ""))


class UrgentFaultDeadlineTests(BaseTestCase):
    def test_an_urgent_fault_order_is_due_on_site_at_the_hazards_time(self) -> None:
        def order(urgent: bool) -> WorkOrder:
            return work_order_create(
                station=self.station_a,
                user=self.clerk,
                category="fault_repair",
                summary="停电了，家里老人吸氧",
                customer=self.customer,
                urgent=urgent,
            )

        plain, urgent = order(False), order(True)
        assert plain.arrive_due_at and urgent.arrive_due_at
        self.assertLess(
            urgent.arrive_due_at - urgent.created_at, plain.arrive_due_at - plain.created_at
        )
        hazard_minutes = policy_for(self.station_a.pk).hazard_arrive_minutes
        self.assertEqual(
            urgent.arrive_due_at - urgent.created_at, dt.timedelta(minutes=hazard_minutes)
        )


class UrgentPauseTests(BaseTestCase):
    """A danger or a medical need does not wait for "come tomorrow": before a crew is on site
    only the chief may stop an urgent order's clock; anyone in the office may start it again."""

    def urgent_order(self) -> WorkOrder:
        return work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="hazard",
            summary="我家电表箱冒烟了",
            customer=self.customer,
        )

    def test_the_office_cannot_pause_an_urgent_order_before_a_crew_is_on_site(self) -> None:
        order = self.urgent_order()
        with self.assertRaisesMessage(WorkOrderError, "所长"):
            work_order_pause(work_order=order, reason="用户要求明天再来", user=self.clerk)
        order.refresh_from_db()
        self.assertIsNone(order.paused_at)
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:work_order", args=[order.pk]))
        self.assertContains(page, 'data-testid="pause-held"')
        self.assertNotContains(page, 'name="action" value="pause"')

    def test_the_chief_may_and_anyone_in_the_office_resumes(self) -> None:
        order = self.urgent_order()
        work_order_pause(work_order=order, reason="用户要求明天再来", user=self.chief)
        order.refresh_from_db()
        self.assertIsNotNone(order.paused_at)
        work_order_resume(work_order=order, user=self.clerk)
        order.refresh_from_db()
        self.assertIsNone(order.paused_at)

    def test_once_a_crew_is_on_site_the_office_may_pause_it(self) -> None:
        order = work_order_dispatch(work_order=self.urgent_order(), crew=self.crew, user=self.chief)
        work_order_transition(work_order=order, to_status="on_site", user=self.chief)
        order.refresh_from_db()
        work_order_pause(work_order=order, reason="等待停电许可", user=self.clerk)
        order.refresh_from_db()
        self.assertIsNotNone(order.paused_at)

    def test_an_order_made_urgent_meanwhile_is_not_paused_from_a_page_read_before(self) -> None:
        """The clerk's page was drawn while the order was routine; an urgent call joined it
        before the pause was sent: the pause is judged on the order as it is now."""
        from powerdesk.servicedesk.call_take import call_take

        routine = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="家里停电了",
            customer=self.customer,
        )
        seen = WorkOrder.objects.get(pk=routine.pk)  # as the clerk's page read it
        call_take(
            station=self.station_a,
            user=self.chief,
            customer=self.customer,
            text="还是没电，家里老人在用制氧机",
            category="fault_repair",
            urgent=True,
            repeat_of=routine,
        )
        with self.assertRaisesMessage(WorkOrderError, "所长"):
            work_order_pause(work_order=seen, reason="用户要求明天再来", user=self.clerk)
        routine.refresh_from_db()
        self.assertTrue(routine.urgent)
        self.assertIsNone(routine.paused_at)
