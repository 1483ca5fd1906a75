"""The steps a crew takes from its phone, each with what it must ask, and who is refused."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from powerdesk.lib.forms import InputError
from powerdesk.outages.estimates import outage_cause_found, outage_estimate
from powerdesk.outages.models import Outage
from powerdesk.outages.services import OutageError, outage_restore
from powerdesk.servicedesk.crew_accepted import is_accepted
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.workflow import WorkOrderError
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job, plain_job


class CrewStepTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def step(self, order, step, user=None, at=None, **fields):  # type: ignore[no-untyped-def]
        return crew_step_take(
            work_order=order, step=step, user=user or self.member, fields=fields, at=at
        )

    def test_accept_is_a_line_of_history_and_the_job_stays_dispatched(self) -> None:
        order = plain_job(self)
        saved = self.step(order, "accept")
        order.refresh_from_db()
        self.assertEqual(order.status, "dispatched")
        self.assertTrue(is_accepted(order))
        self.assertIn("接单", saved.lines[0])
        self.assertEqual(crew_jobs_for(self.member, self.station_a)[0].stage, "accepted")

    def test_an_outage_job_goes_from_accept_to_restored_and_the_outage_has_each_step(self) -> None:
        outage, order = outage_job(self)
        self.step(order, "accept")
        self.step(order, "on_the_way")
        expected = timezone.localtime() + dt.timedelta(hours=3)
        saved = self.step(order, "on_site", expected_back=f"{expected:%Y-%m-%dT%H:%M}")
        self.assertTrue(any("预计" in line for line in saved.lines), saved)
        outage.refresh_from_db()
        self.assertEqual(
            outage.expected_restore_at.replace(second=0, microsecond=0),
            expected.replace(second=0, microsecond=0),
        )
        self.step(order, "cause_found", cause="lightning", note="02号杆熔断器底座击穿")
        outage.refresh_from_db()
        self.assertEqual(outage.cause, "02号杆熔断器底座击穿")  # the crew's words only
        self.assertEqual(outage.link.cause_kind, "lightning")
        self.assertEqual(outage.cause_shown, "雷击 · 02号杆熔断器底座击穿")
        self.assertEqual(crew_jobs_for(self.member, self.station_a)[0].stage, "cause_found")
        restored_at = timezone.now() - dt.timedelta(minutes=2)
        self.step(order, "restored", at=restored_at, note="更换熔丝")
        outage.refresh_from_db()
        order.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.RESTORED)
        self.assertEqual(outage.restored_at, restored_at)
        self.assertEqual(order.status, "resolved")
        whats = list(outage.events.values_list("what", "by__username"))
        self.assertIn(("estimated", "crew1"), whats)
        self.assertIn(("cause_found", "crew1"), whats)
        self.assertIn(("restored", "crew1"), whats)
        self.assertEqual(crew_jobs_for(self.member, self.station_a), [])

    def test_restored_on_an_outage_asks_for_the_cause_when_none_was_found(self) -> None:
        _outage, order = outage_job(self)
        self.step(order, "on_site")
        with self.assertRaisesMessage(InputError, "原因"):
            self.step(order, "restored")

    def test_a_plain_fault_needs_its_cause_and_device_then_resolves(self) -> None:
        order = plain_job(self)
        self.step(order, "on_the_way")
        with self.assertRaises(WorkOrderError):  # not on site yet
            self.step(order, "cause_found", cause="熔丝熔断", device="ZM-B01-F")
        self.step(order, "on_site")
        with self.assertRaisesMessage(InputError, "查明原因"):
            self.step(order, "cause_found", cause="")
        with self.assertRaisesMessage(InputError, "NOPE"):
            self.step(order, "cause_found", cause="熔丝熔断", device="NOPE")
        self.step(order, "cause_found", cause="熔丝熔断", device="ZM-B01-F")
        self.step(order, "restored", note="更换熔丝")
        order.refresh_from_db()
        self.assertEqual(
            (order.status, order.cause, order.device_found), ("resolved", "熔丝熔断", self.fuse)
        )

    def test_a_plain_job_s_expected_time_is_a_line_of_its_history(self) -> None:
        order = plain_job(self)
        later = timezone.localtime() + dt.timedelta(hours=2)
        self.step(order, "on_site", expected_back=f"{later:%Y-%m-%dT%H:%M}")
        self.assertTrue(
            WorkOrderEvent.objects.filter(
                work_order=order, note__contains=f"{later:%m-%d %H:%M}"
            ).exists()
        )

    def test_a_step_the_job_does_not_allow_is_refused_with_the_reason(self) -> None:
        order = plain_job(self)
        with self.assertRaisesMessage(WorkOrderError, "到达"):
            self.step(order, "restored", cause="x", device="ZM-B01-F")
        with self.assertRaisesMessage(InputError, "fly"):
            self.step(order, "fly")
        with self.assertRaises(InputError):
            self.step(order, "on_site", expected_back="tomorrow-ish")

    def test_an_expected_time_shaped_like_a_date_but_none_is_said_at_its_field(self) -> None:
        order = plain_job(self)
        for bad in ("2026-02-30T10:00", "2026-12-03T10:00+99:00"):
            with self.subTest(expected_back=bad):
                with self.assertRaises(InputError) as refused:
                    self.step(order, "on_site", expected_back=bad)
                self.assertEqual(getattr(refused.exception, "field", ""), "expected_back")
        self.assertFalse(order.events.filter(to_status="on_site").exists())

    def test_a_member_of_another_crew_and_a_liaison_may_take_no_step(self) -> None:
        _outage, order = outage_job(self)
        for user in (self.other_member, self.liaison, self.outsider):
            for step in ("accept", "on_the_way", "on_site"):
                with (
                    self.subTest(user=user.username, step=step),
                    self.assertRaises(PermissionDenied),
                ):
                    self.step(order, step, user=user)

    def test_only_the_outage_s_own_crew_records_its_cause_estimate_and_restore(self) -> None:
        outage, _order = outage_job(self)
        later = timezone.now() + dt.timedelta(hours=2)
        for user in (self.other_member, self.liaison, self.outsider):
            with self.subTest(user=user.username):
                with self.assertRaises(PermissionDenied):
                    outage_cause_found(outage=outage, user=user, cause="tree")
                with self.assertRaises(PermissionDenied):
                    outage_estimate(outage=outage, user=user, expected_restore_at=later)
                with self.assertRaises(PermissionDenied):
                    outage_restore(outage=outage, user=user, how="remote")
        outage_estimate(outage=outage, user=self.member, expected_restore_at=later)
        outage_cause_found(outage=outage, user=self.member, cause="tree")
        outage_restore(outage=outage, user=self.member, how="remote")
        self.assertEqual(Outage.objects.get(pk=outage.pk).status, Outage.Status.RESTORED)

    def test_a_crew_whose_job_is_joined_to_another_crew_s_outage_works_it_too(self) -> None:
        # Its phone shows it the outage's job, so it may take the outage's steps (walk25: it
        # was refused though the board and its phone said it was the outage's crew).
        outage, order = outage_job(self, crew=self.other_crew)
        order.crew = self.crew  # the order moved to this crew, the outage is the other's
        order.save(update_fields=["crew"])
        self.step(order, "on_site")
        self.step(order, "cause_found", cause="tree")
        outage.refresh_from_db()
        self.assertEqual(outage.link.cause_kind, "tree")
        outage_restore(outage=outage, user=self.member, how="remote")

    def test_a_crew_records_nothing_on_an_outage_no_crew_works(self) -> None:
        # Neither sent to the outage nor on one of its orders (a crew on one counts as sent:
        # tests/servicedesk/test_crew_already_on_outage.py).
        outage, order = outage_job(self)
        outage.link.crew = None
        outage.link.save()
        WorkOrder.objects.filter(pk=order.pk).update(crew=None, status="received")
        with self.assertRaises(PermissionDenied):
            outage_restore(outage=outage, user=self.member, how="remote")

    def test_the_office_still_records_any_outage_s_steps(self) -> None:
        outage, _order = outage_job(self, crew=self.other_crew)
        outage_estimate(
            outage=outage,
            user=self.clerk,
            expected_restore_at=timezone.now() + dt.timedelta(hours=1),
        )
        outage_cause_found(outage=outage, user=self.chief, cause="animal")
        outage_restore(outage=outage, user=self.clerk, how="remote")

    def test_an_estimate_in_the_past_or_a_week_away_is_refused(self) -> None:
        outage, _order = outage_job(self)
        for when in (timezone.now() - dt.timedelta(hours=1), timezone.now() + dt.timedelta(days=9)):
            with self.subTest(when=when), self.assertRaises(OutageError):
                outage_estimate(outage=outage, user=self.member, expected_restore_at=when)


class OneJobPerOutageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        add_crews(cls)

    def test_an_outage_s_joined_orders_are_one_job_on_the_crew_s_phone(self) -> None:
        from powerdesk.customers.models import Customer
        from powerdesk.outages.joined import outage_order_for_call
        from powerdesk.servicedesk.models import Call

        outage, _order = outage_job(self)
        neighbour = Customer.objects.create(
            station=self.station_a,
            account_number="53250000099",
            name="邻居",
            village=self.village,
            transformer=self.transformer,
        )
        for customer in (neighbour, self.customer):
            call = Call.objects.create(
                station=self.station_a,
                received_at=timezone.now(),
                customer=customer,
                text="也停电了",
            )
            outage_order_for_call(outage=outage, call=call, user=self.clerk)
        # The later callers join the crew's job, which is the outage's order (walk37, 15).
        self.assertEqual(list(outage.link.work_orders.all()), [_order])
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.outage, outage)
        outage.link.refresh_from_db()
        self.assertEqual((job.order, outage.link.order), (_order, _order))


class AcceptAskedOnceTests(BaseTestCase):
    """Accepting an outage's job asks whether it was accepted once: the job's order is read
    with its acceptance (``crew_jobs``), and the step does not ask again."""

    def accepted_asked(self, queries: list[dict[str, str]]) -> int:
        from powerdesk.servicedesk.crew_accepted import ACCEPTED_NOTE

        return sum(
            q["sql"].lstrip().upper().startswith("SELECT") and ACCEPTED_NOTE in q["sql"]
            for q in queries
        )

    def test_accepting_an_outage_s_job_asks_once_with_the_same_result(self) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        add_crews(self)
        _outage, order = outage_job(self)
        self.assertFalse(is_accepted(order))
        with CaptureQueriesContext(connection) as first:
            crew_step_take(work_order=order, step="accept", user=self.member, fields={})
        self.assertEqual(self.accepted_asked(first.captured_queries), 1)
        self.assertTrue(is_accepted(order))
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.stage, "accepted")
        # Accepted again (a double tap): still one line, and still asked once.
        with CaptureQueriesContext(connection) as again:
            crew_step_take(work_order=order, step="accept", user=self.member, fields={})
        self.assertEqual(self.accepted_asked(again.captured_queries), 1)
        self.assertEqual(order.events.filter(note_code="accepted").count(), 1)
