"""A caller's plain order that becomes an outage's job turns urgent for the outage's
households and keeps the fault repair commitment's time to arrive by (docs/domain.md): its
history line and its page say so, with the time, beside the 紧急 a clerk reads (walk72, 3: a
2-hour limit next to "urgent" unexplained, while an urgent call is given 45 min)."""

from __future__ import annotations

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.deadlines import policy_for
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews
from tests.servicedesk.outage_job_cast import first_caller_job


class OutageJobArrivalSaidTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        job = first_caller_job(self)
        self.before, self.order = job.arrive_due_before, job.order

    def test_the_history_line_says_the_time_kept_and_who(self) -> None:
        self.assertTrue(self.order.urgent)
        self.assertEqual(self.order.arrive_due_at, self.before)
        (line,) = self.order.events.filter(note_code="made_urgent_outage_due")
        self.assertEqual(line.by, self.chief)
        self.assertIn(self.order.arrive_due_at.strftime("%M"), line.note_args["time"])
        self.assertIn(line.note_args["time"], line.note)

    def test_the_page_says_why_beside_the_time(self) -> None:
        minutes = round((self.order.arrive_due_at - self.order.created_at).total_seconds() / 60)
        hazard = policy_for(self.station_a.pk).hazard_arrive_minutes
        self.assertGreater(minutes, hazard)
        self.login(self.chief)
        html = self.client.get(self.order.get_absolute_url()).content.decode()
        said = html.split('data-testid="arrive-said">', 1)[1].split("</small>", 1)[0]
        self.assertIn(str(minutes), said)
        self.assertIn(str(hazard), said)

    def test_an_urgent_call_s_own_order_says_nothing_of_it(self) -> None:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=None,
            caller_number="13900001111",
            text="村口电线掉在路上还在打火",
            category="hazard",
            urgent=True,
        )
        assert taken.work_order is not None
        self.assertTrue(taken.work_order.urgent)
        self.login(self.chief)
        html = self.client.get(taken.work_order.get_absolute_url()).content.decode()
        self.assertIn('data-testid="order-urgent"', html)
        self.assertNotIn('data-testid="arrive-said"', html)
