"""The device a crew names for a job's fault is on the line from the job's households to the
feeder: one on another branch (a typo, or a wrong account) is refused at the field with what
was typed kept, unless the crew ticks "It is this device", which the order's history records."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.crew_device_path import DeviceOffPathError
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrderEvent
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, on_site, other_branch_fuse, plain_job


class CrewDevicePathTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.other_fuse = other_branch_fuse(self)
        self.order = plain_job(self)
        on_site(self, self.order)

    def step(self, step, **fields):  # type: ignore[no-untyped-def]
        return crew_step_take(work_order=self.order, step=step, user=self.member, fields=fields)

    def test_a_device_on_the_customer_s_line_is_taken(self) -> None:
        for device in (self.fuse, self.pole, self.breaker, self.transformer):
            with self.subTest(device=device.code):
                self.step("cause_found", cause="熔丝熔断", device=device.code)
                self.order.refresh_from_db()
                self.assertEqual(self.order.device_found, device)

    def test_a_device_on_another_branch_is_refused_and_moves_nothing(self) -> None:
        with self.assertRaises(DeviceOffPathError) as refused:
            self.step("cause_found", cause="熔丝熔断", device="ZM-B09-F")
        self.assertEqual(refused.exception.field, "device")
        self.assertIn("干海支线01号杆跌落式熔断器", str(refused.exception))
        self.assertIn(self.transformer.name, str(refused.exception))
        self.order.refresh_from_db()
        self.assertEqual((self.order.cause, self.order.device_found), ("", None))

    def test_confirmed_it_is_taken_and_the_history_says_so(self) -> None:
        self.step("cause_found", cause="熔丝熔断", device="ZM-B09-F", other_device="1")
        self.order.refresh_from_db()
        self.assertEqual(self.order.device_found, self.other_fuse)
        line = WorkOrderEvent.objects.get(work_order=self.order, note_code="device_elsewhere")
        self.assertEqual(line.by, self.member)
        self.assertIn("干海支线01号杆跌落式熔断器", line.note)

    def test_the_phone_is_told_the_field_and_the_box_to_tick(self) -> None:
        self.login(self.member)
        made = (timezone.now() - dt.timedelta(minutes=1)).isoformat()
        body = {
            "items": [
                {
                    "client_id": str(uuid.uuid4()),
                    "order": self.order.pk,
                    "step": "cause_found",
                    "fields": {"cause": "熔丝熔断", "device": "ZM-B09-F"},
                    "made_at": made,
                }
            ]
        }
        response = self.client.post(
            reverse("servicedesk:crew_sync"), json.dumps(body), content_type="application/json"
        )
        [answer] = response.json()["results"]
        self.assertEqual(answer["status"], "conflict")
        self.assertEqual((answer["field"], answer["confirm"]), ("device", "other_device"))

    def test_the_form_without_the_script_keeps_what_was_typed_and_says_it_at_the_field(
        self,
    ) -> None:
        self.login(self.member)
        url = reverse("servicedesk:crew_step", args=[self.order.pk])
        page = self.client.post(
            url, {"step": "cause_found", "cause": "熔丝熔断", "device": "ZM-B09-F"}, follow=True
        ).content.decode()
        form = page[page.index('data-crew-step="cause_found"') :]
        form = form[: form.index("</form>")]
        self.assertIn('value="熔丝熔断"', form)
        self.assertIn('value="ZM-B09-F"', form)
        error = form[form.index('data-field-error="device"') :]
        self.assertNotIn("hidden", error[: error.index(">")])
        self.assertIn("干海支线01号杆跌落式熔断器", error[: error.index("</p>")])
        confirm = form[form.index('data-confirm="other_device"') :]
        self.assertNotIn("hidden", confirm[: confirm.index(">")])
        # Ticked, it is taken.
        self.client.post(
            url,
            {"step": "cause_found", "cause": "熔丝熔断", "device": "ZM-B09-F", "other_device": "1"},
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.device_found, self.other_fuse)

    def test_found_open_on_patrol_takes_a_device_anywhere_on_the_grid(self) -> None:
        saved = self.step("found_here", device="ZM-B09-F")
        self.assertIn("干海支线01号杆跌落式熔断器", saved.lines[0])
        self.assertFalse(
            WorkOrderEvent.objects.filter(work_order=self.order, note_code="device_elsewhere")
        )
