"""A crew sent to planned work finds it on 我的任务 like a fault: the device, the window, the
villages without power, and the steps on the way → on site → done (no patrol list); done while
the power is off records power back. Moving or calling off the planned outage moves or settles
the job."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage
from powerdesk.outages.planned import (
    planned_outage_cancel,
    planned_outage_reschedule,
    planned_outages_advance,
)
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_step_asks import Saved
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import Category, WorkOrder, WorkOrderStatus
from powerdesk.servicedesk.workflow import WorkOrderError
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=TZ)
START = NOW + dt.timedelta(days=8)
END = START + dt.timedelta(hours=6)


class CrewPlannedJobTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.clock = time_machine.travel(NOW, tick=False)
        self.traveller = self.clock.start()
        self.addCleanup(self.clock.stop)
        self.outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.PLANNED,
            starts_at=START,
            expected_restore_at=END,
            cause="更换绝缘子",
        )

    def step(self, order: WorkOrder, step: str, **fields: str) -> Saved:
        return crew_step_take(work_order=order, step=step, user=self.member, fields=fields)

    def job_order(self) -> WorkOrder:
        return WorkOrder.objects.get(outage_links__outage=self.outage)

    def test_a_crew_sent_from_the_planned_page_finds_the_work_on_its_phone(self) -> None:
        self.login(self.chief)
        response = self.client.post(
            reverse("outages:planned"),
            {"action": "dispatch", "outage": self.outage.pk, "crew": self.crew.pk},
        )
        self.assertRedirects(
            response,
            f"{reverse('outages:planned')}#planned-{self.outage.pk}",
            fetch_redirect_response=False,
        )
        planned = self.client.get(reverse("outages:planned")).content.decode()
        self.assertIn("班组：抢修一班", planned.replace(": ", "："))

        [job] = crew_jobs_for(self.member, self.station_a)
        self.assertTrue(job.planned)
        self.assertEqual((job.device, job.outage), (self.fuse, self.outage))
        self.assertEqual(job.villages, [("左门", 1)])
        self.assertEqual(job.patrol, [])
        order = job.order
        self.assertEqual(order.category, Category.PLANNED_WORK)
        self.assertEqual(order.status, WorkOrderStatus.DISPATCHED)
        self.assertEqual((order.arrive_due_at, order.resolve_due_at), (START, END))

        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        box = page[page.index('data-testid="job-planned"') :]
        box = box[: box.index("</div>")]
        self.assertIn("计划检修", box)
        self.assertIn("05-12 09:00", box)
        self.assertIn("05-12 15:00", box)
        self.assertIn("左门 1", box)
        self.assertIn("不需巡线", box)
        self.assertNotIn('data-testid="job-patrol-ranked"', page)
        self.assertNotIn('data-testid="job-outage"', page)

    def test_on_the_way_on_site_and_done_record_power_back(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        order = self.job_order()
        self.step(order, "accept")
        self.traveller.move_to(START - dt.timedelta(minutes=40))
        self.step(order, "on_the_way")
        self.traveller.move_to(START - dt.timedelta(minutes=5))
        self.step(order, "on_site")
        # Before the window "done" is not offered (the card says when), nor taken.
        [job] = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.offers, job.before_window), ((), True))
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn('data-testid="job-before-window"', page)
        self.assertIn('data-crew-step="restored" data-not-yet="1"', page)
        with self.assertRaisesMessage(WorkOrderError, "计划停电尚未开始"):
            self.step(order, "restored", note="换了三片绝缘子")
        self.traveller.move_to(START + dt.timedelta(minutes=1))
        planned_outages_advance()
        [job] = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.offers, ("restored",))  # no cause to find on planned work
        self.traveller.move_to(START + dt.timedelta(hours=3))
        saved = self.step(order, "restored", note="换了三片绝缘子")
        self.assertEqual(len(saved.lines), 2, saved)
        order.refresh_from_db()
        self.outage.refresh_from_db()
        self.assertEqual(order.status, WorkOrderStatus.RESOLVED)
        self.assertIsNone(order.callback_due_at)  # nobody called: nobody to call back
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)
        self.assertEqual(self.outage.restored_at, START + dt.timedelta(hours=3))
        self.assertEqual(crew_jobs_for(self.member, self.station_a), [])

    def test_a_crew_sent_from_the_board_while_the_power_is_off_gets_the_job_too(self) -> None:
        self.traveller.move_to(START + dt.timedelta(minutes=1))
        planned_outages_advance()
        self.outage.refresh_from_db()
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        outage_dispatch(outage=self.outage, crew=self.other_crew, user=self.chief)  # changed
        self.assertEqual(crew_jobs_for(self.member, self.station_a), [])
        [job] = crew_jobs_for(self.other_member, self.station_a)
        self.assertTrue(job.planned)
        self.assertEqual(WorkOrder.objects.filter(outage_links__outage=self.outage).count(), 1)

    def test_moving_the_window_moves_the_job_and_calling_it_off_settles_it(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        later = START + dt.timedelta(days=2)
        planned_outage_reschedule(
            outage=self.outage,
            user=self.chief,
            starts_at=later,
            ends_at=later + dt.timedelta(hours=4),
            reason="天气预报有雨",
        )
        order = self.job_order()
        self.assertEqual(
            (order.arrive_due_at, order.resolve_due_at), (later, later + dt.timedelta(hours=4))
        )
        planned_outage_cancel(outage=self.outage, user=self.chief, reason="物资未到")
        order.refresh_from_db()
        self.assertEqual(order.status, WorkOrderStatus.RESOLVED)
        self.assertIn("物资未到", order.resolution)
        self.assertEqual(crew_jobs_for(self.member, self.station_a), [])

    def test_a_finished_or_cancelled_planned_outage_gets_no_crew(self) -> None:
        planned_outage_cancel(outage=self.outage, user=self.chief, reason="物资未到")
        self.outage.refresh_from_db()
        from powerdesk.outages.services import OutageError

        with self.assertRaises(OutageError):
            outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
