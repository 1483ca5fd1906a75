"""Whose training record a person may read (docs/roles.md, ``training:person``): their own; the
chief and the administrators, who plan the training and record anyone's, everyone's at the
station. A crew member opened any colleague's record, hours and sessions (walk61, L7)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.training.selectors import (
    people_shown,
    person_record_open,
    plan_progress,
    records_open_to,
)
from powerdesk.training.services import plan_create, self_study_record
from tests.base import BaseTestCase, make_user


class TrainingRecordAccessTests(BaseTestCase):
    def setUp(self) -> None:
        self.today = timezone.localdate()
        self.plan = plan_create(
            station=self.station_a, user=self.chief, year=self.today.year, hours_per_person="4"
        )
        self.crew_member = make_user("crew1", self.station_a, Role.CREW, full_name="王德忠")
        self.dispatcher = make_user("disp", self.station_a, Role.DISPATCHER, full_name="赵调度")
        self.admin = make_user("adm", self.station_a, Role.ADMIN, full_name="钱管理")
        self_study_record(
            station=self.station_a,
            user=self.clerk,
            person=self.clerk,
            date=self.today,
            topic="供电服务规范自学",
            hours="1.5",
        )

    def test_the_service_reads_a_colleague_s_record_only_for_the_chief_and_administrators(
        self,
    ) -> None:
        for viewer in (self.crew_member, self.dispatcher):
            with self.subTest(viewer.username):
                self.assertIsNone(person_record_open(viewer, self.station_a, self.clerk.pk))
                self.assertEqual(list(records_open_to(viewer, self.station_a)), [viewer])
                own = person_record_open(viewer, self.station_a, viewer.pk)
                assert own is not None
                self.assertEqual(own.person, viewer)
        for viewer in (self.chief, self.admin):
            with self.subTest(viewer.username):
                record = person_record_open(viewer, self.station_a, self.clerk.pk)
                assert record is not None
                self.assertEqual([s.topic for s in record.self_study], ["供电服务规范自学"])
        # Another station's chief and administrator: nobody of this station.
        self.assertIsNone(person_record_open(self.outsider, self.station_a, self.clerk.pk))

    def test_a_colleague_s_record_answers_404_to_the_crew_the_dispatcher_and_the_counter(
        self,
    ) -> None:
        url = reverse("training:person", args=[self.clerk.pk])
        for viewer in (self.crew_member, self.dispatcher):
            with self.subTest(viewer.username):
                self.login(viewer)
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, "供电服务规范自学", status_code=404)
                # Nor by a self-study posted for the colleague.
                posted = self.client.post(
                    url, {"date": self.today.isoformat(), "topic": "x", "hours": "1"}
                )
                self.assertEqual(posted.status_code, 404)
                # Their own opens.
                own = self.client.get(reverse("training:me"), follow=True)
                self.assertEqual(own.status_code, 200)
        self.login(self.crew_member)
        self.assertEqual(
            self.client.get(reverse("training:person", args=[self.chief.pk])).status_code, 404
        )
        self.login(self.clerk)
        self.assertContains(self.client.get(url), "供电服务规范自学")  # their own
        colleague = reverse("training:person", args=[self.crew_member.pk])
        self.assertEqual(self.client.get(colleague).status_code, 404)
        for manager in (self.chief, self.admin):
            with self.subTest(manager.username):
                self.login(manager)
                self.assertContains(self.client.get(url), "供电服务规范自学")

    def test_the_plan_lists_each_person_s_hours_only_to_those_who_may_read_them(self) -> None:
        progress = plan_progress(self.plan, today=self.today)
        shown = people_shown(progress, self.crew_member, self.station_a)
        self.assertEqual([row.person for row in shown], [self.crew_member])
        everyone = people_shown(progress, self.chief, self.station_a)
        self.assertEqual(len(everyone), len(progress.people))
        self.login(self.crew_member)
        page = self.client.get(reverse("training:plan")).content.decode()
        table = page.split('data-testid="people-hours"', 1)[1].split("</table>", 1)[0]
        self.assertIn("王德忠", table)
        self.assertNotIn("李秀英", table)
        self.assertNotIn(reverse("training:person", args=[self.clerk.pk]), page)
        # The station's counts stay whole: people on target of everyone.
        self.assertIn(f"/ {len(progress.people)}", page)
        self.login(self.chief)
        page = self.client.get(reverse("training:plan")).content.decode()
        self.assertIn(reverse("training:person", args=[self.clerk.pk]), page)
