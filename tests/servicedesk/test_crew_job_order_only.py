"""An outage's joined orders are one job on the crew's phone: the outage's own order (or its
first) stands for all of them, and its steps are the outage's. A step naming another of its
orders (a request made by hand, a page from before) is refused by the service and 409 from the
phone's form; nothing moves. From its offline batch (a step kept for a card that no longer stands
for the job) it is the outage's step: taken on the job, not on the order named."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import OutageLink
from powerdesk.outages.prediction_steps import prediction_confirm
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import NotTheJobError, crew_step_take
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase, zh
from tests.outage_cast import joined_outage, predicted_below_the_fuse
from tests.servicedesk.crew_cast import add_crews

STEPS = ("accept", "on_the_way", "on_site", "cause_found", "restored", "found_here")


class JobOrderOnlyTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.separate, self.outage, self.order = joined_outage(self)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.login(self.member)

    def refused(self, other: WorkOrder, job: WorkOrder) -> str:
        return zh(
            "Work order %(number)s is one of the outage's on %(device)s: its crew's steps are "
            "taken on the outage's job, work order %(job)s, not on this order."
        ) % {"number": other.number, "device": self.fuse, "job": job.number}

    def statuses(self) -> list[str]:
        return [WorkOrder.objects.get(pk=o.pk).status for o in (self.separate, self.order)]

    def test_the_service_refuses_every_step_on_another_of_the_outage_s_orders(self) -> None:
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.order, self.order)  # the outage's own order stands for the job
        for step in STEPS:
            with (
                self.subTest(step=step),
                self.assertRaisesMessage(NotTheJobError, self.refused(self.separate, self.order)),
            ):
                crew_step_take(
                    work_order=self.separate,
                    step=step,
                    user=self.member,
                    fields={"cause": "lightning", "place": "ZM-B01-T1"},
                )
        self.assertEqual(self.statuses(), ["dispatched", "dispatched"])
        # Not by the office either: the outage's steps are its job's.
        with self.assertRaises(NotTheJobError):
            crew_step_take(work_order=self.separate, step="on_the_way", user=self.chief, fields={})
        # The job's own order takes them; the outage's other order follows it (crew_stage).
        crew_step_take(work_order=self.order, step="on_the_way", user=self.member, fields={})
        self.assertEqual(self.statuses(), ["on_the_way", "on_the_way"])
        followed = self.separate.events.get(to_status="on_the_way")
        self.assertEqual((followed.by, followed.note_code), (self.member, "crew_stage_followed"))

    def test_the_phone_s_form_naming_another_order_is_refused_409(self) -> None:
        for step in ("on_the_way", "on_site"):
            with self.subTest(step=step):
                response = self.client.post(
                    reverse("servicedesk:crew_step", args=[self.separate.pk]), {"step": step}
                )
                self.assertEqual(response.status_code, 409)
                self.assertContains(
                    response, escape(self.refused(self.separate, self.order)), status_code=409
                )
        self.assertEqual(self.statuses(), ["dispatched", "dispatched"])
        response = self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]), {"step": "on_the_way"}
        )
        self.assertRedirects(
            response, reverse("servicedesk:crew_jobs"), fetch_redirect_response=False
        )
        self.assertEqual(self.statuses(), ["on_the_way", "on_the_way"])  # the other follows

    def test_the_offline_batch_naming_another_order_lands_on_the_job(self) -> None:
        made = (timezone.now() - dt.timedelta(minutes=1)).isoformat()
        response = self.client.post(
            reverse("servicedesk:crew_sync"),
            json.dumps(
                {
                    "items": [
                        {
                            "client_id": str(uuid.uuid4()),
                            "order": self.separate.pk,
                            "step": "on_the_way",
                            "fields": {},
                            "made_at": made,
                        }
                    ]
                }
            ),
            content_type="application/json",
        )
        (answer,) = response.json()["results"]
        self.assertEqual((answer["status"], answer["order"]), ("ok", self.order.pk))
        # Taken on the job; the order named follows it as the outage's other orders do.
        self.assertEqual(self.statuses(), ["on_the_way", "on_the_way"])
        self.assertEqual(
            self.separate.events.get(to_status="on_the_way").note_code, "crew_stage_followed"
        )


class JobWithoutItsOwnOrderTests(BaseTestCase):
    """An outage confirmed from a prediction joins the callers' orders and has no order of its
    own until a later call: its first order on the phone is the job."""

    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        prediction = predicted_below_the_fuse(self)
        self.orders = [
            call_take(
                station=self.station_a,
                user=self.clerk,
                caller_number=number,
                text="家里停电了",
                category="fault_repair",
                open_order=True,
            ).work_order
            for number in ("0878-1234567", "13812345678")
        ]
        self.outage = prediction_confirm(prediction=prediction, user=self.chief)
        self.assertIsNone(OutageLink.objects.get(outage=self.outage).order)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)

    def test_only_the_card_s_order_is_stepped(self) -> None:
        (job,) = crew_jobs_for(self.member, self.station_a)
        (other,) = [o for o in self.orders if o is not None and o.pk != job.order.pk]
        with self.assertRaises(NotTheJobError):
            crew_step_take(work_order=other, step="on_the_way", user=self.member, fields={})
        crew_step_take(work_order=job.order, step="on_the_way", user=self.member, fields={})
        job.order.refresh_from_db()
        other.refresh_from_db()
        # The other follows the card's step (crew_stage), which stays the job.
        self.assertEqual((job.order.status, other.status), ("on_the_way", "on_the_way"))
        (again,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(again.order, job.order)
