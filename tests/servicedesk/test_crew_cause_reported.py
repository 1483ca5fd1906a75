"""The cause the office typed as it recorded an outage ("雷击") is what was reported, not what
the crew found: the card says it is to be confirmed, and the crew is still asked to record the
cause on site (walkthrough: the card said "查明原因：雷击" before the crew had left, and after
"arrived" only "power is back" was offered)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.outages.models import Outage
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job


class CrewCauseReportedTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def test_a_cause_typed_by_the_office_is_reported_until_the_crew_finds_one(self) -> None:
        outage, order = outage_job(self)
        Outage.objects.filter(pk=outage.pk).update(cause="雷击")
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertContains(page, 'data-testid="job-cause-reported"')
        self.assertContains(page, "报告原因（待现场查实）")
        self.assertNotContains(page, 'data-testid="job-cause"')
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=order, step=step, user=self.member, fields={})
        job = crew_jobs_for(self.member, self.station_a)[0]
        self.assertEqual(job.stage, "on_site")
        self.assertIn("cause_found", job.offers)
        crew_step_take(
            work_order=order, step="cause_found", user=self.member, fields={"cause": "tree"}
        )
        job = crew_jobs_for(self.member, self.station_a)[0]
        self.assertEqual(job.stage, "cause_found")
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertContains(page, 'data-testid="job-cause"')
        self.assertNotContains(page, 'data-testid="job-cause-reported"')
