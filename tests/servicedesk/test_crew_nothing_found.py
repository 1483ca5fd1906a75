"""A crew that finds nothing wrong says so (walk64, M1): an order's own job closed as "no fault
found" with no device found; an outage's job "power on at arrival", restored at the arrival and
counted as an interruption only until the dispatcher or the chief confirms it was none; a place
of the patrol walked with nothing found, which no later patrol counts as a fault found. Each
from the card, the offline queue, once however often it is sent, by the crew's own only."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.models import Crew, Role
from powerdesk.lib.forms import InputError
from powerdesk.outages.models import FoundPlace, Outage, OutageEvent
from powerdesk.outages.patrol_history import FaultHistory
from powerdesk.reliability.selectors import interruptions
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrderStatus
from powerdesk.servicedesk.workflow import WorkOrderError
from tests.base import BaseTestCase, make_user
from tests.servicedesk.crew_cast import add_crews, outage_job, plain_job


class NothingFoundTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def step(self, order, step, user=None, **fields):  # type: ignore[no-untyped-def]
        return crew_step_take(work_order=order, step=step, user=user or self.member, fields=fields)

    def sync(self, order: Any, step: str, client_id: str = "", **fields: str) -> dict[str, Any]:
        self.login(self.member)
        response = self.client.post(
            reverse("servicedesk:crew_sync"),
            json.dumps(
                {
                    "items": [
                        {
                            "client_id": client_id or str(uuid.uuid4()),
                            "order": order.pk,
                            "step": step,
                            "fields": fields,
                            "made_at": timezone.now().isoformat(),
                        }
                    ]
                }
            ),
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()["results"][0]

    # -- an order's own job ---------------------------------------------------------------------
    def test_an_order_is_closed_with_no_fault_and_no_device_found(self) -> None:
        order = plain_job(self)
        self.step(order, "on_the_way")
        self.step(order, "on_site")
        with translation.override("en"):
            saved = self.step(order, "nothing_found", note="到场时用户家已有电，未发现故障")
        order.refresh_from_db()
        self.assertEqual(order.status, WorkOrderStatus.RESOLVED)
        self.assertIsNone(order.device_found)
        self.assertEqual(order.cause_kind, "none_found")
        self.assertIn("No fault found", saved.lines[0])
        with translation.override("en"):
            self.assertIn("No fault found", order.cause_shown)
        self.assertEqual(order.events.filter(note_code="nothing_found").count(), 1)

    def test_the_order_s_page_says_no_fault_was_found(self) -> None:
        order = plain_job(self)
        self.step(order, "on_the_way")
        self.step(order, "on_site")
        self.step(order, "nothing_found", note="到场时已有电")
        self.login(self.chief)
        with translation.override("en"):
            page = self.client.get(
                reverse("servicedesk:work_order", args=[order.pk]), HTTP_ACCEPT_LANGUAGE="en"
            ).content.decode()
        self.assertIn("到场时已有电", page)
        self.assertNotIn(f"@ {self.fuse.name}", page)

    def test_sent_again_from_the_offline_queue_it_is_taken_once(self) -> None:
        order = plain_job(self)
        self.step(order, "on_the_way")
        self.step(order, "on_site")
        first = self.sync(order, "nothing_found", note="无异常")
        self.assertEqual(first["status"], "ok", first)
        again = self.sync(order, "nothing_found", note="无异常")
        self.assertEqual(again["status"], "ok", again)
        self.assertEqual(order.events.filter(note_code="nothing_found").count(), 1)
        self.assertEqual(order.events.filter(to_status="resolved").count(), 1)

    def test_not_before_arriving_and_not_by_another_crew(self) -> None:
        order = plain_job(self)
        self.step(order, "on_the_way")
        with self.assertRaises(WorkOrderError):
            self.step(order, "nothing_found")
        self.step(order, "on_site")
        outsider = Crew.objects.create(station=self.station_a, name="抢修三班")
        stranger = make_user("crew3", self.station_a, Role.CREW)
        outsider.members.add(stranger)
        with self.assertRaises(PermissionDenied):
            self.step(order, "nothing_found", user=stranger)
        order.refresh_from_db()
        self.assertEqual(order.status, WorkOrderStatus.ON_SITE)

    def test_the_card_offers_it_on_site(self) -> None:
        order = plain_job(self)
        self.step(order, "on_the_way")
        self.step(order, "on_site")
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        form = page[page.index('data-crew-step="nothing_found"') :]
        self.assertNotIn(" hidden>", form[: form.index(">") + 1])
        self.assertNotIn('name="device"', form[: form.index("</form>")])

    # -- an outage's job ------------------------------------------------------------------------
    def test_an_outage_found_on_is_restored_at_the_arrival_and_confirmed_by_the_office(
        self,
    ) -> None:
        outage, order = outage_job(self)
        self.step(order, "on_the_way")
        self.step(order, "on_site")
        order.refresh_from_db()
        arrived = order.arrived_at
        answer = self.sync(order, "nothing_found", note="熔断器合着，线路无异常")
        self.assertEqual(answer["status"], "ok", answer)
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.RESTORED)
        self.assertEqual(outage.restored_at, arrived)
        self.assertEqual(
            (outage.power_on_found_at, outage.power_on_found_by), (arrived, self.member)
        )
        self.assertFalse(FoundPlace.objects.filter(outage=outage).exists())
        order.refresh_from_db()
        self.assertEqual(order.status, WorkOrderStatus.RESOLVED)
        # Counted until the dispatcher or the chief confirms it was none.
        self.assertIn(outage, interruptions(self.station_a))
        with self.assertRaises(PermissionDenied):
            from powerdesk.outages.power_found_on import outage_not_interruption

            outage_not_interruption(outage=outage, user=self.clerk)
        self.login(self.chief)
        response = self.client.post(
            reverse("outages:list"), {"action": "not_interruption", "outage": outage.pk}
        )
        self.assertIn(response.status_code, (200, 302))
        outage.refresh_from_db()
        self.assertEqual(outage.not_interruption_by, self.chief)
        self.assertNotIn(outage, interruptions(self.station_a))
        self.assertEqual(
            OutageEvent.objects.filter(outage=outage, note_code="not_interruption").count(), 1
        )
        # Sent again: answered as taken, nothing stored twice.
        again = self.sync(order, "nothing_found", note="熔断器合着，线路无异常")
        self.assertEqual(again["status"], "ok", again)
        self.assertEqual(
            OutageEvent.objects.filter(outage=outage, note_code="power_found_on").count(), 1
        )

    def test_the_reliability_figures_leave_out_an_outage_confirmed_no_interruption(self) -> None:
        from powerdesk.reliability.selectors import reliability_by_area

        outage, order = outage_job(self)
        self.step(order, "on_the_way")
        self.step(order, "on_site")
        self.step(order, "nothing_found")
        now = timezone.now() + dt.timedelta(minutes=1)

        def customer_interruptions() -> int:
            figures = reliability_by_area(self.station_a, now.year, now=now)
            return sum(f.year().customer_interruptions for f in figures.values())

        counted = customer_interruptions()
        self.assertGreater(counted, 0)
        from powerdesk.outages.power_found_on import outage_not_interruption

        self.assertTrue(outage_not_interruption(outage=outage, user=self.chief))
        self.assertFalse(outage_not_interruption(outage=outage, user=self.chief))
        self.assertEqual(customer_interruptions(), 0)

    # -- on patrol ------------------------------------------------------------------------------
    def test_a_place_patrolled_with_nothing_found_is_no_fault_found_there(self) -> None:
        outage, order = outage_job(self)
        self.step(order, "on_the_way")
        first = self.sync(order, "nothing_here", place="ZM-B01-T1", note="熔断器合着")
        self.assertEqual(first["status"], "ok", first)
        self.sync(order, "nothing_here", place="ZM-B01-T1", note="熔断器合着")
        lines = OutageEvent.objects.filter(outage=outage, note_code="nothing_here")
        self.assertEqual(lines.count(), 1)
        self.assertFalse(FoundPlace.objects.filter(outage=outage).exists())
        history = FaultHistory(self.station_a.pk)
        self.assertEqual(history.found, [])
        outage.refresh_from_db()
        self.assertEqual((outage.status, outage.cause_kind), (Outage.Status.ACTIVE, ""))
        with self.assertRaises(InputError):
            self.step(order, "nothing_here", place="NO-SUCH-PLACE")

    def test_the_card_offers_nothing_here_on_each_place_on_patrol(self) -> None:
        _outage, order = outage_job(self)
        self.step(order, "on_the_way")
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn('data-testid="nothing-here-ZM-B01-T1"', page)
        self.assertNotIn('data-testid="nothing-here-mark"', page)
        self.step(order, "nothing_here", place="ZM-B01-T1")
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        stop = page[page.index('data-testid="crew-patrol-ZM-B01-T1"') :]
        self.assertIn('data-testid="nothing-here-mark"', stop[: stop.index("</li>")])
