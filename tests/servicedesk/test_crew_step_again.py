"""A step sent twice (a double tap on the phone, a retry after a lost answer) is the same step:
answered as taken, stored once, with no second line of history, never refused in the state
machine's words ("“在途”的工单不能变为“在途”")."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import OutageEvent
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrderEvent
from powerdesk.servicedesk.workflow import WorkOrderError
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job, plain_job

URL = reverse("servicedesk:crew_sync")


def item(order, step, minutes_ago, **fields):  # type: ignore[no-untyped-def]
    made = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return {
        "client_id": str(uuid.uuid4()),
        "order": order.pk,
        "step": step,
        "fields": fields,
        "made_at": made.isoformat(),
    }


class CrewStepAgainTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def step(self, order, step, user=None, **fields):  # type: ignore[no-untyped-def]
        return crew_step_take(work_order=order, step=step, user=user or self.member, fields=fields)

    def history(self, order) -> int:  # type: ignore[no-untyped-def]
        return WorkOrderEvent.objects.filter(work_order=order).count()

    def test_each_step_tapped_twice_is_taken_once_and_answered_as_the_first(self) -> None:
        order = plain_job(self)
        for step, fields in (
            ("accept", {}),
            ("on_the_way", {}),
            ("on_site", {}),
            ("cause_found", {"cause": "熔丝熔断", "device": self.fuse.code}),
            ("restored", {"note": "更换熔丝"}),
        ):
            with self.subTest(step=step):
                first = self.step(order, step, **fields)
                lines = self.history(order)
                again = self.step(order, step, **fields)
                self.assertEqual(again, first)
                self.assertEqual(self.history(order), lines)  # no second line of history
        order.refresh_from_db()
        self.assertEqual(order.status, "resolved")

    def test_an_earlier_step_sent_after_a_later_one_is_taken_as_done(self) -> None:
        order = plain_job(self)
        self.step(order, "on_the_way")
        self.step(order, "on_site")
        lines = self.history(order)
        self.assertIn("出发", self.step(order, "on_the_way").lines[0])
        self.assertIn("接单", self.step(order, "accept").lines[0])
        self.assertEqual(self.history(order), lines)

    def test_another_cause_is_a_correction_not_the_same_step(self) -> None:
        order = plain_job(self)
        self.step(order, "on_site")
        self.step(order, "cause_found", cause="熔丝熔断", device=self.fuse.code)
        lines = self.history(order)
        self.step(order, "cause_found", cause="树枝碰线", device=self.fuse.code)
        order.refresh_from_db()
        self.assertEqual(order.cause, "树枝碰线")
        self.assertEqual(self.history(order), lines + 1)

    def test_an_outage_job_s_steps_twice_are_one_line_in_the_outage_s_history(self) -> None:
        outage, order = outage_job(self)
        for step, fields in (
            ("on_the_way", {}),
            ("on_site", {}),
            ("cause_found", {"cause": "lightning", "note": "02号杆"}),
        ):
            self.step(order, step, **fields)
            self.step(order, step, **fields)
        whats = list(OutageEvent.objects.filter(outage=outage).values_list("what", flat=True))
        for what in ("on_the_way", "on_site", "cause_found"):
            self.assertEqual(whats.count(what), 1, whats)

    def test_a_job_restored_by_a_crewmate_is_still_refused_a_later_step(self) -> None:
        order = plain_job(self)
        self.crew.members.add(self.other_member)
        self.step(order, "on_site", user=self.other_member)
        self.step(order, "cause_found", user=self.other_member, cause="x", device=self.fuse.code)
        self.step(order, "restored", user=self.other_member)
        with self.assertRaises(WorkOrderError):
            self.step(order, "on_site")

    def test_a_double_tap_sent_as_two_steps_of_a_batch_is_two_oks(self) -> None:
        order = plain_job(self)
        self.login(self.member)
        response = self.client.post(
            URL,
            json.dumps({"items": [item(order, "on_the_way", 2), item(order, "on_the_way", 2)]}),
            content_type="application/json",
        )
        results = response.json()["results"]
        self.assertEqual([r["status"] for r in results], ["ok", "ok"], results)
        self.assertNotIn("不能变为", json.dumps(results, ensure_ascii=False))
        moves = WorkOrderEvent.objects.filter(
            work_order=order, kind="status", to_status="on_the_way"
        )
        self.assertEqual(moves.count(), 1)
