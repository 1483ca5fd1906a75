"""Work without an owner (handed back as its owner's work at the station ended, or a liaison's
report) taken as one's own ("Take it", 我来负责) or given to someone by the dispatcher or the
chief: on the order's page and the list of orders without an owner, on a hard problem's page and
its steps. Whoever took it meanwhile is named and never written over; the same press twice
changes nothing; each change is a line of the item's history and of the audit trail; a role that
may not own the work is refused (403), another station's people get 404."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.ops.audit import audit_entries
from powerdesk.servicedesk.followup import hard_problem_add_step, hard_problem_open
from powerdesk.servicedesk.models import (
    HardProblem,
    HardProblemStep,
    OwnerChange,
    WorkOrder,
    WorkOrderEvent,
)
from powerdesk.servicedesk.ownership import (
    AlreadyOwned,
    OwnerError,
    hard_problem_owner_set,
    step_owner_set,
    work_order_owner_set,
)
from powerdesk.servicedesk.services import work_order_create
from powerdesk.servicedesk.workflow import WorkOrderError
from tests.base import BaseTestCase, make_user

ASSIGNED = WorkOrderEvent.Kind.ASSIGNED


class TakeUnownedTests(BaseTestCase):
    def setUp(self) -> None:
        self.dispatcher = make_user("disp", self.station_a, Role.DISPATCHER, full_name="段调度")
        self.crewman = make_user("crewman", self.station_a, Role.CREW, full_name="王班员")
        self.admin = make_user("adm", self.station_a, Role.ADMIN, full_name="管理员甲")
        self.liaison = make_user("liaison", self.station_a, Role.LIAISON, full_name="村联络员")
        self.order = work_order_create(
            station=self.station_a, user=self.chief, category="business", summary="过户", owner=None
        )
        self.problem = hard_problem_open(station=self.station_a, user=self.chief, title="低电压")
        HardProblem.objects.filter(pk=self.problem.pk).update(owner=None)
        self.step = hard_problem_add_step(
            problem=self.problem,
            user=self.chief,
            title="联系林业站",
            owner=None,
            due_on=timezone.localdate() + dt.timedelta(days=7),
        )
        self.order_url = reverse("servicedesk:work_order_owner", args=[self.order.pk])
        self.problem_url = reverse("servicedesk:hard_problem_owner", args=[self.problem.pk])

    def lines(self) -> list[WorkOrderEvent]:
        return list(self.order.events.filter(kind=ASSIGNED))

    # -- work orders --------------------------------------------------------------------------
    def test_a_clerk_takes_an_order_from_its_page_recorded_in_its_history_and_the_audit(
        self,
    ) -> None:
        self.login(self.clerk)
        page = self.client.get(self.order.get_absolute_url())
        self.assertContains(page, 'data-testid="order-take"')
        self.assertNotContains(page, 'data-testid="order-give"')  # giving is the dispatcher's
        answer = self.client.post(self.order_url, {"take": "1"}, follow=True)
        self.assertRedirects(answer, self.order.get_absolute_url())
        self.order.refresh_from_db()
        self.assertEqual(self.order.owner, self.clerk)
        [line] = self.lines()
        self.assertEqual((line.by, line.note_code), (self.clerk, "owner_taken"))
        self.assertEqual(line.note_args, {"person": "李秀英"})
        change = OwnerChange.objects.get()
        self.assertEqual((change.by, change.owner, change.kind), (self.clerk, self.clerk, "order"))
        self.assertTrue(change.taken)
        [entry] = [e for e in audit_entries(station=self.station_a) if e.kind == "owner"]
        self.assertIn(self.order.number, entry.what)
        self.assertEqual(entry.who, "李秀英")
        # The page no longer offers it; it says whose it is.
        self.assertNotContains(answer, 'data-testid="order-take"')
        self.assertContains(answer, "李秀英")

    def test_the_same_press_twice_changes_nothing_more(self) -> None:
        self.login(self.clerk)
        self.client.post(self.order_url, {"take": "1"})
        answer = self.client.post(self.order_url, {"take": "1"}, follow=True)
        self.assertEqual(answer.status_code, 200)
        self.assertEqual(len(self.lines()), 1)
        self.assertEqual(OwnerChange.objects.count(), 1)
        self.assertNotIn("error", [m.level_tag for m in answer.context["messages"]])

    def test_taken_meanwhile_by_someone_else_is_refused_naming_who(self) -> None:
        work_order_owner_set(work_order=self.order, user=self.chief)
        self.login(self.clerk)
        answer = self.client.post(self.order_url, {"take": "1"}, follow=True)
        said = " ".join(str(m) for m in answer.context["messages"])
        self.assertIn("杨所长", said)
        self.assertIn(self.order.number, said)
        self.order.refresh_from_db()
        self.assertEqual(self.order.owner, self.chief)
        self.assertEqual(len(self.lines()), 1)
        with self.assertRaises(AlreadyOwned):
            work_order_owner_set(work_order=self.order, user=self.dispatcher, owner=self.clerk)

    def test_an_order_with_an_owner_from_the_start_is_not_written_over(self) -> None:
        mine = work_order_create(
            station=self.station_a, user=self.chief, category="business", summary="换表"
        )
        with self.assertRaises(AlreadyOwned) as refused:
            work_order_owner_set(work_order=mine, user=self.clerk)
        self.assertIn("杨所长", str(refused.exception))
        self.assertEqual(WorkOrder.objects.get(pk=mine.pk).owner, self.chief)

    def test_the_dispatcher_gives_it_to_someone_of_the_office(self) -> None:
        self.login(self.dispatcher)
        page = self.client.get(self.order.get_absolute_url())
        self.assertContains(page, 'data-testid="order-give"')
        people = page.context["owner_offer"]["people"]
        self.assertIn(self.clerk, people)
        self.assertNotIn(self.crewman, people)  # a crew works orders through its crew
        self.assertNotIn(self.admin, people)
        self.client.post(self.order_url, {"owner": self.clerk.pk})
        self.order.refresh_from_db()
        self.assertEqual(self.order.owner, self.clerk)
        [line] = self.lines()
        self.assertEqual((line.by, line.note_code), (self.dispatcher, "owner_given"))
        change = OwnerChange.objects.get()
        self.assertFalse(change.taken)
        [entry] = [e for e in audit_entries(station=self.station_a) if e.kind == "owner"]
        self.assertIn("李秀英", entry.what)
        self.assertEqual(entry.who, "段调度")

    def test_given_to_someone_who_may_not_own_it_is_refused(self) -> None:
        for person in (self.crewman, self.admin, self.liaison, self.outsider):
            with self.subTest(person=person.username), self.assertRaises(OwnerError):
                work_order_owner_set(work_order=self.order, user=self.dispatcher, owner=person)
        self.assertIsNone(WorkOrder.objects.get(pk=self.order.pk).owner)
        self.assertFalse(OwnerChange.objects.exists())

    def test_a_finished_order_is_not_taken(self) -> None:
        WorkOrder.objects.filter(pk=self.order.pk).update(status="closed")
        with self.assertRaises(WorkOrderError):
            work_order_owner_set(work_order=self.order, user=self.clerk)
        self.login(self.clerk)
        page = self.client.get(self.order.get_absolute_url())
        self.assertNotContains(page, 'data-testid="order-take"')

    def test_roles_that_may_not_take_or_give_are_refused(self) -> None:
        for person in (self.crewman, self.admin):
            with self.subTest(person=person.username):
                self.login(person)
                page = self.client.get(self.order.get_absolute_url())
                self.assertNotContains(page, 'data-testid="order-take"')
                self.assertNotContains(page, 'data-testid="order-give"')
                self.assertEqual(self.client.post(self.order_url, {"take": "1"}).status_code, 403)
                answer = self.client.post(self.order_url, {"owner": self.clerk.pk})
                self.assertEqual(answer.status_code, 403)
                with self.assertRaises(NotAllowed):
                    work_order_owner_set(work_order=self.order, user=person)
        # A clerk takes, but gives to nobody.
        self.login(self.clerk)
        self.assertEqual(
            self.client.post(self.order_url, {"owner": self.dispatcher.pk}).status_code, 403
        )
        self.login(self.liaison)
        self.assertEqual(self.client.post(self.order_url, {"take": "1"}).status_code, 403)
        self.login(self.outsider)  # another station's chief and administrator
        self.assertEqual(self.client.post(self.order_url, {"take": "1"}).status_code, 404)
        self.assertIsNone(WorkOrder.objects.get(pk=self.order.pk).owner)
        self.assertFalse(OwnerChange.objects.exists())

    def test_an_empty_post_takes_nothing(self) -> None:
        self.login(self.clerk)
        self.client.post(self.order_url, {})
        self.assertIsNone(WorkOrder.objects.get(pk=self.order.pk).owner)

    def test_the_list_of_orders_without_an_owner_offers_it_on_its_row(self) -> None:
        listed = reverse("servicedesk:work_orders") + "?show=unowned"
        self.login(self.clerk)
        page = self.client.get(listed)
        self.assertContains(page, f'data-testid="row-owner-{self.order.pk}"')
        self.assertContains(page, f'value="{listed}"')  # back to the list after it
        answer = self.client.post(self.order_url, {"take": "1", "next": listed}, follow=True)
        self.assertRedirects(answer, listed)
        self.assertNotContains(answer, f'data-testid="row-owner-{self.order.pk}"')
        self.assertContains(answer, f"{self.order.number}")  # "… is yours now."
        self.login(self.crewman)
        page = self.client.get(reverse("servicedesk:work_orders") + "?show=all")
        self.assertNotContains(page, 'data-testid="row-take"')

    # -- hard problems and their steps ----------------------------------------------------------
    def test_a_hard_problem_taken_from_its_page_says_so_in_its_plan_and_the_audit(self) -> None:
        self.login(self.clerk)
        page = self.client.get(self.problem.get_absolute_url())
        self.assertContains(page, 'data-testid="problem-take"')
        self.assertContains(page, 'data-testid="step-take"')
        self.client.post(self.problem_url, {"take": "1"})
        self.problem.refresh_from_db()
        self.assertEqual(self.problem.owner, self.clerk)
        line = self.problem.steps.exclude(pk=self.step.pk).get()
        self.assertEqual(
            (line.done_by, line.owner, line.done_on), (self.clerk, self.clerk, line.due_on)
        )
        self.assertIn("李秀英", line.note)
        self.assertEqual(OwnerChange.objects.get().kind, "problem")
        # The list no longer marks it without an owner.
        listed = self.client.get(reverse("servicedesk:hard_problems"))
        self.assertNotContains(listed, 'data-testid="problem-no-owner"')
        # Sent again: nothing more.
        self.client.post(self.problem_url, {"take": "1"})
        self.assertEqual(OwnerChange.objects.count(), 1)

    def test_a_step_taken_or_given_and_refused_once_someone_has_it(self) -> None:
        self.login(self.dispatcher)
        self.client.post(self.problem_url, {"step": self.step.pk, "owner": self.crewman.pk})
        self.step.refresh_from_db()
        self.assertEqual(self.step.owner, self.crewman)  # a step may be a crew member's
        self.assertEqual(OwnerChange.objects.get().kind, "step")
        self.assertIsNone(HardProblem.objects.get(pk=self.problem.pk).owner)  # the step only
        self.login(self.clerk)
        answer = self.client.post(
            self.problem_url, {"step": self.step.pk, "take": "1"}, follow=True
        )
        self.assertIn("王班员", " ".join(str(m) for m in answer.context["messages"]))
        self.assertEqual(HardProblemStep.objects.get(pk=self.step.pk).owner, self.crewman)
        with self.assertRaises(AlreadyOwned):
            step_owner_set(step=self.step, user=self.chief)

    def test_a_solved_problem_or_a_step_done_is_not_taken(self) -> None:
        HardProblemStep.objects.filter(pk=self.step.pk).update(done_on=timezone.localdate())
        with self.assertRaises(WorkOrderError):
            step_owner_set(step=HardProblemStep.objects.get(pk=self.step.pk), user=self.clerk)
        HardProblem.objects.filter(pk=self.problem.pk).update(state="solved")
        with self.assertRaises(WorkOrderError):
            hard_problem_owner_set(
                problem=HardProblem.objects.get(pk=self.problem.pk), user=self.clerk
            )

    def test_hard_problems_refuse_those_who_may_not_own_them(self) -> None:
        for person in (self.crewman, self.admin):
            with self.subTest(person=person.username):
                self.login(person)
                page = self.client.get(self.problem.get_absolute_url())
                self.assertNotContains(page, 'data-testid="problem-take"')
                self.assertNotContains(page, 'data-testid="step-take"')
                self.assertEqual(self.client.post(self.problem_url, {"take": "1"}).status_code, 403)
                answer = self.client.post(self.problem_url, {"step": self.step.pk, "take": "1"})
                self.assertEqual(answer.status_code, 403)
        with self.assertRaises(OwnerError):
            hard_problem_owner_set(problem=self.problem, user=self.chief, owner=self.crewman)
        self.login(self.outsider)
        self.assertEqual(self.client.post(self.problem_url, {"take": "1"}).status_code, 404)
        self.assertFalse(OwnerChange.objects.exists())


class UnownedOnTheHomePageTests(BaseTestCase):
    """walk37, 17: an order the API opened (a system owns nothing) has no owner, as a liaison's
    report; the desk's home page counts them beside the open and urgent ones, linking to the
    list "without an owner", so that none waits unseen."""

    def test_an_order_the_api_opened_is_counted_and_linked_on_the_home_page(self) -> None:
        from powerdesk.accounts.tokens import token_create

        _token, key = token_create(station_id=self.station_a.pk, name="交换机")
        made = self.client.post(
            "/api/v1/calls",
            {"caller_number": "0878-5711095", "text": "家里没电了", "category": "fault_repair"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        self.assertEqual(made.status_code, 201, made.content)
        order = WorkOrder.objects.get(pk=made.json()["work_order_id"])
        self.assertIsNone(order.owner)
        owned = work_order_create(
            station=self.station_a, user=self.clerk, category="business", summary="过户"
        )
        self.assertEqual(owned.owner, self.clerk)
        self.login(self.clerk)
        home = self.client.get(reverse("web:home")).content.decode()
        unowned = home.split('data-testid="panel-unowned"')[1].split("</div>")[0]
        self.assertIn(f"{reverse('servicedesk:work_orders')}?show=unowned", unowned)
        self.assertIn(">1<", unowned)
        listed = self.client.get(reverse("servicedesk:work_orders") + "?show=unowned")
        self.assertContains(listed, f'data-testid="row-owner-{order.pk}"')
        self.assertNotContains(listed, f'data-testid="row-owner-{owned.pk}"')
