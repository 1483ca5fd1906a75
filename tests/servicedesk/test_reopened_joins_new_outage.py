"""A caller's order of an outage, resolved with its restore and reopened by an unhappy callback
("still not fixed"), joins the device's next outage (opened within the join's slack before its
start): the customer is still without power. Its crew's steps for the new outage start afresh:
the phone does not show the old visit's "accepted", and the board does not say the crew is on
site (nor revise the estimate for it) until a crew reports it for the new outage."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from powerdesk.outages.board import outage_row
from powerdesk.outages.crew import CrewState, outage_crew_state
from powerdesk.outages.etr import etr_for
from powerdesk.outages.etr_features import features_of
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.crew_accepted import is_accepted
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import Callback, WorkOrder
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job


def ago(minutes: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=minutes)


class ReopenedOrderJoinsTheNextOutageTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        # The first outage (since 30 minutes ago): the crew takes it, arrives, restores.
        self.first, self.order = outage_job(self)
        for step, minutes in (("accept", 22), ("on_the_way", 20), ("on_site", 12)):
            crew_step_take(
                work_order=self.order, step=step, user=self.member, fields={}, at=ago(minutes)
            )
        crew_step_take(
            work_order=self.order,
            step="restored",
            user=self.member,
            fields={"cause": "lightning"},
            at=ago(8),
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "resolved")
        # The callback: still not fixed. The order is open again.
        callback_record(
            work_order=self.order,
            user=self.clerk,
            outcome=Callback.Outcome.REACHED,
            still_not_fixed=True,
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "received")
        # The fuse goes again: a second outage, recorded from now, joins the reopened order
        # (opened 25 minutes ago, within the join's slack).
        self.second = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=ago(3),
        )
        self.assertEqual(outage_join_open_orders(outage=self.second, user=self.chief), 1)
        self.assertEqual(
            list(self.second.link.work_orders.values_list("pk", flat=True)), [self.order.pk]
        )

    def test_the_phone_shows_the_new_outage_s_job_as_sent_not_accepted(self) -> None:
        outage_dispatch(outage=self.second, crew=self.crew, user=self.chief)
        order = WorkOrder.objects.get(pk=self.order.pk)
        self.assertEqual(order.status, "dispatched")
        self.assertFalse(is_accepted(order))
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.order, job.outage), (order, self.second))
        self.assertEqual(job.stage, "dispatched")
        self.assertIn("accept", job.offers)
        # Accepting it is recorded anew, for this outage.
        crew_step_take(work_order=order, step="accept", user=self.member, fields={})
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.stage, "accepted")

    def test_an_acceptance_kept_offline_from_before_the_reopen_is_not_the_new_visit_s(
        self,
    ) -> None:
        # The phone kept an "accept" made five minutes ago, before the order was reopened, and
        # sends it only now: recorded after the reopen, it happened before it.
        outage_dispatch(outage=self.second, crew=self.crew, user=self.chief)
        order = WorkOrder.objects.get(pk=self.order.pk)
        reopened = order.events.get(kind="reopened")
        crew_step_take(work_order=order, step="accept", user=self.member, fields={}, at=ago(5))
        kept = order.events.filter(note_code="accepted").latest("pk")
        self.assertGreater(kept.pk, reopened.pk)
        self.assertLess(kept.at, reopened.at)
        self.assertFalse(is_accepted(order))
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.stage, "dispatched")
        # Accepted now, on this visit: it is.
        crew_step_take(work_order=order, step="accept", user=self.member, fields={})
        self.assertTrue(is_accepted(order))
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.stage, "accepted")

    def test_the_board_does_not_say_the_crew_is_on_site_before_it_reports_it(self) -> None:
        outage_dispatch(outage=self.second, crew=self.crew, user=self.chief)
        etr = etr_for(self.second)
        self.assertEqual(etr.stage, "start")
        self.assertNotEqual(etr.stage_label, "revised: crew on site")
        row = outage_row(self.second)
        self.assertFalse(row.on_site)
        self.assertEqual(outage_crew_state(self.second), CrewState.SENT)
        # The crew arrives for the new outage: now the board says so.
        order = WorkOrder.objects.get(pk=self.order.pk)
        crew_step_take(work_order=order, step="on_the_way", user=self.member, fields={})
        crew_step_take(work_order=order, step="on_site", user=self.member, fields={})
        self.assertEqual(etr_for(self.second).stage, "on_site")
        self.assertEqual(outage_crew_state(self.second), CrewState.ON_SITE)

    def test_the_first_outage_keeps_its_crew_s_arrival(self) -> None:
        """Reopened after power came back, the order's arrival stays the first outage's (what
        the estimates learn from)."""
        self.first.refresh_from_db()
        features = features_of(self.station_a.pk, [self.first], as_of=timezone.now())
        self.assertIsNotNone(features[self.first.pk].arrived_after)
        # Without the outage's own history line, from the order's arrival alone.
        self.first.events.filter(what__in=("on_site", "patrolling", "arrived")).delete()
        features = features_of(self.station_a.pk, [self.first], as_of=timezone.now())
        self.assertAlmostEqual(features[self.first.pk].arrived_after or 0, 18, delta=1)
