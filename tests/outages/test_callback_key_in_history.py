"""A household's callback tried with an API key names the key in the outage's history line, as
the callbacks page names it (desk76, left by export74: the line's ``by`` is empty for a key,
and the line named nobody); a person's try stays named by its ``by``."""

from __future__ import annotations

from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import OutageEvent
from powerdesk.outages.outage_callback_record import outage_callback_record
from tests.base import BaseTestCase
from tests.servicedesk.test_callback_sent_twice import restored_callback

KEY_NAME = "县公司看板"


class KeyNamedInHistoryTests(BaseTestCase):
    def test_a_key_s_try_names_the_key_in_the_outage_s_history(self) -> None:
        callback = restored_callback(self)
        _token, key = token_create(station_id=self.station_a.pk, name=KEY_NAME)
        outage_callback_record(callback=callback, user=self.clerk, outcome="not_reached")
        answer = self.client.post(
            f"/api/v1/outages/{callback.outage_id}/callbacks/{callback.pk}",
            {"outcome": "retry", "note": "占线"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        self.assertEqual(answer.status_code, 200, answer.content)
        person, by_key = OutageEvent.objects.filter(
            outage=callback.outage, what="callback_tried"
        ).order_by("at", "pk")
        self.assertEqual(person.by, self.clerk)
        self.assertNotIn(KEY_NAME, person.note)
        self.assertIsNone(by_key.by)
        self.assertIn(KEY_NAME, by_key.note)
        self.assertIn("占线", by_key.note)
