"""Work given to someone (the dispatcher's or the chief's "give to") tells that person in
PowerDesk: a notice of their own, at the station it was given at only, naming what and by whom,
with a link; nobody is told of work they took themselves, nor twice of one giving. It is put
away when they open the item, when the work goes to someone else, or when it is done; each
putting away recorded (who, when, why)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Membership, Role
from powerdesk.notifications.models import Notice
from powerdesk.servicedesk.followup import (
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_solve,
    hard_problem_step_done,
)
from powerdesk.servicedesk.handback import work_hand_back
from powerdesk.servicedesk.models import HardProblem, Notification, NotificationsRead
from powerdesk.servicedesk.notices import notices_listed
from powerdesk.servicedesk.ownership import (
    hard_problem_owner_set,
    step_owner_set,
    work_order_owner_set,
)
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, make_user

K = Notification.Kind
R = Notification.ReadReason


class WorkGivenNoticeTests(BaseTestCase):
    def setUp(self) -> None:
        self.dispatcher = make_user("disp", self.station_a, Role.DISPATCHER, full_name="段调度")
        self.order = work_order_create(
            station=self.station_a, user=self.chief, category="business", summary="过户", owner=None
        )
        self.problem = hard_problem_open(station=self.station_a, user=self.chief, title="低电压")
        HardProblem.objects.filter(pk=self.problem.pk).update(owner=None)
        self.problem.refresh_from_db()
        self.step = hard_problem_add_step(
            problem=self.problem,
            user=self.chief,
            title="联系林业站",
            owner=None,
            due_on=timezone.localdate() + dt.timedelta(days=7),
        )

    def given(self, user: object = None) -> list[Notification]:
        notices = Notification.objects.filter(kind=K.WORK_GIVEN)
        if user is not None:
            notices = notices.filter(recipient=user)
        return list(notices.order_by("pk"))

    def test_the_person_given_an_order_is_told_what_by_whom_with_a_link(self) -> None:
        self.login(self.dispatcher)
        url = reverse("servicedesk:work_order_owner", args=[self.order.pk])
        self.client.post(url, {"owner": self.clerk.pk})
        self.client.post(url, {"owner": self.clerk.pk})  # sent twice: told once
        [notice] = self.given()
        self.assertEqual(
            (notice.recipient, notice.station, notice.work_order),
            (self.clerk, self.station_a, self.order),
        )
        self.assertEqual(Notice.objects.filter(key__startswith="given:").count(), 1)
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:notices")).content.decode()
        self.assertIn(self.order.number, page)
        self.assertIn("段调度", page)
        self.assertIn("过户", page)
        self.assertIn(self.order.get_absolute_url(), page)
        # On the home page too, among the person's notices.
        home = self.client.get(reverse("web:home")).content.decode()
        self.assertIn(self.order.number, home)
        # Shown to them only: nobody else has a notice of it.
        for other in (self.dispatcher, self.chief):
            self.assertEqual(list(notices_listed(user=other, station=self.station_a)), [])

    def test_nobody_is_told_of_work_they_took_themselves(self) -> None:
        work_order_owner_set(work_order=self.order, user=self.clerk)
        hard_problem_owner_set(problem=self.problem, user=self.dispatcher)
        step_owner_set(step=self.step, user=self.chief)
        self.assertEqual(self.given(), [])

    def test_another_station_never_shows_it(self) -> None:
        Membership.objects.create(user=self.clerk, station=self.station_b, role=Role.COUNTER)
        work_order_owner_set(work_order=self.order, user=self.dispatcher, owner=self.clerk)
        self.assertEqual(len(list(notices_listed(user=self.clerk, station=self.station_a))), 1)
        self.assertEqual(list(notices_listed(user=self.clerk, station=self.station_b)), [])

    def test_opening_the_order_puts_it_away_recorded_as_theirs(self) -> None:
        work_order_owner_set(work_order=self.order, user=self.dispatcher, owner=self.clerk)
        self.login(self.chief)  # someone else opening it leaves it
        self.client.get(self.order.get_absolute_url())
        [notice] = self.given()
        self.assertIsNone(notice.read_at)
        self.login(self.clerk)
        self.client.get(self.order.get_absolute_url())
        self.client.get(self.order.get_absolute_url())  # again: nothing more
        notice.refresh_from_db()
        self.assertEqual(notice.read_reason, R.OPENED)
        [marked] = NotificationsRead.objects.filter(reason=R.OPENED)
        self.assertEqual(
            (marked.user, marked.count, marked.work_order), (self.clerk, 1, self.order)
        )

    def test_a_step_given_names_it_and_its_problem_and_opening_the_problem_puts_it_away(
        self,
    ) -> None:
        step_owner_set(step=self.step, user=self.chief, owner=self.clerk)
        [notice] = self.given()
        self.assertEqual(notice.hard_problem, self.problem)
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:notices")).content.decode()
        self.assertIn("联系林业站", page)
        self.assertIn("低电压", page)
        self.assertIn("杨所长", page)
        self.assertIn(self.problem.get_absolute_url(), page)
        self.client.get(self.problem.get_absolute_url())
        notice.refresh_from_db()
        self.assertEqual(notice.read_reason, R.OPENED)

    def test_the_step_done_and_the_problem_solved_put_them_away(self) -> None:
        step_owner_set(step=self.step, user=self.chief, owner=self.clerk)
        hard_problem_owner_set(problem=self.problem, user=self.chief, owner=self.dispatcher)
        hard_problem_step_done(step=self.step, user=self.clerk)
        [for_step] = self.given(self.clerk)
        [for_problem] = self.given(self.dispatcher)
        self.assertEqual(for_step.read_reason, R.WORK_DONE)
        self.assertIsNone(for_problem.read_at)
        hard_problem_solve(problem=self.problem, user=self.chief, note="换了变压器")
        for_problem.refresh_from_db()
        self.assertEqual(for_problem.read_reason, R.WORK_DONE)
        self.assertTrue(NotificationsRead.objects.filter(reason=R.WORK_DONE, user=None).exists())

    def test_handed_back_and_given_to_someone_else_it_is_no_longer_theirs(self) -> None:
        work_order_owner_set(work_order=self.order, user=self.dispatcher, owner=self.clerk)
        work_hand_back(station=self.station_a, person=self.clerk, by=None, reason="调离")
        [first] = self.given(self.clerk)
        self.assertEqual(first.read_reason, R.OWNER_CHANGED)
        work_order_owner_set(work_order=self.order, user=self.dispatcher, owner=self.chief)
        [second] = self.given(self.chief)
        self.assertIsNone(second.read_at)
        self.assertEqual(len(self.given()), 2)

    def test_the_order_finished_puts_it_away(self) -> None:
        from powerdesk.servicedesk.callbacks import callback_record
        from powerdesk.servicedesk.services import work_order_transition

        work_order_owner_set(work_order=self.order, user=self.dispatcher, owner=self.clerk)
        work_order_transition(
            work_order=self.order, to_status="resolved", user=self.clerk, note="已办理"
        )
        [notice] = self.given()
        self.assertIsNone(notice.read_at)  # its callback is still theirs to make
        callback_record(work_order=self.order, user=self.clerk, outcome="reached", satisfaction=5)
        notice.refresh_from_db()
        self.assertEqual(notice.read_reason, R.WORK_DONE)
