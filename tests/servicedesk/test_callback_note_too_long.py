"""The callbacks page: an outage's callback note carries no ``maxlength``; too long, it is
refused at its field on its row with its limit and the length typed, what was typed shown
again, the callback not recorded (the service refused nothing: it cut the note to 300). A work
order's callback comment (a Django form) is drawn without ``maxlength`` either."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.aftercare import outage_callback_done
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.services import OutageError, outage_declare
from tests.base import BaseTestCase
from tests.servicedesk.test_problem_notes import field_error


class CallbackNoteTooLongTests(BaseTestCase):
    def setUp(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind="unplanned"
        )
        # Listed once the outage is restored (none of an outage still open: review39, S1).
        Outage.objects.filter(pk=outage.pk).update(
            status=Outage.Status.RESTORED, restored_at=timezone.now()
        )
        self.callback = OutageCallback.objects.create(
            outage=outage, customer=self.customer, reason="elderly_alone", due_at=timezone.now()
        )
        self.login(self.chief)

    def test_the_note_has_no_maxlength(self) -> None:
        html = self.client.get(reverse("servicedesk:callbacks")).content.decode()
        self.assertIn(f'action="{reverse("outages:callback_done", args=[self.callback.pk])}"', html)
        self.assertNotIn('maxlength="', html)

    def test_a_note_too_long_is_refused_at_its_row_and_kept(self) -> None:
        typed = "回" * 301
        response = self.client.post(
            reverse("outages:callback_done", args=[self.callback.pk]),
            {"outcome": "reached", "satisfaction": "4", "note": typed},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        said = field_error(html, f"callback-note-errors-{self.callback.pk}")
        self.assertIn("300", said)
        self.assertIn("301", said)
        self.assertIn(f'value="{typed}"', html)
        self.callback.refresh_from_db()
        self.assertIsNone(self.callback.done_at)
        # Said once: the next drawing of the list has the row as it was.
        again = self.client.get(reverse("servicedesk:callbacks")).content.decode()
        self.assertNotIn(typed, again)

    def test_the_service_refuses_a_note_too_long(self) -> None:
        with self.assertRaises(OutageError) as caught:
            outage_callback_done(callback=self.callback, user=self.chief, note="x" * 301)
        self.assertEqual(caught.exception.field, "note")
        self.callback.refresh_from_db()
        self.assertIsNone(self.callback.done_at)
