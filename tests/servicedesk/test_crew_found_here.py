"""Found here from the crew's phone: where the fault was, on the crew's own jobs only, taken
from the card's form or from the steps kept without signal, and told to the engine."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Crew, Role
from powerdesk.outages.crew import require_find_on_outage
from powerdesk.outages.models import FoundPlace, Signal, SignalType
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.workflow import WorkOrderError
from tests.base import BaseTestCase, make_user
from tests.servicedesk.crew_cast import add_crews, outage_job, plain_job


class CrewFoundHereTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def step(self, order, step, user=None, at=None, **fields):  # type: ignore[no-untyped-def]
        return crew_step_take(
            work_order=order, step=step, user=user or self.member, fields=fields, at=at
        )

    def sync(self, *items):  # type: ignore[no-untyped-def]
        response = self.client.post(
            reverse("servicedesk:crew_sync"),
            json.dumps({"items": list(items)}),
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()["results"]

    def test_the_card_ranks_the_outage_s_places_with_a_found_here_once_on_patrol(self) -> None:
        _outage, order = outage_job(self)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn('data-testid="crew-patrol-ZM-B01-T1"', page)
        form = page[page.index('data-crew-step="found_here"') :]
        self.assertIn(" hidden>", form[: form.index(">") + 1])  # not before setting out
        self.step(order, "on_the_way")
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        form = page[page.index('data-crew-step="found_here"') :]
        self.assertNotIn(" hidden>", form[: form.index(">") + 1])
        self.assertIn('name="place" value="ZM-B01-T1"', page)

    def test_found_here_kept_without_signal_is_taken_at_its_time_and_told_to_the_engine(
        self,
    ) -> None:
        outage, order = outage_job(self)
        self.step(order, "on_the_way")
        self.step(order, "on_site")
        self.login(self.member)
        made = timezone.now() - dt.timedelta(minutes=7)
        [answer] = self.sync(
            {
                "client_id": str(uuid.uuid4()),
                "order": order.pk,
                "step": "found_here",
                "fields": {"place": "ZM-B01-T1", "cause": "animal", "note": "蛇爬上台架"},
                "made_at": made.isoformat(),
            }
        )
        self.assertEqual(answer["status"], "ok", answer)
        self.assertIn("动物", " ".join(answer["saved"]))
        found = FoundPlace.objects.get(outage=outage)
        self.assertEqual(
            (found.place, found.device, found.cause, found.found_by, found.note),
            ("ZM-B01-T1", self.transformer, "animal", self.member, "蛇爬上台架"),
        )
        self.assertEqual(found.found_at, made)
        signal = Signal.objects.get(type=SignalType.CONFIRM_OPEN, device=self.transformer)
        self.assertEqual((signal.source, signal.event_at), ("crew", made))
        outage.refresh_from_db()
        # The kind is the link's; the cause keeps the crew's words (drawn with the kind's label).
        self.assertEqual((outage.cause_kind, outage.cause), ("animal", "蛇爬上台架"))
        self.assertEqual(outage.cause_shown, "动物 · 蛇爬上台架")
        # The cause is found with it: the card offers "power is back" next.
        self.assertEqual(crew_jobs_for(self.member, self.station_a)[0].stage, "cause_found")

    def test_a_crew_not_working_the_outage_is_refused_and_nothing_is_stored(self) -> None:
        outage, order = outage_job(self, crew=self.other_crew)
        outsider = Crew.objects.create(station=self.station_a, name="抢修三班")
        stranger = make_user("crew3", self.station_a, Role.CREW)
        outsider.members.add(stranger)
        self.step(order, "on_the_way", user=self.other_member)
        with self.assertRaises(PermissionDenied):  # on neither the outage nor its orders
            require_find_on_outage(stranger, outage)
        with self.assertRaises(PermissionDenied):  # nor on another crew's order
            self.step(order, "found_here", user=stranger, place="ZM-B01-T1", cause="tree")
        self.assertFalse(FoundPlace.objects.filter(outage=outage).exists())
        self.assertFalse(Signal.objects.filter(type=SignalType.CONFIRM_OPEN).exists())
        # A crew already on one of its orders counts as sent: its phone shows it the job
        # (tests/servicedesk/test_crew_already_on_outage.py).
        order.crew = self.crew
        order.save(update_fields=["crew"])
        self.step(order, "found_here", place="ZM-B01-T1", cause="tree")
        self.assertTrue(FoundPlace.objects.filter(outage=outage).exists())

    def test_before_setting_out_nothing_is_found(self) -> None:
        _outage, order = outage_job(self)
        with self.assertRaisesMessage(WorkOrderError, "出发"):
            self.step(order, "found_here", place="ZM-B01-T1", cause="tree")

    def test_on_a_job_without_an_outage_the_device_found_open_is_told_to_the_engine(
        self,
    ) -> None:
        order = plain_job(self)
        self.step(order, "on_the_way")
        at = timezone.now() - dt.timedelta(minutes=3)
        saved = self.step(order, "found_here", at=at, device="哔叭支线02号杆跌落式熔断器")
        self.assertIn("哔叭支线02号杆跌落式熔断器", saved.lines[0])
        signal = Signal.objects.get(type=SignalType.CONFIRM_OPEN)
        self.assertEqual((signal.device, signal.event_at), (self.fuse, at))
        self.assertTrue(order.events.filter(at=at, note__contains="跌落式熔断器").exists())
