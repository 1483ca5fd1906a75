"""A person's work at a station ended by its administrator (review 33, finding 1): the page says
first what they hold there — their crews, the work orders they own (a callback still to make
too), their hard problems and steps, the promises they made — each linked; ending it hands that
work back to the station (no owner: the desk's list of work with no owner), each item's own
history saying who handed it back and why; the crews they left and led are recorded with the
ending and shown in the audit trail and on the staff page. Only the administrator; nothing of
another station, nor finished work, is touched."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Crew, Membership, MembershipEnded, Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.accounts.staff import membership_end, membership_end_ask
from powerdesk.notifications import audience
from powerdesk.ops.audit import audit_entries
from powerdesk.outreach.services import visit_plan_once
from powerdesk.servicedesk.followup import hard_problem_add_step, hard_problem_open
from powerdesk.servicedesk.models import HardProblem, HardProblemStep, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.promises import promise_make
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, make_user, zh


class StaffEndHandsBackTests(BaseTestCase):
    def setUp(self) -> None:
        self.leaver = make_user("gl_dispatch", self.station_a, Role.DISPATCHER, full_name="段调度")
        Membership.objects.create(user=self.leaver, station=self.station_b, role=Role.DISPATCHER)
        self.admin = make_user("gl_admin", self.station_a, Role.ADMIN, is_staff=True)
        self.crew.members.add(self.leaver)
        self.led = Crew.objects.create(station=self.station_a, name="抢修二班", leader=self.leaver)

        def order(station, summary):  # type: ignore[no-untyped-def]
            return work_order_create(
                station=station, user=self.leaver, category="business", summary=summary
            )

        self.open_order = order(self.station_a, "过户")
        self.callback_order = order(self.station_a, "换表")
        WorkOrder.objects.filter(pk=self.callback_order.pk).update(
            status="resolved", callback_due_at=timezone.now() + dt.timedelta(days=1)
        )
        self.closed_order = order(self.station_a, "已办结")
        WorkOrder.objects.filter(pk=self.closed_order.pk).update(status="closed")
        self.b_order = order(self.station_b, "栋川的工单")
        self.problem = hard_problem_open(station=self.station_a, user=self.leaver, title="低电压")
        self.chiefs = hard_problem_open(station=self.station_a, user=self.chief, title="树障")
        self.step = hard_problem_add_step(
            problem=self.chiefs,
            user=self.chief,
            title="联系林业站",
            owner=self.leaver,
            due_on=timezone.localdate() + dt.timedelta(days=7),
        )
        self.promise = promise_make(
            station=self.station_a,
            user=self.leaver,
            text="明天上门过户",
            due_at=timezone.now() + dt.timedelta(days=1),
            work_order=self.open_order,
        )
        self.visit = visit_plan_once(
            station=self.station_a,
            user=self.clerk,
            date=timezone.localdate() + dt.timedelta(days=3),
            title="左门村安全用电进村入户",
            villages=[self.village],
            staff=[self.clerk, self.leaver],
            topics=["safe_use"],
        )[0]
        self.url = reverse("accounts:staff_end", args=[self.leaver.pk])

    def test_the_page_says_what_they_hold_before_it_is_confirmed(self) -> None:
        self.login(self.admin)
        staff = self.client.get(reverse("accounts:staff"))
        self.assertContains(staff, f'href="{self.url}"')
        page = self.client.get(self.url)
        self.assertEqual(page.status_code, 200)
        held = page.context["asked"].held
        self.assertEqual(
            held.counts, {"orders": 2, "problems": 1, "steps": 1, "visits": 1, "promises": 1}
        )
        self.assertContains(page, f'href="{self.visit.get_absolute_url()}"')
        for order in (self.open_order, self.callback_order):
            self.assertContains(page, f'href="{order.get_absolute_url()}"')
        self.assertNotContains(page, self.closed_order.number)
        self.assertNotContains(page, self.b_order.get_absolute_url())
        self.assertContains(page, f'href="{self.problem.get_absolute_url()}"')
        self.assertContains(page, f'href="{self.chiefs.get_absolute_url()}"')
        self.assertContains(page, "明天上门过户")
        self.assertContains(page, f'href="{reverse("accounts:crew", args=[self.crew.pk])}"')
        self.assertContains(page, f'href="{reverse("accounts:crew", args=[self.led.pk])}"')
        # Looking changes nothing.
        self.assertTrue(Membership.objects.filter(user=self.leaver, station=self.station_a))
        self.assertEqual(WorkOrder.objects.get(pk=self.open_order.pk).owner, self.leaver)

    def test_ending_hands_their_work_back_with_its_history_and_records_the_crews(self) -> None:
        self.login(self.admin)
        answer = self.client.post(self.url, {"reason": "调回栋川"}, follow=True)
        self.assertEqual(answer.status_code, 200)
        # The orders still to finish are the station's, with a line of who, when and why.
        for order in (self.open_order, self.callback_order):
            order.refresh_from_db()
            self.assertIsNone(order.owner)
            line = order.events.get(kind=WorkOrderEvent.Kind.ASSIGNED)
            self.assertEqual((line.by, line.note_code), (self.admin, "handed_back"))
            self.assertEqual(line.note_args["reason"], "调回栋川")
            self.assertEqual(line.note_args["person"], "段调度")
        # Finished work, and their work at the other station, stay as they were.
        self.assertEqual(WorkOrder.objects.get(pk=self.closed_order.pk).owner, self.leaver)
        self.assertEqual(WorkOrder.objects.get(pk=self.b_order.pk).owner, self.leaver)
        # The hard problem and the step have no owner; each plan says it was handed back.
        self.assertIsNone(HardProblem.objects.get(pk=self.problem.pk).owner)
        self.step.refresh_from_db()
        self.assertIsNone(self.step.owner)
        self.assertIsNone(self.step.done_on)  # still to do, by someone else
        for problem in (self.problem, self.chiefs):
            line = HardProblemStep.objects.get(
                problem=problem, title=zh("Handed back to the station")
            )
            self.assertEqual(line.done_by, self.admin)
            self.assertIn("调回栋川", line.note)
        self.assertIn(
            "联系林业站",
            HardProblemStep.objects.get(
                problem=self.chiefs, title=zh("Handed back to the station")
            ).note,
        )
        problems = self.client.get(reverse("servicedesk:hard_problems"))
        self.assertContains(problems, 'data-testid="problem-no-owner"', count=1)
        # In the desk's list of work with no owner.
        listed = self.client.get(reverse("servicedesk:work_orders"), {"show": "unowned"})
        self.assertContains(listed, self.open_order.number)
        self.assertContains(listed, self.callback_order.number)
        self.assertNotContains(listed, self.closed_order.number)
        # Recorded with the crews they left and led, and the work handed back.
        ended = MembershipEnded.objects.get()
        self.assertEqual(ended.crews, ["抢修一班"])
        self.assertEqual(ended.crews_led, ["抢修二班"])
        self.assertEqual(ended.handed_back, {"orders": 2, "problems": 1, "steps": 1, "visits": 1})
        # The planned visit goes ahead with the rest of its staff; its history says so.
        self.assertEqual(list(self.visit.staff.all()), [self.clerk])
        line = self.visit.events.get(what="staff")
        self.assertEqual((line.by, line.note_code), (self.admin, "visit_staff_left"))
        self.led.refresh_from_db()
        self.assertIsNone(self.led.leader)
        [entry] = [e for e in audit_entries(station=self.station_a) if e.kind == "membership_ended"]
        self.assertIn("抢修一班", entry.what)
        self.assertIn("抢修二班", entry.what)
        staff = self.client.get(reverse("accounts:staff"))
        self.assertContains(staff, 'data-testid="staff-ended"')
        self.assertContains(staff, "抢修二班")
        # The promise stays the desk's; its reminders no longer reach them.
        self.promise.refresh_from_db()
        self.assertEqual(self.promise.state, "open")
        self.assertEqual(audience.staff(self.station_a, [self.leaver.pk], "escalation"), [])
        self.assertTrue(audience.staff(self.station_b, [self.leaver.pk], "escalation"))

    def test_a_refused_ending_hands_nothing_back(self) -> None:
        self.login(self.admin)
        answer = self.client.post(self.url, {"reason": " "}, follow=True)
        self.assertContains(answer, 'data-testid="staff-end-error"')
        self.assertContains(answer, zh("Say why their work at the station ends."))
        self.assertContains(answer, self.open_order.number)  # the page again, what they hold
        self.assertEqual(WorkOrder.objects.get(pk=self.open_order.pk).owner, self.leaver)
        self.assertFalse(WorkOrderEvent.objects.filter(note_code="handed_back").exists())
        self.assertFalse(MembershipEnded.objects.exists())

    def test_only_the_administrator_sees_or_ends_it(self) -> None:
        for who in (self.chief, self.clerk, self.leaver):
            self.login(who)
            self.assertEqual(self.client.get(self.url).status_code, 403)
            self.assertEqual(self.client.post(self.url, {"reason": "x"}).status_code, 403)
            with self.assertRaises(NotAllowed):
                membership_end_ask(station=self.station_a, person=self.leaver, user=who)
            with self.assertRaises(NotAllowed):
                membership_end(station=self.station_a, person=self.leaver, user=who, reason="x")
        with self.assertRaises(NotAllowed):  # one's own
            membership_end_ask(station=self.station_a, person=self.admin, user=self.admin)
        self.assertEqual(WorkOrder.objects.get(pk=self.open_order.pk).owner, self.leaver)
        self.assertIsNotNone(HardProblem.objects.get(pk=self.problem.pk).owner)
        self.assertFalse(MembershipEnded.objects.exists())
