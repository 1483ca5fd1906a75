"""An outage confirmed from a prediction has no order of its own: its crew's job is a caller's
order. A later call joins that job, which becomes the outage's order (walk37, 15: never a new
order beside it). The card the crew is working on stays its job (it never goes back to "sent",
nor moves); a step the phone kept without signal for the card lands on it as made."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import OutageLink
from powerdesk.outages.prediction_steps import prediction_confirm
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import work_order_transition
from tests.base import BaseTestCase
from tests.outage_cast import predicted_below_the_fuse
from tests.servicedesk.crew_cast import add_crews


class CardCast(BaseTestCase):
    """An outage confirmed from a prediction, two callers' orders sent to the crew; the card
    its phone shows is one of them."""

    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        prediction = predicted_below_the_fuse(self)
        orders = [
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
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        # The crew was sent a few minutes ago (steps kept since are in bounds).
        WorkOrderEvent.objects.filter(work_order__in=orders, kind="dispatched").update(
            at=timezone.now() - dt.timedelta(minutes=10)
        )
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.card = job.order
        self.assertIn(self.card, orders)

    def later_call(self, stage: str = "dispatched") -> WorkOrder:
        """A caller who phones now joins the outage: the crew's job, at the crew's stage
        (``stage``: sent, on the way), which becomes the outage's order."""
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="+8613900002222",
            text="还是没电",
            category="fault_repair",
            join_outage=self.outage,
        ).work_order
        assert order is not None
        link = OutageLink.objects.get(outage=self.outage)
        self.assertEqual((link.order, order), (self.card, self.card))
        order.refresh_from_db()
        self.assertEqual((order.crew, order.status), (self.crew, stage))
        return order

    def sync(self, *steps: tuple[str, int]) -> list[dict[str, object]]:
        self.login(self.member)
        items = [
            {
                "client_id": str(uuid.uuid4()),
                "order": self.card.pk,
                "step": step,
                "fields": {},
                "made_at": (timezone.now() - dt.timedelta(minutes=minutes)).isoformat(),
            }
            for step, minutes in steps
        ]
        response = self.client.post(
            reverse("servicedesk:crew_sync"),
            json.dumps({"items": items}),
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["results"]


class CardMovedTests(CardCast):
    def test_the_card_the_crew_set_out_on_stays_the_job(self) -> None:
        crew_step_take(work_order=self.card, step="on_the_way", user=self.member, fields={})
        own = self.later_call("on_the_way")  # opened at the crew's stage, not as the card
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.order, job.stage), (self.card, "on_the_way"))
        # Its next step is taken on it, as the crew expects; the new order follows it.
        crew_step_take(work_order=self.card, step="on_site", user=self.member, fields={})
        self.card.refresh_from_db()
        own.refresh_from_db()
        self.assertEqual((self.card.status, own.status), ("on_site", "on_site"))
        self.assertEqual(own.arrived_at, self.card.arrived_at)
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.order, job.stage), (self.card, "on_site"))

    def test_an_accepted_card_stays_the_job_too(self) -> None:
        crew_step_take(work_order=self.card, step="accept", user=self.member, fields={})
        self.later_call()
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.order, job.stage), (self.card, "accepted"))

    def test_steps_kept_offline_for_the_card_land_on_it(self) -> None:
        own = self.later_call()  # the station's side, while the phone had no signal
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.order, self.card)  # the card never moved
        answers = self.sync(("on_the_way", 6), ("on_site", 2))
        self.assertEqual([a["status"] for a in answers], ["ok", "ok"])
        self.assertEqual({a["order"] for a in answers}, {own.pk})
        own.refresh_from_db()
        self.assertEqual(own.status, "on_site")
        arrived = own.events.get(to_status="on_site")
        self.assertEqual(arrived.by, self.member)
        made = timezone.now() - dt.timedelta(minutes=2)
        self.assertLess(abs((arrived.at - made).total_seconds()), 5)
        self.assertFalse(own.events.filter(note_code="step_from_card").exists())
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.order, job.stage), (self.card, "on_site"))

    def test_a_step_kept_for_an_order_of_another_crew_is_still_refused(self) -> None:
        self.later_call()
        self.login(self.other_member)
        response = self.client.post(
            reverse("servicedesk:crew_sync"),
            json.dumps(
                {
                    "items": [
                        {
                            "client_id": str(uuid.uuid4()),
                            "order": self.card.pk,
                            "step": "on_the_way",
                            "fields": {},
                            "made_at": timezone.now().isoformat(),
                        }
                    ]
                }
            ),
            content_type="application/json",
        )
        (answer,) = response.json()["results"]
        self.assertEqual(answer["status"], "conflict")
        self.assertFalse(
            WorkOrder.objects.filter(outage_links__outage=self.outage, status="on_the_way").exists()
        )


class StepForAMovedCardTests(CardCast):
    """Review 38, 6: the card moved while the phone had no signal. The crew accepted card A; the
    office put the crew on the way on B (another of the outage's orders with the crew), so B
    carries the crew's work and is the job's card; the phone, still showing A, kept "on site".
    The sync takes it on B, as made, once."""

    def test_a_step_kept_for_the_old_card_lands_on_the_job_as_made_and_once(self) -> None:
        crew_step_take(work_order=self.card, step="accept", user=self.member, fields={})
        other = (
            WorkOrder.objects.filter(outage_links__outage=self.outage)
            .exclude(pk=self.card.pk)
            .get()
        )
        work_order_transition(
            work_order=other, to_status="on_the_way", user=self.chief, for_outage=self.outage
        )
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.order, other)  # the card moved
        made = timezone.now() - dt.timedelta(minutes=3)
        item = {
            "client_id": str(uuid.uuid4()),
            "order": self.card.pk,
            "step": "on_site",
            "fields": {},
            "made_at": made.isoformat(),
        }
        self.login(self.member)

        def send() -> dict[str, object]:
            response = self.client.post(
                reverse("servicedesk:crew_sync"),
                json.dumps({"items": [item]}),
                content_type="application/json",
            )
            self.assertEqual(response.status_code, 200)
            (answer,) = response.json()["results"]
            return answer

        answer = send()
        self.assertEqual((answer["status"], answer["order"]), ("ok", other.pk))
        other.refresh_from_db()
        self.assertEqual(other.status, "on_site")
        self.assertLess(abs((other.arrived_at - made).total_seconds()), 2)
        arrived = other.events.get(to_status="on_site")
        self.assertEqual(arrived.by, self.member)
        self.assertLess(abs((arrived.at - made).total_seconds()), 2)
        # The job's history says the step was kept for the old card, by whom and when made.
        moved = other.events.get(note_code="step_from_card")
        self.assertEqual(moved.by, self.member)
        self.assertEqual(
            moved.note_args,
            {"number": self.card.number, "time": f"{timezone.localtime(made):%H:%M}"},
        )
        # The outage's history has the crew on site at the step's time, not the sync's.
        on_site = self.outage.events.get(what="on_site")
        self.assertLess(abs((on_site.at - made).total_seconds()), 2)
        # Sent again (no answer reached the phone): taken once.
        again = send()
        self.assertEqual(again["status"], "ok")
        self.assertEqual(other.events.filter(to_status="on_site").count(), 1)
        self.assertEqual(other.events.filter(note_code="step_from_card").count(), 1)
        self.assertEqual(self.outage.events.filter(what="on_site").count(), 1)
