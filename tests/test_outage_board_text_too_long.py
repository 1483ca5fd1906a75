"""The outage board's other forms: no ``maxlength`` (a cause's note, an estimate's reason, a
restore's note, a device typed for a move or still open, a patrol place's note); too long,
each is refused at its field with its limit and the length typed, what was typed kept whole
(a device typed was cut to 60 before it was looked up; the cause's note cut to 200)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import FoundPlace, Outage
from powerdesk.outages.patrol import outage_found_here
from powerdesk.outages.patrol_cache import patrol_cached
from powerdesk.outages.services import OutageError, outage_declare
from tests.base import BaseTestCase
from tests.servicedesk.intake_page import predict_outage
from tests.test_outage_form_errors import field_errors


class BoardTextTooLongTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.chief)
        self.outage = outage_declare(
            station=self.station_a,
            user=None,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=30),
        )

    def post(self, data: dict[str, Any]) -> Any:
        return self.client.post(reverse("outages:list"), data)

    def assert_refused(self, response: Any, field: str, limit: int, typed: str) -> str:
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        said = field_errors(html, field)
        self.assertIn(str(limit), said)
        self.assertIn(str(len(typed)), said)
        self.assertIn(f'value="{typed}"', html)
        return html

    def test_the_board_s_forms_carry_no_maxlength(self) -> None:
        predict_outage(self.station_a, self.transformer)
        html = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn('name="note"', html)
        self.assertFalse(re.search(r"<(input|textarea)[^>]*maxlength", html))

    def test_a_cause_note_too_long_is_refused_not_cut(self) -> None:
        typed = "鸟" * 201
        response = self.post(
            {"action": "cause", "outage": self.outage.pk, "cause": "lightning", "note": typed}
        )
        self.assert_refused(response, "note", 200, typed)
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.cause, "")

    def test_a_restore_note_too_long_is_refused(self) -> None:
        typed = "复" * 301
        response = self.post(
            {"action": "restore_at", "outage": self.outage.pk, "cause": "lightning", "note": typed}
        )
        self.assert_refused(response, "note", 300, typed)
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)

    def test_a_device_typed_too_long_is_refused_not_cut_to_a_name(self) -> None:
        prediction = predict_outage(self.station_a, self.transformer)
        typed = self.fuse.code + "号" * 70
        response = self.post({"action": "move", "prediction": prediction.pk, "device": typed})
        self.assert_refused(response, "device", 60, typed)

    def test_the_service_refuses_a_found_place_s_note_too_long(self) -> None:
        with self.assertRaises(OutageError) as caught:
            outage_found_here(
                outage=self.outage, user=self.chief, place="x", cause="lightning", note="x" * 151
            )
        self.assertEqual(caught.exception.field, "note")
        self.assertFalse(FoundPlace.objects.exists())

    def test_a_found_place_s_note_too_long_is_said_at_its_field_typed_kept(self) -> None:
        place = patrol_cached(self.outage)[0]
        typed = "竹" * 151
        response = self.client.post(
            reverse("outages:patrol", args=[self.outage.pk]),
            {
                "place": place.key,
                "cause": "tree",
                "note": typed,
                "next": reverse("outages:board"),
            },
        )
        html = self.assert_refused(response, "note", 150, typed)
        self.assertIn('data-testid="mend-found_here"', html)
        self.assertIn(place.label, html)
        self.assertIn(f'value="{place.key}"', html)
        self.assertIn('value="tree" selected', html)
        self.assertIn(reverse("outages:patrol", args=[self.outage.pk]), html)
        self.assertFalse(FoundPlace.objects.exists())
        self.assertFalse(self.outage.events.filter(what="found_here").exists())
