"""A visit's page: a text too long (materials, notes, a cancel's reason, a photo's caption) is
refused at its field with its limit and the length typed, never cut by a ``maxlength``; the
page is drawn again with all that was typed (a refusal redirected to the page and lost it)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from powerdesk.outreach.models import OutreachVisit, OutreachVisitEvent
from powerdesk.outreach.services import OutreachError, visit_cancel, visit_plan_once, visit_record
from tests.base import BaseTestCase
from tests.images import phone_jpeg
from tests.test_outage_form_errors import field_errors


class VisitTextTooLongTests(BaseTestCase):
    def setUp(self) -> None:
        self.visit = visit_plan_once(
            station=self.station_a,
            user=self.clerk,
            date=timezone.localdate(),
            title="左门村安全用电进村入户",
            villages=[self.village],
            staff=[self.clerk],
            topics=["safe_use"],
        )[0]
        self.url = reverse("outreach:visit", args=[self.visit.pk])
        self.login(self.clerk)

    def post(self, data: dict[str, Any]) -> Any:
        return self.client.post(self.url, data)

    def assert_refused(self, response: Any, field: str, limit: int, typed: str) -> str:
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        said = field_errors(html, field)
        self.assertIn(str(limit), said)
        self.assertIn(str(len(typed)), said)
        return html

    def test_the_page_carries_no_maxlength(self) -> None:
        html = self.client.get(self.url).content.decode()
        for name in ("materials", "reason", "caption"):
            self.assertIn(f'name="{name}"', html)
        self.assertIn('<textarea name="notes"', html)
        self.assertNotIn('maxlength="', html)

    def test_a_record_with_materials_too_long_is_refused_all_typed_kept(self) -> None:
        typed = "册" * 201
        data = {"action": "record", "households_reached": "0", "materials": typed}
        response = self.post(data | {"notes": "入户讲解，群众反响好"})
        html = self.assert_refused(response, "materials", 200, typed)
        self.assertIn(f'value="{typed}"', html)
        self.assertIn(">入户讲解，群众反响好</textarea>", html)
        self.visit.refresh_from_db()
        self.assertEqual(self.visit.status, OutreachVisit.Status.PLANNED)

    def test_a_record_with_notes_too_long_is_refused_and_kept(self) -> None:
        typed = "记" * 4001
        response = self.post({"action": "record", "households_reached": "0", "notes": typed})
        html = self.assert_refused(response, "notes", 4000, typed)
        self.assertIn(f">{typed}</textarea>", html)
        self.visit.refresh_from_db()
        self.assertEqual(self.visit.status, OutreachVisit.Status.PLANNED)

    def test_a_cancel_reason_too_long_is_refused_and_kept(self) -> None:
        typed = "因" * 301
        response = self.post({"action": "cancel", "reason": typed})
        html = self.assert_refused(response, "reason", 300, typed)
        self.assertIn(f'value="{typed}"', html)
        # In the product's words, naming the field (walkthrough 32, finding 4: "确保该变量…").
        self.assertIn("原因有 301 个字，最多 300 个字", html)
        self.assertNotIn("该变量", html)
        self.visit.refresh_from_db()
        self.assertEqual(self.visit.status, OutreachVisit.Status.PLANNED)

    def test_a_caption_too_long_is_refused_and_kept_no_photo_stored(self) -> None:
        typed = "照" * 101
        image = SimpleUploadedFile("a.jpg", phone_jpeg(), content_type="image/jpeg")
        response = self.post({"action": "photo", "caption": typed, "image": image})
        html = self.assert_refused(response, "caption", 100, typed)
        self.assertIn(f'value="{typed}"', html)
        self.assertFalse(self.visit.photos.exists())

    def test_the_services_refuse_texts_too_long_at_their_field(self) -> None:
        events = OutreachVisitEvent.objects.count()
        for call, field in [
            (lambda: visit_cancel(visit=self.visit, user=self.clerk, reason="x" * 301), "reason"),
            (
                lambda: visit_record(
                    visit=self.visit, user=self.clerk, households_reached=0, materials="y" * 201
                ),
                "materials",
            ),
            (
                lambda: visit_record(
                    visit=self.visit, user=self.clerk, households_reached=0, notes="z" * 4001
                ),
                "notes",
            ),
        ]:
            with self.subTest(field), self.assertRaises(OutreachError) as caught:
                call()
            self.assertEqual(caught.exception.field, field)
        self.visit.refresh_from_db()
        self.assertEqual(self.visit.status, OutreachVisit.Status.PLANNED)
        self.assertEqual(OutreachVisitEvent.objects.count(), events)
