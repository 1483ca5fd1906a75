"""A text typed into an order's action too long (walkthrough 28, finding 5, beyond the promise):
the page cut a pasted pause reason or note at its ``maxlength`` without a word, or, posted,
the refusal was a line under the title with what was typed gone. Now: no ``maxlength``;
refused at its field with its limit and the length typed, all that was typed kept there."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase


def field_error(response: Any, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}">([^<]*)<', response.content.decode())
    return found.group(1) if found else ""


class OrderTextTooLongTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.chief)
        self.order = work_order_create(
            station=self.station_a,
            user=self.chief,
            category="fault_repair",
            summary="停电",
            customer=self.customer,
        )

    def act(self, **data: str) -> Any:
        url = reverse("servicedesk:work_order_action", args=[self.order.pk])
        return self.client.post(url, data, follow=True)

    def errors(self, response: Any) -> list[str]:
        return [str(m) for m in response.context["messages"] if m.level_tag == "error"]

    def test_the_order_page_s_texts_carry_no_maxlength(self) -> None:
        page = self.client.get(self.order.get_absolute_url()).content.decode()
        for name in ("reason", "note"):
            tags = re.findall(rf'<input type="text" name="{name}"[^>]*>', page)
            self.assertTrue(tags, name)
            for tag in tags:
                self.assertNotIn("maxlength", tag)

    def test_a_note_too_long_is_refused_at_its_field_and_kept(self) -> None:
        before = WorkOrderEvent.objects.filter(work_order=self.order).count()
        response = self.act(action="note", note="记" * 2001)
        said = field_error(response, "note-note-error")
        self.assertIn("2000", said)
        self.assertIn("2001", said)
        self.assertFalse(self.errors(response))
        page = response.content.decode()
        self.assertIn('value="' + "记" * 2001 + '"', page)
        self.assertIn('aria-describedby="note-note-error"', page)
        self.assertEqual(WorkOrderEvent.objects.filter(work_order=self.order).count(), before)
        # Shown once: the page opened again is empty.
        again = self.client.get(self.order.get_absolute_url())
        self.assertEqual(field_error(again, "note-note-error"), "")

    def test_a_pause_reason_too_long_is_refused_at_its_field_and_kept(self) -> None:
        response = self.act(action="pause", reason="因" * 250)
        said = field_error(response, "pause-reason-error")
        self.assertIn("200", said)
        self.assertIn("250", said)
        self.assertFalse(self.errors(response))
        self.assertIn('value="' + "因" * 250 + '"', response.content.decode())
        self.order.refresh_from_db()
        self.assertIsNone(self.order.paused_at)

    def test_a_reason_that_fits_pauses_the_clock(self) -> None:
        self.act(action="pause", reason="因" * 200)
        self.assertIsNotNone(WorkOrder.objects.get(pk=self.order.pk).paused_at)
