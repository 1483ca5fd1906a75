"""The lines the system writes in a work order's history are read in the reader's language: an
English page says "Joined to the outage on …" where the station's history is "已并入…停电"
(walkthrough), lines stored before are read the same way, and what a person typed is shown as
typed. The words stored stay the station's (exports, search, the API)."""

from __future__ import annotations

import re

from django.urls import reverse

from powerdesk.servicedesk.crew_accepted import is_accepted
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import WorkOrderEvent
from powerdesk.servicedesk.promises import promise_make
from powerdesk.servicedesk.services import work_order_note
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews, outage_job

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
CJK = re.compile(r"[\u3400-\u9fff]")


class HistoryInReaderLanguageTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.outage, self.order = outage_job(self)
        self.device = str(self.outage.device)

    def history(self, **headers: str) -> list[str]:
        self.login(self.chief)
        page = self.client.get(
            reverse("servicedesk:work_order", args=[self.order.pk]), **headers
        ).content.decode()
        body = page[page.rindex("<tbody>") : page.rindex("</tbody>")]
        return [re.sub(r"<[^>]+>", "", row) for row in body.split("</tr>") if row.strip()]

    def test_joined_to_the_outage_reads_in_english_and_is_stored_in_chinese(self) -> None:
        joined = self.order.events.get(note_code="joined_outage")
        self.assertEqual(joined.note, f"已并入{self.device}停电：复电时一并办结。")
        english = self.history(**ENGLISH)
        said = f"Joined to the outage on {self.device}: the restore resolves it."
        self.assertTrue(any(said in row for row in english), english)
        self.assertFalse(any("已并入" in row for row in english), english)
        chinese = self.history()
        self.assertTrue(any(joined.note in row for row in chinese), chinese)

    def test_a_line_stored_before_the_codes_reads_in_english_too(self) -> None:
        WorkOrderEvent.objects.create(
            work_order=self.order,
            at=self.order.created_at,
            kind=WorkOrderEvent.Kind.STATUS,
            to_status="resolved",
            note="已复电（停电事件已恢复）。",
        )
        WorkOrderEvent.objects.create(
            work_order=self.order,
            at=self.order.created_at,
            kind=WorkOrderEvent.Kind.NOTE,
            note="已并入10kV左门线出线开关停电：复电时一并办结。",
        )
        english = " | ".join(self.history(**ENGLISH))
        self.assertIn("Power is back (outage restored).", english)
        self.assertIn(
            "Joined to the outage on 10kV左门线出线开关: the restore resolves it.", english
        )
        self.assertNotIn("已复电", english)

    def test_what_a_person_typed_is_shown_as_typed(self) -> None:
        work_order_note(work_order=self.order, note="已并入别的单子，勿重复派工", user=self.chief)
        self.assertIn("已并入别的单子，勿重复派工", " | ".join(self.history(**ENGLISH)))

    def test_the_crew_s_acceptance_and_a_promise_read_in_english(self) -> None:
        crew_step_take(work_order=self.order, step="accept", user=self.member, fields={})
        self.assertTrue(is_accepted(self.order))  # the job list still finds it accepted
        accepted = self.order.events.get(note_code="accepted")
        self.assertEqual(accepted.note, "班组已接单")
        promise_make(
            station=self.station_a,
            user=self.clerk,
            work_order=self.order,
            text="明天上午10点前来电",
            due_at=self.order.created_at.replace(year=self.order.created_at.year + 1),
        )
        english = " | ".join(self.history(**ENGLISH))
        self.assertIn("The crew accepted the job", english)
        self.assertIn("Promise: 明天上午10点前来电 (by ", english)
        self.assertNotIn("班组已接单", english)
        self.assertNotIn("承诺：", english)
        chinese = " | ".join(self.history())
        self.assertIn(zh("The crew accepted the job"), chinese)

    def test_the_crew_s_cause_found_reads_in_english(self) -> None:
        WorkOrderEvent.objects.create(  # a line stored before the code, and one with it
            work_order=self.order,
            at=self.order.created_at,
            kind=WorkOrderEvent.Kind.NOTE,
            note="查明原因：树枝搭线 @ 03号杆",
        )
        WorkOrderEvent.objects.create(
            work_order=self.order,
            at=self.order.created_at,
            kind=WorkOrderEvent.Kind.NOTE,
            **note_said("cause_found", cause="表箱进水 @ F1"),
        )
        english = " | ".join(self.history(**ENGLISH))
        self.assertIn("Cause found: 树枝搭线 @ 03号杆", english)
        self.assertIn("Cause found: 表箱进水 @ F1", english)
        self.assertNotIn("查明原因", english)
        self.assertEqual(
            self.order.events.get(note_code="cause_found").note, "查明原因：表箱进水 @ F1"
        )

    def test_the_promise_field_s_example_is_in_the_page_s_language(self) -> None:
        self.login(self.chief)
        page = self.client.get(
            reverse("servicedesk:work_order", args=[self.order.pk]), **ENGLISH
        ).content.decode()
        placeholder = re.search(r'name="text" placeholder="([^"]*)"', page)
        assert placeholder is not None
        self.assertIsNone(CJK.search(placeholder.group(1)), placeholder.group(1))
