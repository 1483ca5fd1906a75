"""The crew's phone: they land on their jobs, and each job says by when to arrive."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase, make_user


class CrewPageTests(BaseTestCase):
    def setUp(self) -> None:
        self.member = make_user("crew1", self.station_a, Role.CREW)
        self.crew.members.add(self.member)
        self.order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="哔叭停电",
            customer=self.customer,
        )
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        self.order.refresh_from_db()

    def test_a_crew_member_lands_on_their_jobs(self) -> None:
        self.login(self.member)
        response = self.client.get(reverse("web:root"))
        self.assertRedirects(response, reverse("servicedesk:crew_jobs"))

    def test_office_staff_still_land_on_the_station_s_home_page(self) -> None:
        self.login(self.chief)
        self.assertRedirects(self.client.get(reverse("web:root")), reverse("web:home"))

    def test_a_job_says_the_day_and_time_to_arrive_by(self) -> None:
        due = timezone.localtime(self.order.arrive_due_at)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertContains(page, f"到达时限 {due:%m-%d %H:%M}")

    def test_once_arrived_the_job_shows_when_not_by_when(self) -> None:
        arrived = timezone.now() - dt.timedelta(minutes=5)
        work_order_transition(work_order=self.order, to_status="on_the_way", user=self.member)
        work_order_transition(
            work_order=self.order, to_status="on_site", user=self.member, at=arrived
        )
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertNotContains(page, "到达时限")
        self.assertContains(page, f"{timezone.localtime(arrived):%m-%d %H:%M}")

    def test_the_navigation_marks_my_jobs_not_the_work_orders(self) -> None:
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        nav = page[page.index('<nav class="main"') : page.index("</nav>")]
        jobs = reverse("servicedesk:crew_jobs")
        self.assertIn(f'<a href="{jobs}" class="active">我的任务</a>', nav)
        self.assertEqual(nav.count('class="active"'), 1, nav)
        # On the work order list it is the work orders that are marked.
        page = self.client.get(reverse("servicedesk:work_orders")).content.decode()
        nav = page[page.index('<nav class="main"') : page.index("</nav>")]
        self.assertIn('class="active">工单</a>', nav)
        self.assertNotIn('class="active">我的任务', nav)

    def test_a_business_job_has_no_stretch_to_walk_a_fault_job_has(self) -> None:
        # A meter to move is done at the household's meter: no patrol range, no device above it.
        business = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="business",
            summary="帮我把表迁到路边",
            customer=self.customer,
        )
        work_order_dispatch(work_order=business, crew=self.crew, user=self.chief)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        cards = {
            pk: page[page.index(f'data-order="{pk}"') :].split('<section class="card job"')[0]
            for pk in (self.order.pk, business.pk)
        }
        self.assertIn('data-testid="job-patrol"', cards[self.order.pk])
        self.assertNotIn('data-testid="job-patrol"', cards[business.pk])
        self.assertNotIn('data-testid="job-device"', cards[business.pk])


class NoCrewTests(BaseTestCase):
    """Walkthrough 32, finding 16: the counter opening the crew's page read "班组目前没有任务" as
    if a crew of theirs had nothing to do."""

    def test_someone_in_no_crew_is_told_so_and_a_member_without_jobs_is_told_none(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertContains(page, "您不在本所的任何班组")
        self.assertNotContains(page, "班组目前没有任务")
        member = make_user("idle", self.station_a, Role.CREW)
        self.crew.members.add(member)
        self.login(member)
        page = self.client.get(reverse("servicedesk:crew_jobs_part"))
        self.assertContains(page, "班组目前没有任务")
        self.assertNotContains(page, "您不在本所的任何班组")
