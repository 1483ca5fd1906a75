"""Walk67 L4: "无故障，到场时已有电" on an order's own job closed it with an empty note, so nothing
of what the crew saw was kept for the callback. A short note is required (what was found),
bounded as a place walked is, from the card and from the phone's queue alike; an outage's
"power on at arrival" keeps its note optional."""

from __future__ import annotations

import json
import uuid
from html import unescape

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.servicedesk.crew_nothing_found import NOTHING_NOTE_CHARS
from powerdesk.servicedesk.crew_step_asks import FieldRefused
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrderStatus
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job, plain_job


class NothingFoundNoteTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.order = plain_job(self)
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=self.order, step=step, user=self.member, fields={})

    def nothing_found(self, note: str) -> None:
        crew_step_take(
            work_order=self.order, step="nothing_found", user=self.member, fields={"note": note}
        )

    def test_an_empty_or_blank_note_is_refused_at_the_note(self) -> None:
        for note in ("", "   ", "x", "。。", "1"):  # walk68 L2: "x" says nothing
            with self.assertRaises(FieldRefused) as refused:
                self.nothing_found(note)
            self.assertEqual(refused.exception.field, "note")
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, WorkOrderStatus.ON_SITE)
        self.assertFalse(self.order.events.filter(note_code="nothing_found").exists())

    def test_a_note_past_its_bound_is_refused_never_cut(self) -> None:
        with translation.override("en"), self.assertRaises(FieldRefused) as refused:
            self.nothing_found("查" * (NOTHING_NOTE_CHARS + 1))
        self.assertIn(str(NOTHING_NOTE_CHARS + 1), str(refused.exception))
        self.nothing_found("查" * NOTHING_NOTE_CHARS)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, WorkOrderStatus.RESOLVED)

    def test_the_card_asks_it_and_says_the_refusal_at_the_note(self) -> None:
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        form = page[page.index('data-crew-step="nothing_found"') :]
        form = form[: form.index("</form>")]
        note = form[form.index('name="note"') :]
        self.assertIn(" required", note[: note.index(">")])
        answer = self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]),
            {"step": "nothing_found", "note": ""},
            follow=True,
        )
        shown = unescape(answer.content.decode())
        said = shown[shown.index(f'id="nothing-note-error-{self.order.pk}"') :]
        self.assertNotIn(" hidden", said[: said.index(">")])
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, WorkOrderStatus.ON_SITE)

    def test_the_phone_s_queue_is_told_too(self) -> None:
        self.login(self.member)
        item = {
            "client_id": str(uuid.uuid4()),
            "order": self.order.pk,
            "step": "nothing_found",
            "fields": {"note": ""},
            "made_at": timezone.now().isoformat(),
        }
        response = self.client.post(
            reverse("servicedesk:crew_sync"),
            json.dumps({"items": [item]}),
            content_type="application/json",
        )
        [answer] = response.json()["results"]
        self.assertEqual(answer["status"], "conflict", answer)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, WorkOrderStatus.ON_SITE)


class PowerOnAtArrivalNoteTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def test_an_outage_s_power_on_at_arrival_needs_no_note(self) -> None:
        _outage, order = outage_job(self)
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=order, step=step, user=self.member, fields={})
        crew_step_take(work_order=order, step="nothing_found", user=self.member, fields={})
        order.refresh_from_db()
        self.assertEqual(order.status, WorkOrderStatus.RESOLVED)
